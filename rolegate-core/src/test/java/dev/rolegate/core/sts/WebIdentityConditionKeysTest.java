package dev.rolegate.core.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.federation.OidcTokenVerifier;
import dev.rolegate.core.model.OidcProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trust-policy keys of AssumeRoleWithWebIdentity for the token shapes of the providers AWS
 * names in "Available keys for AWS OIDC federation" (Google, Amazon Cognito) and of a plain OIDC
 * issuer.
 */
class WebIdentityConditionKeysTest {
  static OidcTokenVerifier.VerifiedToken verified(
      String url, String audience, String subject, Map<String, Object> claims) {
    OidcProvider p =
        new OidcProvider(
            "123456789012", url, List.of(audience), List.of(), List.of(), Instant.EPOCH);
    return new OidcTokenVerifier.VerifiedToken(p, "https://" + url, subject, audience, claims);
  }

  @Test
  void googleAudIsTheAzpAndOaudTheAudience() {
    // a GCP service account's ID token requested for the audience sts.amazonaws.com
    var token =
        verified(
            "accounts.google.com",
            "sts.amazonaws.com",
            "107806444890271851399",
            Map.of(
                "aud",
                "sts.amazonaws.com",
                "azp",
                "107806444890271851399",
                "sub",
                "107806444890271851399",
                "email",
                "runner@project.iam.gserviceaccount.com"));
    assertThat(WebIdentityService.conditionKeys("accounts.google.com", token))
        .containsExactly(
            Map.entry("accounts.google.com:aud", List.of("107806444890271851399")),
            Map.entry("accounts.google.com:oaud", List.of("sts.amazonaws.com")),
            Map.entry("accounts.google.com:sub", List.of("107806444890271851399")),
            Map.entry(
                "accounts.google.com:email", List.of("runner@project.iam.gserviceaccount.com")));
  }

  @Test
  void withoutAzpAudIsTheMatchedAudienceAndOaudAllOfThem() {
    var token =
        verified(
            "idp.example.com/tenant",
            "app-2",
            "alice",
            Map.of("aud", List.of("app-1", "app-2"), "sub", "alice"));
    assertThat(WebIdentityService.conditionKeys("idp.example.com/tenant", token))
        .containsExactly(
            Map.entry("idp.example.com/tenant:aud", List.of("app-2")),
            Map.entry("idp.example.com/tenant:oaud", List.of("app-1", "app-2")),
            Map.entry("idp.example.com/tenant:sub", List.of("alice")));
  }

  @Test
  void cognitoAmrIsMultivaluedAndAudIsTheIdentityPool() {
    var token =
        verified(
            "cognito-identity.amazonaws.com",
            "us-east-1:12345678-abcd-abcd-abcd-123456789012",
            "us-east-1:identity-1",
            Map.of(
                "aud",
                "us-east-1:12345678-abcd-abcd-abcd-123456789012",
                "sub",
                "us-east-1:identity-1",
                "amr",
                List.of("authenticated", "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example")));
    Map<String, List<String>> keys =
        WebIdentityService.conditionKeys("cognito-identity.amazonaws.com", token);
    assertThat(keys.get("cognito-identity.amazonaws.com:aud"))
        .containsExactly("us-east-1:12345678-abcd-abcd-abcd-123456789012");
    assertThat(keys.get("cognito-identity.amazonaws.com:sub"))
        .containsExactly("us-east-1:identity-1");
    assertThat(keys.get("cognito-identity.amazonaws.com:amr"))
        .containsExactly("authenticated", "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example");
    assertThat(keys).doesNotContainKey("cognito-identity.amazonaws.com:email");
  }
}
