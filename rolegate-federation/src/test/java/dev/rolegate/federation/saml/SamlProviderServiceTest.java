package dev.rolegate.federation.saml;

import static dev.rolegate.core.testing.AwsErrors.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.iam.SamlProviderService;
import dev.rolegate.core.model.SamlProvider;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.testing.TestIam;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SamlProviderService over core's in-memory store with the real metadata parser (SamlResponses):
 * metadata kept and validated, validUntil, ARNs, tags, authorization. The parameters' lengths and
 * patterns are the service model's, checked in rolegate-protocol (ParameterValidatorTest).
 */
class SamlProviderServiceTest {
  static final String OKTA = "arn:aws:iam::123456789012:saml-provider/Okta";

  final TestIam t = new TestIam();
  final SamlProviderService saml = new SamlProviderService(t.iam, new SamlResponses());
  final Caller root = t.root();

  @Test
  void aSamlProviderKeepsItsMetadataAndValidUntil() {
    String doc = TestIam.samlMetadata("http://www.okta.com/exk1");
    SamlProvider p = saml.create(root, t.info(), "Okta", doc, TestIam.tags("idp", "okta"));
    assertThat(p.arn()).isEqualTo(OKTA);
    assertThat(p.validUntil()).isNull();
    assertThat(saml.get(root, t.info(), OKTA).metadataDocument()).isEqualTo(doc);
    expect(
        () -> saml.create(root, t.info(), "Okta", doc, List.of()),
        AwsErrorCode.ENTITY_ALREADY_EXISTS,
        "SAMLProvider Okta already exists.");
    saml.create(root, t.info(), "okta", doc, List.of()); // names are case-sensitive
    assertThat(saml.list(root, t.info()))
        .extracting(SamlProvider::name)
        .containsExactly("Okta", "okta");

    String dated = doc.replace(" entityID=", " validUntil=\"2030-01-02T03:04:05Z\" entityID=");
    assertThat(saml.update(root, t.info(), OKTA, dated).validUntil())
        .isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
    assertThat(saml.get(root, t.info(), OKTA).metadataDocument()).isEqualTo(dated);
    assertThat(saml.get(root, t.info(), OKTA).createDate()).isEqualTo(TestIam.START);
  }

  @Test
  void metadataIsValidatedWithAwsSentenceThenTheReason() {
    String doc = TestIam.samlMetadata("https://idp.example.com");
    String noCert =
        doc.replaceAll("(?s)<md:KeyDescriptor.*</md:KeyDescriptor>", "")
            .replace(
                "</md:IDPSSODescriptor>",
                "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://idp.example.com/sso/"
                    + "x".repeat(900)
                    + "\"/></md:IDPSSODescriptor>");
    expect(
        () -> saml.create(root, t.info(), "NoCert", noCert, List.of()),
        AwsErrorCode.INVALID_INPUT,
        "Could not parse metadata. the IDPSSODescriptor has no signing certificate (KeyDescriptor with an X509Certificate)");
    String doctype = "<!DOCTYPE x [<!ENTITY e \"boom\">]>" + doc;
    expect(
        () -> saml.create(root, t.info(), "Doctype", doctype, List.of()),
        AwsErrorCode.INVALID_INPUT);
    assertThat(saml.list(root, t.info())).isEmpty();
  }

  @Test
  void samlArnsAreCheckedAndProvidersDeletedAndTagged() {
    saml.create(
        root, t.info(), "Okta", TestIam.samlMetadata("http://www.okta.com/exk1"), List.of());
    expect(
        () -> saml.get(root, t.info(), "arn:aws:iam::123456789012:saml-provider/bad name"),
        AwsErrorCode.VALIDATION_ERROR,
        "ARN arn:aws:iam::123456789012:saml-provider/bad name is not valid.");
    String foreign = OKTA.replace("123456789012", "210987654321");
    expect(
        () -> saml.get(root, t.info(), foreign),
        AwsErrorCode.NO_SUCH_ENTITY,
        "SAMLProvider not found for arn " + foreign);
    saml.tag(root, t.info(), OKTA, TestIam.tags("k", "v"));
    assertThat(saml.listTags(root, t.info(), OKTA, null, null).items())
        .containsExactly(new Tag("k", "v"));
    saml.untag(root, t.info(), OKTA, List.of("k"));
    assertThat(saml.listTags(root, t.info(), OKTA, null, null).items()).isEmpty();
    saml.delete(root, t.info(), OKTA);
    expect(
        () -> saml.delete(root, t.info(), OKTA),
        AwsErrorCode.NO_SUCH_ENTITY,
        "SAMLProvider not found for arn " + OKTA);
  }

  @Test
  void listingProvidersIsAuthorizedOnTheProviderArnPrefix() {
    Caller creator =
        t.user(
            "creator",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:CreateOpenIDConnectProvider\","
                + "\"Resource\":\"*\"}]}");
    expect(
        () -> saml.list(creator, t.info()),
        AwsErrorCode.ACCESS_DENIED,
        "User: arn:aws:iam::123456789012:user/creator is not authorized to perform: iam:ListSAMLProviders on resource: "
            + "arn:aws:iam::123456789012:saml-provider/* because no identity-based policy allows the iam:ListSAMLProviders action");
  }
}
