package dev.rolegate.core.sts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The values AssumeRoleWithSAML derives from an assertion, as AWS documents them. */
class SamlFederationServiceTest {
  @Test
  void nameQualifierIsBase64OfSha1OfIssuerAccountAndProviderName() {
    // AWS's example: BASE64 ( SHA1 ( "https://example.com/saml" + "123456789012" + "/MySAMLIdP" )
    // ),
    // the expected value computed outside Java with `openssl sha1 -binary | base64`
    assertThat(
            SamlFederationService.nameQualifier(
                "https://example.com/saml", "123456789012", "MySAMLIdP"))
        .isEqualTo("1uAJanUnBc2XeUkHURMht+xam2c=");
  }

  @Test
  void subjectTypeDropsOnlyTheSaml2NameIdFormatPrefix() {
    assertThat(
            SamlFederationService.subjectType(
                "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"))
        .isEqualTo("transient");
    assertThat(
            SamlFederationService.subjectType(
                "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"))
        .isEqualTo("persistent");
    assertThat(
            SamlFederationService.subjectType(
                "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"))
        .isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
    assertThat(SamlFederationService.subjectType(null)).isNull();
  }
}
