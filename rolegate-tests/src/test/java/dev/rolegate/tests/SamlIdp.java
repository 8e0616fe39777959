package dev.rolegate.tests;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SAML 2.0 identity provider for the tests: an RSA key with a self-signed certificate (made by
 * the JDK's {@code keytool}), its metadata, and responses signed for real with Apache Santuario
 * (enveloped signature, exclusive c14n, RSA-SHA256) on the Response, the Assertion, or both.
 */
final class SamlIdp {
  static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
  static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final String ATTRS = "https://aws.amazon.com/SAML/Attributes/";

  static {
    org.apache.xml.security.Init.init();
  }

  final String entityId;
  final PrivateKey key;
  final X509Certificate certificate;

  private SamlIdp(String entityId, PrivateKey key, X509Certificate certificate) {
    this.entityId = entityId;
    this.key = key;
    this.certificate = certificate;
  }

  /** A new key pair and certificate, made with keytool into a throwaway PKCS#12 file. */
  static SamlIdp create(String entityId) throws Exception {
    Path dir = Files.createTempDirectory("saml-idp");
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
                "CN=test-idp",
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
    return new SamlIdp(
        entityId,
        (PrivateKey) ks.getKey("idp", "changeit".toCharArray()),
        (X509Certificate) ks.getCertificate("idp"));
  }

  /** The same IdP (entity id) with a new key: a certificate rotation. */
  SamlIdp rotated() throws Exception {
    SamlIdp fresh = create(entityId);
    return new SamlIdp(entityId, fresh.key, fresh.certificate);
  }

  String metadata() throws Exception {
    String cert =
        Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded());
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\""
        + entityId
        + "\""
        + " validUntil=\"2030-01-01T00:00:00Z\">\n"
        + "  <md:IDPSSODescriptor WantAuthnRequestsSigned=\"false\" protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n"
        + "    <md:KeyDescriptor use=\"signing\">\n"
        + "      <ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data><ds:X509Certificate>\n"
        + cert
        + "\n</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\n"
        + "    </md:KeyDescriptor>\n"
        + "    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>\n"
        + "    <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp.example.com/sso\"/>\n"
        + "  </md:IDPSSODescriptor>\n"
        + "</md:EntityDescriptor>\n";
  }

  Response response() {
    return new Response(this);
  }

  /** One SAML response to build, sign and encode; every field has a working default. */
  static final class Response {
    final SamlIdp idp;
    String issuer;
    String nameId = "alice@example.com";
    String nameIdFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    String recipient = "https://signin.aws.amazon.com/saml";
    String audience = "urn:amazon:webservices";
    Instant notBefore = Instant.now().minusSeconds(30);
    Instant notOnOrAfter = Instant.now().plusSeconds(300);
    Instant sessionNotOnOrAfter;
    String status = "urn:oasis:names:tc:SAML:2.0:status:Success";
    final Map<String, List<String>> attributes = new LinkedHashMap<>();
    boolean signResponse = true;
    boolean signAssertion = false;
    String responseId = "_r" + UUID.randomUUID();
    String assertionId = "_a" + UUID.randomUUID();

    Response(SamlIdp idp) {
      this.idp = idp;
      this.issuer = idp.entityId;
    }

    Response attribute(String name, String... values) {
      attributes.put(name, new ArrayList<>(List.of(values)));
      return this;
    }

    Response role(String roleArn, String providerArn) {
      return attribute(ATTRS + "Role", roleArn + "," + providerArn);
    }

    Response sessionName(String name) {
      return attribute(ATTRS + "RoleSessionName", name);
    }

    Response signing(boolean response, boolean assertion) {
      signResponse = response;
      signAssertion = assertion;
      return this;
    }

    /**
     * The response as a DOM, signed as asked (the assertion first, then the response around it).
     */
    Document document() throws Exception {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      Document doc =
          f.newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml().getBytes(StandardCharsets.UTF_8)));
      Element response = doc.getDocumentElement();
      Element assertion = (Element) doc.getElementsByTagNameNS(ASSERTION, "Assertion").item(0);
      response.setIdAttributeNS(null, "ID", true);
      assertion.setIdAttributeNS(null, "ID", true);
      if (signAssertion) {
        sign(doc, assertion, assertionId, idp.key, idp.certificate);
      }
      if (signResponse) {
        sign(doc, response, responseId, idp.key, idp.certificate);
      }
      return doc;
    }

    String base64() throws Exception {
      return encode(document());
    }

    /** The response before any signature. */
    String xml() {
      StringBuilder a = new StringBuilder();
      attributes.forEach(
          (name, values) -> {
            a.append("<saml:Attribute Name=\"").append(name).append("\">");
            values.forEach(
                v -> a.append("<saml:AttributeValue>").append(v).append("</saml:AttributeValue>"));
            a.append("</saml:Attribute>");
          });
      Instant now = Instant.now();
      return "<samlp:Response xmlns:samlp=\""
          + PROTOCOL
          + "\" xmlns:saml=\""
          + ASSERTION
          + "\" ID=\""
          + responseId
          + "\" Version=\"2.0\""
          + " IssueInstant=\""
          + now
          + "\" Destination=\""
          + recipient
          + "\">"
          + "<saml:Issuer>"
          + issuer
          + "</saml:Issuer>"
          + "<samlp:Status><samlp:StatusCode Value=\""
          + status
          + "\"/></samlp:Status>"
          + "<saml:Assertion ID=\""
          + assertionId
          + "\" Version=\"2.0\" IssueInstant=\""
          + now
          + "\">"
          + "<saml:Issuer>"
          + issuer
          + "</saml:Issuer>"
          + "<saml:Subject><saml:NameID Format=\""
          + nameIdFormat
          + "\">"
          + nameId
          + "</saml:NameID>"
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
          + "<saml:AuthnStatement AuthnInstant=\""
          + now
          + "\""
          + (sessionNotOnOrAfter == null
              ? ""
              : " SessionNotOnOrAfter=\"" + sessionNotOnOrAfter + "\"")
          + ">"
          + "<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
          + "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
          + "<saml:AttributeStatement>"
          + a
          + "</saml:AttributeStatement>"
          + "</saml:Assertion></samlp:Response>";
    }
  }

  /**
   * An enveloped RSA-SHA256 signature over the element with that ID, placed in {@code container}
   * after its Issuer as SAML wants it.
   */
  static void sign(Document doc, Element container, String id, PrivateKey key, X509Certificate cert)
      throws Exception {
    XMLSignature sig =
        new XMLSignature(
            doc,
            "",
            XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
            Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
    Element issuer = (Element) container.getElementsByTagNameNS(ASSERTION, "Issuer").item(0);
    container.insertBefore(sig.getElement(), issuer.getNextSibling());
    Transforms t = new Transforms(doc);
    t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
    t.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
    sig.addDocument("#" + id, t, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
    sig.addKeyInfo(cert);
    sig.sign(key);
  }

  /**
   * A copy of a signed assertion for mallory (its NameID), without its signature, with this ID: the
   * wrapping attacks' payload.
   */
  static Element evilCopy(Element assertion, String id) {
    Element evil = (Element) assertion.cloneNode(true);
    evil.setAttributeNS(null, "ID", id);
    var sig = evil.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature");
    if (sig.getLength() > 0) {
      sig.item(0).getParentNode().removeChild(sig.item(0));
    }
    evil.getElementsByTagNameNS(ASSERTION, "NameID").item(0).setTextContent("mallory@example.com");
    return evil;
  }

  static String serialize(Document doc) throws Exception {
    StringWriter out = new StringWriter();
    TransformerFactory.newInstance()
        .newTransformer()
        .transform(new DOMSource(doc), new StreamResult(out));
    return out.toString();
  }

  static String encode(Document doc) throws Exception {
    return Base64.getEncoder().encodeToString(serialize(doc).getBytes(StandardCharsets.UTF_8));
  }

  static String encode(String xml) {
    return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
  }
}
