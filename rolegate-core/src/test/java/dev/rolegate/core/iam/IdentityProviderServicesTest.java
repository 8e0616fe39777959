package dev.rolegate.core.iam;

import static dev.rolegate.core.testing.AwsErrors.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.model.OidcProvider;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.testing.TestIam;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OidcProviderService over the in-memory store: URLs, client ids, thumbprints, tags
 * (SamlProviderService: rolegate-federation's SamlProviderServiceTest, with the real verifier).
 */
class IdentityProviderServicesTest {
  static final String GITHUB =
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
  static final String PRINT = "6938fd4d98bab03faadb97b34396831e3780aea1";

  final TestIam t = new TestIam();
  final OidcProviderService oidc = new OidcProviderService(t.iam);
  final Caller root = t.root();

  OidcProvider github() {
    return oidc.create(
        root,
        t.info(),
        "https://token.actions.githubusercontent.com",
        List.of("sts.amazonaws.com"),
        List.of(PRINT),
        List.of());
  }

  // ---------------------------------------------------------------- OIDC

  @Test
  void anOidcProviderIsKeyedByItsUrlWithoutScheme() {
    OidcProvider p = github();
    assertThat(p.arn()).isEqualTo(GITHUB);
    assertThat(p.url()).isEqualTo("token.actions.githubusercontent.com");
    assertThat(oidc.get(root, t.info(), GITHUB).clientIds()).containsExactly("sts.amazonaws.com");
    expect(
        this::github,
        AwsErrorCode.ENTITY_ALREADY_EXISTS,
        "Provider with url https://token.actions.githubusercontent.com already exists.");
    assertThat(
            oidc.create(
                    root, t.info(), "https://example.com/tenant/7", List.of(), List.of(), List.of())
                .arn())
        .isEqualTo("arn:aws:iam::123456789012:oidc-provider/example.com/tenant/7");
    assertThat(oidc.list(root, t.info()))
        .extracting(OidcProvider::url)
        .containsExactly("example.com/tenant/7", "token.actions.githubusercontent.com");
  }

  @Test
  void issuerUrlsMustBeHttpsOrLoopbackHttpWithoutQueryFragmentOrUserInfo() {
    for (String bad :
        List.of(
            "http://example.com",
            "ftp://example.com",
            "https://",
            "https:///path",
            "https://a.com?x=1",
            "https://a.com#f",
            "https://user@a.com",
            "example.com")) {
      expect(
          () -> oidc.create(root, t.info(), bad, List.of(), List.of(), List.of()),
          AwsErrorCode.VALIDATION_ERROR,
          "Invalid Open ID Connect Provider URL");
    }
    assertThat(OidcProvider.stripScheme("http://127.0.0.1:8080/issuer"))
        .isEqualTo("127.0.0.1:8080/issuer");
    assertThat(OidcProvider.stripScheme("http://localhost")).isEqualTo("localhost");
    assertThat(OidcProvider.stripScheme("http://[::1]:9")).isEqualTo("[::1]:9");
    assertThat(OidcProvider.isLoopback("localhost.example.com")).isFalse();
  }

  @Test
  void clientIdsAreKeptInOrderOnceAndAddAndRemoveAreIdempotent() {
    OidcProvider p =
        oidc.create(
            root,
            t.info(),
            "https://idp.example.com",
            List.of("a", "b", "a"),
            List.of(),
            List.of());
    assertThat(p.clientIds()).containsExactly("a", "b");
    oidc.addClientId(root, t.info(), p.arn(), "c");
    oidc.addClientId(root, t.info(), p.arn(), "a");
    oidc.removeClientId(root, t.info(), p.arn(), "b");
    oidc.removeClientId(root, t.info(), p.arn(), "never");
    assertThat(oidc.get(root, t.info(), p.arn()).clientIds()).containsExactly("a", "c");
    List<String> tooMany = new java.util.ArrayList<>();
    for (int i = 0; i <= OidcProviderService.MAX_CLIENT_IDS; i++) {
      tooMany.add("client-" + i);
    }
    expect(
        () ->
            oidc.create(root, t.info(), "https://many.example.com", tooMany, List.of(), List.of()),
        AwsErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");
  }

  @Test
  void thumbprintsAreFortyHexDigitsAtMostFiveAndUpdateReplacesThem() {
    OidcProvider p = github();
    expect(
        () ->
            oidc.create(
                root,
                t.info(),
                "https://x.example.com",
                List.of(),
                Collections.nCopies(6, PRINT),
                List.of()),
        AwsErrorCode.INVALID_INPUT,
        "Thumbprint list must contain fewer than 5 entries.");
    expect(
        () ->
            oidc.create(
                root, t.info(), "https://x.example.com", List.of(), List.of("abc"), List.of()),
        AwsErrorCode.VALIDATION_ERROR);
    expect(
        () ->
            oidc.create(
                root,
                t.info(),
                "https://x.example.com",
                List.of(),
                List.of("z".repeat(40)),
                List.of()),
        AwsErrorCode.VALIDATION_ERROR);
    String other = "A".repeat(40);
    oidc.updateThumbprints(root, t.info(), p.arn(), List.of(other));
    assertThat(oidc.get(root, t.info(), p.arn()).thumbprints()).containsExactly(other);
    expect(
        () -> oidc.updateThumbprints(root, t.info(), p.arn(), List.of()),
        AwsErrorCode.VALIDATION_ERROR,
        "1 validation error detected: Value at 'thumbprintList' failed to satisfy constraint: Member must not be null");
  }

  @Test
  void oidcArnsAreCheckedAndAnotherAccountsProviderIsNotFound() {
    github();
    expect(
        () -> oidc.get(root, t.info(), "arn:aws:iam::123456789012:role/NotAProvider"),
        AwsErrorCode.VALIDATION_ERROR,
        "ARN arn:aws:iam::123456789012:role/NotAProvider is not valid.");
    String foreign = GITHUB.replace("123456789012", "210987654321");
    expect(
        () -> oidc.get(root, t.info(), foreign),
        AwsErrorCode.NO_SUCH_ENTITY,
        "OpenIDConnect Provider not found for arn " + foreign);
    oidc.delete(root, t.info(), GITHUB);
    expect(
        () -> oidc.get(root, t.info(), GITHUB),
        AwsErrorCode.NO_SUCH_ENTITY,
        "OpenIDConnect Provider not found for arn " + GITHUB);
  }

  @Test
  void oidcTagsMergeAndUntagIgnoresMissingKeys() {
    OidcProvider p = github();
    oidc.tag(root, t.info(), p.arn(), TestIam.tags("a", "1", "b", "2"));
    oidc.tag(root, t.info(), p.arn(), TestIam.tags("a", "3"));
    oidc.untag(root, t.info(), p.arn(), List.of("b", "missing"));
    assertThat(oidc.listTags(root, t.info(), p.arn(), null, null).items())
        .containsExactly(new Tag("a", "3"));
  }

  @Test
  void providerActionsAreAuthorizedOnTheProviderArnWithTheTagKeys() {
    Caller creator =
        t.user(
            "creator",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:CreateOpenIDConnectProvider\","
                + "\"Resource\":\"*\",\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}}]}");
    oidc.create(
        creator,
        t.info(),
        "https://ok.example.com",
        List.of(),
        List.of(),
        TestIam.tags("team", "a"));
    expect(
        () ->
            oidc.create(
                creator,
                t.info(),
                "https://no.example.com",
                List.of(),
                List.of(),
                TestIam.tags("owner", "b")),
        AwsErrorCode.ACCESS_DENIED);
  }
}
