package dev.rolegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.Ids;
import dev.rolegate.core.auth.Authorizer;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.auth.Session;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.sts.OutboundFederation;
import dev.rolegate.federation.outbound.JwtTokenSigner;
import dev.rolegate.store.sqlite.SqliteStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OutboundFederation against a real (in-memory) store: the signing keys at rest, the token's times.
 */
class OutboundFederationKeysTest {
  static final String ACCOUNT = "123456789012";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  SqliteStore store;
  SecretBox master;
  OutboundFederation outbound;
  final Caller root = Caller.root(ACCOUNT, "AKIAROOT000000000000");

  @BeforeEach
  void setUp() {
    store = SqliteStore.inMemory();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    master = new SecretBox(key, new SecureRandom());
    AwsManagedCatalog catalog = AwsManagedCatalog.load();
    IamContext iam =
        new IamContext(
            store, new Authorizer(catalog), catalog, new Ids(), Clock.fixed(NOW, ZoneOffset.UTC));
    outbound =
        new OutboundFederation(iam, master, new JwtTokenSigner(), () -> "https://iam.example.com");
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  RequestInfo info() {
    return new RequestInfo("req", "127.0.0.1", true, "us-east-1", "test", NOW);
  }

  @Test
  void theSigningKeysAreSealedWithTheMasterKeyAndBoundToTheAccount() {
    assertThat(outbound.enable(root, info()))
        .isEqualTo("https://iam.example.com/_rolegate/oidc/" + ACCOUNT);
    byte[] stored =
        store.read(r -> r.settings().get("outbound-federation/" + ACCOUNT)).orElseThrow();
    String raw = new String(stored, StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain("\"d\"").doesNotContain("RS256").doesNotContain("P-384");
    String opened =
        new String(
            master.open(
                stored,
                ("rolegate outbound federation v1 " + ACCOUNT).getBytes(StandardCharsets.US_ASCII)),
            StandardCharsets.UTF_8);
    assertThat(opened)
        .contains("\"d\"")
        .contains("\"enabled\":true"); // the private halves, inside the box only
    assertThat(
            master.open(
                stored,
                "rolegate outbound federation v1 210987654321".getBytes(StandardCharsets.US_ASCII)))
        .isNull();
    assertThat(outbound.jwks(ACCOUNT)).doesNotContain("\"d\"");
    assertThat(outbound.jwks("210987654321")).isNull();
    assertThat(outbound.discovery("not-an-account")).isNull();
  }

  @Test
  void theTokensTimesComeFromTheClockAndMayEndExactlyWithTheSession() throws Exception {
    outbound.enable(root, info());
    SignedJWT jwt =
        SignedJWT.parse(
            outbound.token(root, info(), List.of("a", "b"), "RS256", 60, List.of()).token());
    assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW);
    assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
        .isEqualTo(NOW.plusSeconds(60));
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("a", "b");
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");

    Session session =
        new Session(
            "GetSessionToken",
            NOW.minusSeconds(600),
            NOW.plusSeconds(300),
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            null);
    Caller temporary = root.withSession("ASIATEMP000000000000", session);
    assertThat(
            outbound.token(temporary, info(), List.of("a"), "ES384", 300, List.of()).expiration())
        .isEqualTo(NOW.plusSeconds(300));
    assertThatThrownBy(
            () -> outbound.token(temporary, info(), List.of("a"), "ES384", 301, List.of()))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.code()).isEqualTo(AwsErrorCode.SESSION_DURATION_ESCALATION));
  }
}
