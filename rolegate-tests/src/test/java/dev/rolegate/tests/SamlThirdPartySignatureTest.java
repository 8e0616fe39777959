package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.roleArn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.tests.cli.Subprocess;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;

/**
 * AssumeRoleWithSAML with responses signed by an XML Signature implementation that is not ours:
 * Debian's {@code xmlsec1} (libxmlsec1 over OpenSSL) fills in a {@code <ds:Signature>} template
 * (enveloped, exclusive c14n, RSA-SHA256) with the IdP's key exported as PEM; Rolegate verifies
 * with Apache Santuario against the certificate in the provider's metadata. {@link SamlIdp} gives
 * the XML shapes, the keytool key and certificate and the metadata; it signs nothing here.
 */
class SamlThirdPartySignatureTest extends ServerTest {
  static final String NAME = "XmlsecIdP";
  static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":saml-provider/" + NAME;
  static final String ROLE = roleArn("XmlsecRole");
  static final String ENTITY = "https://xmlsec-idp.example.com/saml/metadata";
  static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  static final String SIGNATURE_INVALID = "Response signature invalid";

  static SamlIdp idp;
  static SamlIdp other;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    Subprocess.requireXmlsec1();
    idp = SamlIdp.create(ENTITY);
    other = idp.rotated(); // the same entity id with a key the metadata does not hold
  }

  @BeforeEach
  void providerAndRole() throws Exception {
    String metadata = idp.metadata();
    iam.createSAMLProvider(b -> b.name(NAME).samlMetadataDocument(metadata));
    iam.createRole(
        b ->
            b.roleName("XmlsecRole")
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Federated\":\""
                        + PROVIDER
                        + "\"},\"Action\":\"sts:AssumeRoleWithSAML\","
                        + "\"Condition\":{\"StringEquals\":{\"saml:sub\":\"alice@example.com\"}}}]}"));
  }

  /** A response for ROLE through PROVIDER, session name "alice", from this IdP's XML shapes. */
  static SamlIdp.Response response(SamlIdp signer) {
    return signer.response().role(ROLE, PROVIDER).sessionName("alice");
  }

  // ------------------------------------------------------------ xmlsec1

  /**
   * The signature template xmlsec1 fills in: its DigestValue, SignatureValue and X509Data are
   * empty.
   */
  static String template(String id) {
    return "<ds:Signature xmlns:ds=\""
        + DSIG
        + "\"><ds:SignedInfo>"
        + "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
        + "<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
        + "<ds:Reference URI=\"#"
        + id
        + "\"><ds:Transforms>"
        + "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
        + "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
        + "</ds:Transforms><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/></ds:Reference>"
        + "</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>";
  }

  enum Signed {
    RESPONSE,
    ASSERTION,
    BOTH
  }

  /**
   * The response's XML with signature templates after the Issuer of the Response and/or of the
   * Assertion (as SAML places them).
   */
  static String withTemplates(SamlIdp.Response r, Signed what) {
    String xml = r.xml();
    String issuer = "<saml:Issuer>" + r.issuer + "</saml:Issuer>";
    int responseIssuer = xml.indexOf(issuer) + issuer.length();
    int assertionIssuer = xml.indexOf(issuer, responseIssuer) + issuer.length();
    StringBuilder out = new StringBuilder(xml);
    if (what != Signed.RESPONSE) {
      out.insert(assertionIssuer, template(r.assertionId));
    }
    if (what != Signed.ASSERTION) {
      out.insert(responseIssuer, template(r.responseId));
    }
    return out.toString();
  }

  /**
   * Runs {@code xmlsec1 --sign} on the XML with the signer's key and certificate as PEM: each
   * template is signed in turn, the innermost (the Assertion's) first, as a signature over the
   * Response must cover the finished one over the Assertion.
   */
  static String xmlsec1Sign(String xml, SamlIdp signer, Signed what) throws Exception {
    Path key =
        Files.writeString(
            dir.resolve("key-" + System.identityHashCode(signer) + ".pem"),
            pem("PRIVATE KEY", signer.key.getEncoded()));
    Path cert =
        Files.writeString(
            dir.resolve("cert-" + System.identityHashCode(signer) + ".pem"),
            pem("CERTIFICATE", signer.certificate.getEncoded()));
    List<String> xpaths = new ArrayList<>();
    if (what != Signed.RESPONSE) {
      xpaths.add(
          "/*[local-name()='Response']/*[local-name()='Assertion']/*[local-name()='Signature']");
    }
    if (what != Signed.ASSERTION) {
      xpaths.add("/*[local-name()='Response']/*[local-name()='Signature']");
    }
    String current = xml;
    for (String xpath : xpaths) {
      Path in = Files.writeString(dir.resolve("template.xml"), current);
      Path out = dir.resolve("signed.xml");
      Files.deleteIfExists(out);
      Subprocess.Result r =
          Subprocess.run(
              List.of(
                  Subprocess.XMLSEC1.toString(),
                  "--sign",
                  "--privkey-pem",
                  key + "," + cert,
                  "--id-attr:ID",
                  "urn:oasis:names:tc:SAML:2.0:protocol:Response",
                  "--id-attr:ID",
                  "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                  "--node-xpath",
                  xpath,
                  "--output",
                  out.toString(),
                  in.toString()),
              dir,
              Map.of(),
              Duration.ofSeconds(30));
      assertThat(r.exitCode()).as(r.describe()).isZero();
      current = Files.readString(out, StandardCharsets.UTF_8);
    }
    return current;
  }

  /** Signed by xmlsec1 as asked, base64 for SAMLAssertion. */
  static String signed(SamlIdp.Response r, SamlIdp signer, Signed what) throws Exception {
    return encode(xmlsec1Sign(withTemplates(r, what), signer, what));
  }

  /**
   * xmlsec1's own verification of what it signed, against the certificate alone (a check of the
   * test's set-up, not of Rolegate).
   */
  static void xmlsec1Verifies(String xml) throws Exception {
    Path cert =
        Files.writeString(
            dir.resolve("verify-cert.pem"), pem("CERTIFICATE", idp.certificate.getEncoded()));
    Path in = Files.writeString(dir.resolve("verify.xml"), xml);
    Subprocess.Result r =
        Subprocess.run(
            List.of(
                Subprocess.XMLSEC1.toString(),
                "--verify",
                "--pubkey-cert-pem",
                cert.toString(),
                "--id-attr:ID",
                "urn:oasis:names:tc:SAML:2.0:protocol:Response",
                "--id-attr:ID",
                "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                in.toString()),
            dir,
            Map.of(),
            Duration.ofSeconds(30));
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  static String encode(String xml) {
    return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static AssumeRoleWithSamlResponse assume(String assertion) {
    return anonymous.assumeRoleWithSAML(
        b -> b.roleArn(ROLE).principalArn(PROVIDER).samlAssertion(assertion));
  }

  static void refused(String assertion, String code, int status, String message) {
    expectError(() -> assume(assertion), code, status, message);
  }

  static Element assertion(Document doc) {
    return (Element) doc.getElementsByTagNameNS(SamlIdp.ASSERTION, "Assertion").item(0);
  }

  // ------------------------------------------------------------ accepted

  @Test
  void responsesSignedByXmlsec1AreAcceptedWhateverElementIsSigned() throws Exception {
    for (Signed what : Signed.values()) {
      String xml = xmlsec1Sign(withTemplates(response(idp), what), idp, what);
      assertThat(parse(xml).getElementsByTagNameNS(DSIG, "Signature").getLength())
          .as(what.name())
          .isEqualTo(what == Signed.BOTH ? 2 : 1);
      xmlsec1Verifies(xml);
      AssumeRoleWithSamlResponse r = assume(encode(xml));
      assertThat(r.assumedRoleUser().arn())
          .as(what.name())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/XmlsecRole/alice");
      assertThat(r.subject()).isEqualTo("alice@example.com");
      assertThat(r.issuer()).isEqualTo(ENTITY);
      try (StsClient session = server.sts(TestServer.session(r.credentials()))) {
        assertThat(session.getCallerIdentity().arn())
            .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/XmlsecRole/alice");
      }
    }
  }

  // ------------------------------------------------------------ refused

  @Test
  void anUnsignedAssertionOrAnUnfilledTemplateOrAnotherKeyIsRefused() throws Exception {
    refused(encode(response(idp).xml()), "InvalidIdentityToken", 400, SIGNATURE_INVALID);
    refused(
        encode(withTemplates(response(idp), Signed.ASSERTION)),
        "InvalidIdentityToken",
        400,
        SIGNATURE_INVALID);
    refused(
        signed(response(other), other, Signed.ASSERTION),
        "InvalidIdentityToken",
        400,
        SIGNATURE_INVALID);
    refused(
        signed(response(other), other, Signed.RESPONSE),
        "InvalidIdentityToken",
        400,
        SIGNATURE_INVALID);
  }

  @Test
  void anAttributeTamperedAfterSigningIsRefused() throws Exception {
    for (Signed what : List.of(Signed.RESPONSE, Signed.ASSERTION)) {
      String xml = xmlsec1Sign(withTemplates(response(idp), what), idp, what);
      String tampered =
          xml.replace(
              "<saml:AttributeValue>alice</saml:AttributeValue>",
              "<saml:AttributeValue>admin</saml:AttributeValue>");
      assertThat(tampered).isNotEqualTo(xml);
      refused(encode(tampered), "InvalidIdentityToken", 400, SIGNATURE_INVALID);
      assertThat(assume(encode(xml)).assumedRoleUser().arn()).endsWith("/alice");
    }
  }

  @Test
  void anExpiredAssertionIsRefused() throws Exception {
    SamlIdp.Response expired = response(idp);
    expired.notBefore = Instant.now().minusSeconds(900);
    expired.notOnOrAfter = Instant.now().minusSeconds(600);
    refused(
        signed(expired, idp, Signed.ASSERTION),
        "ExpiredTokenException",
        400,
        "The SAML assertion has expired (Conditions NotOnOrAfter " + expired.notOnOrAfter + ")");
  }

  @Test
  void aWrongAudienceIsRefused() throws Exception {
    SamlIdp.Response audience = response(idp);
    audience.audience = "https://sp.example.com";
    refused(
        signed(audience, idp, Signed.ASSERTION),
        "InvalidIdentityToken",
        400,
        "Response does not contain the required audience.");
  }

  static void insertAfterIssuer(Document doc, Node child) {
    Node issuer =
        doc.getDocumentElement().getElementsByTagNameNS(SamlIdp.ASSERTION, "Issuer").item(0);
    doc.getDocumentElement().insertBefore(child, issuer.getNextSibling());
  }

  @Test
  void signatureWrappingVariantsAreRefused() throws Exception {
    SamlIdp.Response r = response(idp);
    String signedAssertion = xmlsec1Sign(withTemplates(r, Signed.ASSERTION), idp, Signed.ASSERTION);
    String twoAssertions =
        "Invalid SAML response: the response must contain exactly one Assertion, it contains 2";

    // 1. an assertion injected: mallory's unsigned assertion before the signed one
    Document doc = parse(signedAssertion);
    assertion(doc)
        .getParentNode()
        .insertBefore(SamlIdp.evilCopy(assertion(doc), "_evil"), assertion(doc));
    refused(SamlIdp.encode(doc), "InvalidIdentityToken", 400, twoAssertions);

    // 2. the signed assertion moved into the Response's Extensions, mallory's in its place
    doc = parse(signedAssertion);
    Element original = assertion(doc);
    Element extensions = doc.createElementNS(SamlIdp.PROTOCOL, "samlp:Extensions");
    original.getParentNode().replaceChild(SamlIdp.evilCopy(original, "_evil"), original);
    extensions.appendChild(original);
    insertAfterIssuer(doc, extensions);
    refused(SamlIdp.encode(doc), "InvalidIdentityToken", 400, twoAssertions);

    // 3. duplicated IDs: mallory's assertion carries the signed assertion's ID (the signed one
    // hidden in Extensions)
    doc = parse(signedAssertion);
    original = assertion(doc);
    extensions = doc.createElementNS(SamlIdp.PROTOCOL, "samlp:Extensions");
    original.getParentNode().replaceChild(SamlIdp.evilCopy(original, r.assertionId), original);
    extensions.appendChild(original);
    insertAfterIssuer(doc, extensions);
    refused(SamlIdp.encode(doc), "InvalidIdentityToken", 400, twoAssertions);

    // 4. duplicated IDs: the Response takes the signed Assertion's ID, so "#ID" could resolve to
    // either
    doc = parse(signedAssertion);
    doc.getDocumentElement().setAttributeNS(null, "ID", r.assertionId);
    refused(
        SamlIdp.encode(doc),
        "InvalidIdentityToken",
        400,
        "Invalid SAML response: the Response and the Assertion must have distinct ID attributes");

    // 5. duplicated IDs: in a signed Response, the NameID changed and given the Response's ID
    SamlIdp.Response rs = response(idp);
    doc = parse(xmlsec1Sign(withTemplates(rs, Signed.RESPONSE), idp, Signed.RESPONSE));
    Element nameId = (Element) doc.getElementsByTagNameNS(SamlIdp.ASSERTION, "NameID").item(0);
    nameId.setTextContent("mallory@example.com");
    nameId.setAttributeNS(null, "ID", rs.responseId);
    refused(SamlIdp.encode(doc), "InvalidIdentityToken", 400, SIGNATURE_INVALID);

    // 6. the Response's xmlsec1 signature moved from the Response into mallory's (changed)
    // assertion
    doc = parse(xmlsec1Sign(withTemplates(rs, Signed.RESPONSE), idp, Signed.RESPONSE));
    Element signature =
        (Element) doc.getDocumentElement().getElementsByTagNameNS(DSIG, "Signature").item(0);
    signature.getParentNode().removeChild(signature);
    Element a = assertion(doc);
    a.getElementsByTagNameNS(SamlIdp.ASSERTION, "NameID")
        .item(0)
        .setTextContent("mallory@example.com");
    Node assertionIssuer = a.getElementsByTagNameNS(SamlIdp.ASSERTION, "Issuer").item(0);
    a.insertBefore(signature, assertionIssuer.getNextSibling());
    refused(SamlIdp.encode(doc), "InvalidIdentityToken", 400, SIGNATURE_INVALID);

    // the untouched responses still work
    assertThat(assume(encode(signedAssertion)).subject()).isEqualTo("alice@example.com");
  }
}
