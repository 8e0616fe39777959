package dev.rolegate.federation.saml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.federation.SamlResponseVerifier.Assertion;
import dev.rolegate.core.federation.SamlResponseVerifier.IdpMetadata;
import dev.rolegate.core.federation.Verification;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Each way the SAML verifier refuses a response or a metadata document, as the failure value it
 * answers: AWS's error code and message, never an exception. Responses are signed for real (Apache
 * Santuario, RSA-SHA256) with a key made by the JDK's keytool for this test.
 */
class SamlFailuresTest {
  static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
  static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final String ENTITY = "https://idp.example.com/saml";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  static PrivateKey key;
  static IdpMetadata idp;
  static IdpMetadata otherIdp;
  final SamlResponses verifier = new SamlResponses();

  @BeforeAll
  static void keys() throws Exception {
    KeyStore ks = keytool();
    key = (PrivateKey) ks.getKey("idp", "changeit".toCharArray());
    idp = new IdpMetadata(ENTITY, List.of((X509Certificate) ks.getCertificate("idp")), null);
    otherIdp =
        new IdpMetadata(ENTITY, List.of((X509Certificate) keytool().getCertificate("idp")), null);
  }

  /** A new RSA key and self-signed certificate, made with keytool into a throwaway PKCS#12 file. */
  static KeyStore keytool() throws Exception {
    Path dir = Files.createTempDirectory("saml-failures");
    Path store = dir.resolve("idp.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "idp",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-sigalg",
                "SHA256withRSA",
                "-dname",
                "CN=saml-failures",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Files.delete(store);
    Files.delete(dir);
    return ks;
  }

  /** One response; every field has a working default. */
  static final class Response {
    String issuer = ENTITY;
    String status = "urn:oasis:names:tc:SAML:2.0:status:Success";
    String recipient = "https://signin.aws.amazon.com/saml";
    String audience = "urn:amazon:webservices";
    Instant notBefore = NOW.minusSeconds(30);
    Instant notOnOrAfter = NOW.plusSeconds(300);
    String extra = "";
    boolean signed = true;

    String xml() {
      return "<samlp:Response xmlns:samlp=\""
          + PROTOCOL
          + "\" xmlns:saml=\""
          + ASSERTION
          + "\" ID=\"_r1\" Version=\"2.0\" IssueInstant=\""
          + NOW
          + "\">"
          + "<saml:Issuer>"
          + issuer
          + "</saml:Issuer>"
          + "<samlp:Status><samlp:StatusCode Value=\""
          + status
          + "\"/></samlp:Status>"
          + "<saml:Assertion ID=\"_a1\" Version=\"2.0\" IssueInstant=\""
          + NOW
          + "\">"
          + "<saml:Issuer>"
          + issuer
          + "</saml:Issuer>"
          + "<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\">alice</saml:NameID>"
          + "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
          + "<saml:SubjectConfirmationData NotOnOrAfter=\""
          + notOnOrAfter
          + "\" Recipient=\""
          + recipient
          + "\"/>"
          + "</saml:SubjectConfirmation></saml:Subject>"
          + "<saml:Conditions NotBefore=\""
          + notBefore
          + "\" NotOnOrAfter=\""
          + notOnOrAfter
          + "\">"
          + "<saml:AudienceRestriction><saml:Audience>"
          + audience
          + "</saml:Audience></saml:AudienceRestriction>"
          + "</saml:Conditions>"
          + "<saml:AttributeStatement><saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\">"
          + "<saml:AttributeValue>alice</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>"
          + "</saml:Assertion>"
          + extra
          + "</samlp:Response>";
    }

    /** Signed on the Response (enveloped, exclusive c14n), base64. */
    String base64() throws Exception {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      Document doc =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml().getBytes(StandardCharsets.UTF_8)));
      Element response = doc.getDocumentElement();
      response.setIdAttributeNS(null, "ID", true);
      if (signed) {
        XMLSignature sig =
            new XMLSignature(
                doc,
                "",
                XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        Element issuerElement =
            (Element) response.getElementsByTagNameNS(ASSERTION, "Issuer").item(0);
        response.insertBefore(sig.getElement(), issuerElement.getNextSibling());
        Transforms t = new Transforms(doc);
        t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        t.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        sig.addDocument("#_r1", t, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
        sig.sign(key);
      }
      StringWriter out = new StringWriter();
      TransformerFactory.newInstance()
          .newTransformer()
          .transform(new DOMSource(doc), new StreamResult(out));
      return encode(out.toString());
    }
  }

  static String encode(String xml) {
    return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
  }

  Verification<Assertion> verify(Response r) throws Exception {
    return verifier.verify(r.base64(), idp, NOW);
  }

  static void failed(Verification<?> v, AwsErrorCode code, String message) {
    assertThat(v).isEqualTo(Verification.failed(code, message));
  }

  static void invalid(Verification<?> v, String message) {
    failed(v, AwsErrorCode.INVALID_IDENTITY_TOKEN, message);
  }

  @Test
  void aGoodResponseIsAVerifiedAssertion() throws Exception {
    Verification<Assertion> v = verify(new Response());
    assertThat(v).isInstanceOf(Verification.Verified.class);
    Assertion a = v.orThrow();
    assertThat(a.issuer()).isEqualTo(ENTITY);
    assertThat(a.subject()).isEqualTo("alice");
    assertThat(a.recipient()).isEqualTo("https://signin.aws.amazon.com/saml");
    assertThat(a.values("https://aws.amazon.com/SAML/Attributes/RoleSessionName"))
        .containsExactly("alice");
  }

  @Test
  void documentFailures() {
    invalid(
        verifier.verify("not base64!", idp, NOW),
        "Invalid SAML response: SAMLAssertion is not base64");
    invalid(
        verifier.verify(encode("<!DOCTYPE x []><x/>"), idp, NOW),
        "Invalid SAML response: document type declarations (DOCTYPE) are not allowed");
    invalid(
        verifier.verify(encode("<x/>"), idp, NOW),
        "Invalid SAML response: the root element is not a SAML 2.0 protocol Response");
    Response encrypted = new Response();
    encrypted.extra = "<saml:EncryptedAssertion/>";
    invalid(
        verifier.verify(encode(encrypted.xml()), idp, NOW),
        "Invalid SAML response: encrypted assertions are not supported");
    Response two = new Response();
    two.extra = "<saml:Assertion ID=\"_a2\"/>";
    invalid(
        verifier.verify(encode(two.xml()), idp, NOW),
        "Invalid SAML response: the response must contain exactly one Assertion, it contains 2");
  }

  @Test
  void signatureFailures() throws Exception {
    Response unsigned = new Response();
    unsigned.signed = false;
    invalid(verify(unsigned), "Response signature invalid");
    invalid(
        verifier.verify(new Response().base64(), otherIdp, NOW),
        "Response signature invalid"); // signed with another key
  }

  @Test
  void statusAndAssertionFailures() throws Exception {
    Response rejected = new Response();
    rejected.status = "urn:oasis:names:tc:SAML:2.0:status:Requester";
    failed(
        verify(rejected),
        AwsErrorCode.IDP_REJECTED_CLAIM,
        "The identity provider reported that authentication failed (StatusCode urn:oasis:names:tc:SAML:2.0:status:Requester)");
    Response issuer = new Response();
    issuer.issuer = "https://other.example.com";
    invalid(verify(issuer), "Issuer not present in specified provider");
    Response audience = new Response();
    audience.audience = "https://someone-else.example.com";
    invalid(verify(audience), "Response does not contain the required audience.");
    Response recipient = new Response();
    recipient.recipient = "https://evil.example.com/saml";
    invalid(
        verify(recipient),
        "Invalid SAML response: Recipient https://evil.example.com/saml is not an AWS sign-in endpoint");
  }

  @Test
  void timeFailures() throws Exception {
    Response early = new Response();
    early.notBefore = NOW.plusSeconds(120);
    invalid(
        verify(early),
        "Invalid SAML response: the assertion is not yet valid (Conditions NotBefore "
            + early.notBefore
            + ")");
    Response late = new Response();
    late.notOnOrAfter = NOW.minusSeconds(120);
    failed(
        verify(late),
        AwsErrorCode.EXPIRED_TOKEN_EXCEPTION,
        "The SAML assertion has expired (Conditions NotOnOrAfter " + late.notOnOrAfter + ")");
  }

  @Test
  void metadataFailuresAreIamsCouldNotParseMetadata() {
    failed(
        verifier.metadata(
            "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>"),
        AwsErrorCode.INVALID_INPUT,
        "Could not parse metadata. the EntityDescriptor has no entityID");
    failed(
        verifier.metadata("not xml"),
        AwsErrorCode.INVALID_INPUT,
        "Could not parse metadata. not well-formed XML (line 1, column 1)");
    String good =
        SamlMetadataTest.metadata(
            "entityID=\"" + ENTITY + "\"", SamlMetadataTest.key("signing", SamlMetadataTest.CERT));
    assertThat(verifier.metadata(good).orThrow().entityId()).isEqualTo(ENTITY);
  }
}
