package dev.rolegate.federation.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.federation.SamlResponseVerifier.IdpMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What {@link SamlMetadata} takes from IdP metadata and what it refuses, with the message it gives.
 */
class SamlMetadataTest {
  /**
   * A self-signed test certificate (CN=metadata-test; made with keytool; its private key was not
   * kept).
   */
  static final String CERT = certificate();

  private static String certificate() {
    try (InputStream in =
        SamlMetadataTest.class.getResourceAsStream("/dev/rolegate/core/testing/certificate.b64")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String metadata(String rootAttributes, String keyDescriptors) {
    return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" "
        + rootAttributes
        + "><md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
        + keyDescriptors
        + "</md:IDPSSODescriptor></md:EntityDescriptor>";
  }

  static String key(String use, String cert) {
    return "<md:KeyDescriptor"
        + (use == null ? "" : " use=\"" + use + "\"")
        + "><ds:KeyInfo><ds:X509Data><ds:X509Certificate>"
        + cert
        + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>";
  }

  @Test
  void signingKeysAndKeysWithoutUseCountEncryptionKeysDoNot() throws Exception {
    IdpMetadata m =
        SamlMetadata.parse(
            metadata(
                "entityID=\"https://idp.example.com\" validUntil=\"2030-01-02T03:04:05\"",
                key("signing", CERT) + key("encryption", CERT) + key(null, CERT)));
    assertThat(m.entityId()).isEqualTo("https://idp.example.com");
    assertThat(m.signingCertificates()).hasSize(2);
    assertThat(m.signingCertificates().get(0).getSubjectX500Principal().getName())
        .isEqualTo("CN=metadata-test");
    assertThat(m.validUntil())
        .isEqualTo(Instant.parse("2030-01-02T03:04:05Z")); // no zone: UTC, as SAML wants
    assertThat(SamlMetadata.parse(metadata("entityID=\"x\"", key(null, CERT))).validUntil())
        .isNull();
  }

  @Test
  void metadataWithoutWhatAssertionsNeedIsRefusedWithTheReason() {
    assertThatThrownBy(
            () -> SamlMetadata.parse(metadata("entityID=\"x\"", key("encryption", CERT))))
        .isInstanceOf(SamlXml.BadXml.class)
        .hasMessage(
            "the IDPSSODescriptor has no signing certificate (KeyDescriptor with an X509Certificate)");
    assertThatThrownBy(() -> SamlMetadata.parse(metadata("", key("signing", CERT))))
        .isInstanceOf(SamlXml.BadXml.class)
        .hasMessage("the EntityDescriptor has no entityID");
    assertThatThrownBy(
            () ->
                SamlMetadata.parse(
                    metadata("entityID=\"x\"", key("signing", "bm90IGEgY2VydGlmaWNhdGU="))))
        .isInstanceOf(SamlXml.BadXml.class)
        .hasMessage("an X509Certificate of the metadata is not a base64 DER X.509 certificate");
    assertThatThrownBy(
            () ->
                SamlMetadata.parse(
                    metadata("entityID=\"x\" validUntil=\"tomorrow\"", key("signing", CERT))))
        .isInstanceOf(SamlXml.BadXml.class)
        .hasMessage("validUntil is not an xs:dateTime: tomorrow");
    assertThatThrownBy(
            () ->
                SamlMetadata.parse(
                    "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>"))
        .isInstanceOf(SamlXml.BadXml.class)
        .hasMessage("the root element is not a SAML 2.0 metadata EntityDescriptor");
    assertThatThrownBy(() -> SamlMetadata.parse("<EntityDescriptor entityID=\"no namespace\"/>"))
        .isInstanceOf(SamlXml.BadXml.class)
        .hasMessage("the root element is not a SAML 2.0 metadata EntityDescriptor");
  }

  @Test
  void theParserRefusesDoctypesBeforeAnyEntityIsDefined() {
    String billionLaughs =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]>"
            + metadata("entityID=\"&lol2;\"", key("signing", CERT));
    assertThatThrownBy(() -> SamlMetadata.parse(billionLaughs))
        .isInstanceOf(SamlXml.BadXml.class)
        .hasMessage("document type declarations (DOCTYPE) are not allowed");
    String xxe =
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + metadata("entityID=\"&e;\"", key("signing", CERT));
    assertThatThrownBy(() -> SamlMetadata.parse(xxe))
        .isInstanceOf(SamlXml.BadXml.class)
        .hasMessage("document type declarations (DOCTYPE) are not allowed");
    String xinclude =
        metadata(
            "entityID=\"x\"",
            key("signing", CERT)
                + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\"/>");
    // XInclude is off: the element stays an unknown element, nothing is read
    assertThat(
            SamlXml.is(
                parsed(xinclude).getDocumentElement().getFirstChild().getLastChild(),
                "http://www.w3.org/2001/XInclude",
                "include"))
        .isTrue();
  }

  private static org.w3c.dom.Document parsed(String xml) {
    try {
      return SamlXml.parse(xml.getBytes(StandardCharsets.UTF_8));
    } catch (SamlXml.BadXml e) {
      throw new AssertionError(e);
    }
  }
}
