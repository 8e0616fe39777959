package dev.rolegate.federation.saml;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.federation.SamlResponseVerifier;
import dev.rolegate.core.federation.Verification;
import dev.rolegate.federation.Refused;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Verifies a base64 SAML 2.0 {@code samlp:Response} for AssumeRoleWithSAML against an IdP's
 * metadata, with Apache Santuario, and returns what its one assertion says.
 *
 * <p>Defences: the XML is parsed by {@link SamlXml} (no DOCTYPE, no entities); the document must
 * hold exactly one {@code saml:Assertion} (and no EncryptedAssertion), a direct child of the
 * Response; only the {@code ID} attributes of the Response and of that Assertion are registered as
 * IDs, so a signature reference can resolve to nothing else; a signature counts only when it is the
 * direct child of the element its one Reference names ({@code URI="#ID"} of its parent), its
 * transforms are enveloped-signature and canonicalization only, it verifies (Santuario, secure
 * validation) with a signing certificate of the metadata, and the node the reference resolves to is
 * that parent. The Response or the Assertion must carry such a signature; any signature present
 * that does not verify refuses the response. Nothing outside the signed element is read except the
 * Response's StatusCode. Every refusal is a failure value with AWS's code and message.
 */
public final class SamlResponses implements SamlResponseVerifier {
  /**
   * The Recipient values Rolegate accepts, as AWS's sign-in endpoints (regional ones are matched by
   * pattern).
   */
  static final Set<String> RECIPIENTS =
      Set.of("https://signin.aws.amazon.com/saml", "https://signin.aws.amazon.com/static/saml");

  static final Set<String> AUDIENCES =
      Set.of("urn:amazon:webservices", "https://signin.aws.amazon.com/saml");
  static final Duration SKEW = Duration.ofMinutes(1);
  private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
  private static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
  private static final Set<String> TRANSFORMS =
      Set.of(
          Transforms.TRANSFORM_ENVELOPED_SIGNATURE,
          Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS,
          Transforms.TRANSFORM_C14N_EXCL_WITH_COMMENTS,
          Transforms.TRANSFORM_C14N_OMIT_COMMENTS,
          Transforms.TRANSFORM_C14N_WITH_COMMENTS,
          Transforms.TRANSFORM_C14N11_OMIT_COMMENTS);

  /**
   * Santuario reports a failed reference at WARNING through System.Logger (the JDK's logging here),
   * with the reference URI and both digests: anyone can trigger it with a forged response, and the
   * caller already gets "Response signature invalid". Kept strongly reachable so the level holds.
   */
  private static final java.util.logging.Logger SANTUARIO =
      java.util.logging.Logger.getLogger("org.apache.xml.security");

  static {
    SANTUARIO.setLevel(java.util.logging.Level.SEVERE);
    org.apache.xml.security.Init.init();
  }

  private static Refused invalid(String message) {
    return new Refused(AwsErrorCode.INVALID_IDENTITY_TOKEN, message);
  }

  /** AWS's text for every signature failure ("Troubleshoot SAML federation with IAM"). */
  static Refused badSignature() {
    return invalid("Response signature invalid");
  }

  /**
   * The metadata; what is wrong with it in IAM's InvalidInput "Could not parse metadata. ..."
   * otherwise.
   */
  @Override
  public Verification<IdpMetadata> metadata(String document) {
    try {
      return Verification.verified(SamlMetadata.parse(document));
    } catch (SamlXml.BadXml e) {
      return Verification.failed(
          AwsErrorCode.INVALID_INPUT, "Could not parse metadata. " + e.getMessage());
    }
  }

  @Override
  public Verification<Assertion> verify(String base64Response, IdpMetadata idp, Instant now) {
    try {
      return Verification.verified(assertion(base64Response, idp, now));
    } catch (Refused r) {
      return r.failure();
    }
  }

  private static Assertion assertion(String base64Response, IdpMetadata idp, Instant now)
      throws Refused {
    byte[] xml;
    try {
      xml = Base64.getMimeDecoder().decode(base64Response.strip());
    } catch (IllegalArgumentException e) {
      throw invalid("Invalid SAML response: SAMLAssertion is not base64");
    }
    try {
      return verify(SamlXml.parse(xml), idp, now);
    } catch (SamlXml.BadXml e) {
      throw invalid("Invalid SAML response: " + e.getMessage());
    }
  }

  private static Assertion verify(Document doc, IdpMetadata idp, Instant now)
      throws SamlXml.BadXml, Refused {
    Element response = doc.getDocumentElement();
    if (!SamlXml.is(response, SamlXml.PROTOCOL_NS, "Response")) {
      throw new SamlXml.BadXml("the root element is not a SAML 2.0 protocol Response");
    }
    if (doc.getElementsByTagNameNS(SamlXml.ASSERTION_NS, "EncryptedAssertion").getLength() > 0) {
      throw new SamlXml.BadXml("encrypted assertions are not supported");
    }
    NodeList all = doc.getElementsByTagNameNS(SamlXml.ASSERTION_NS, "Assertion");
    if (all.getLength() != 1) {
      throw new SamlXml.BadXml(
          "the response must contain exactly one Assertion, it contains " + all.getLength());
    }
    Element assertion = (Element) all.item(0);
    if (assertion.getParentNode() != response) {
      throw new SamlXml.BadXml("the Assertion must be a child of the Response");
    }
    String responseId = SamlXml.attribute(response, "ID");
    String assertionId = SamlXml.attribute(assertion, "ID");
    if (responseId == null
        || assertionId == null
        || responseId.isEmpty()
        || assertionId.isEmpty()
        || responseId.equals(assertionId)) {
      throw new SamlXml.BadXml("the Response and the Assertion must have distinct ID attributes");
    }
    response.setIdAttributeNS(null, "ID", true);
    assertion.setIdAttributeNS(null, "ID", true);

    boolean signed = signedBy(response, responseId, idp.signingCertificates());
    signed |= signedBy(assertion, assertionId, idp.signingCertificates());
    if (!signed) {
      throw badSignature();
    }
    status(response);
    return read(assertion, idp, now);
  }

  /**
   * Whether the element carries a valid enveloped signature over itself; a signature that fails
   * refuses the response.
   */
  private static boolean signedBy(Element parent, String id, List<X509Certificate> certs)
      throws Refused {
    Element sigElement;
    try {
      sigElement = SamlXml.child(parent, SamlXml.DSIG_NS, "Signature");
    } catch (SamlXml.BadXml e) {
      throw badSignature();
    }
    if (sigElement == null) {
      return false;
    }
    try {
      XMLSignature sig = new XMLSignature(sigElement, "", true);
      SignedInfo si = sig.getSignedInfo();
      if (si.getLength() != 1) {
        throw badSignature();
      }
      Reference ref = si.item(0);
      if (!("#" + id).equals(ref.getURI())) {
        throw badSignature();
      }
      Transforms transforms = ref.getTransforms();
      for (int i = 0; transforms != null && i < transforms.getLength(); i++) {
        if (!TRANSFORMS.contains(transforms.item(i).getURI())) {
          throw badSignature();
        }
      }
      for (X509Certificate cert : certs) {
        if (sig.checkSignatureValue(cert.getPublicKey())) {
          if (ref.getContentsBeforeTransformation().getSubNode() != parent) {
            throw badSignature(); // the reference resolved to another node than the signature's
            // parent
          }
          return true;
        }
      }
      throw badSignature();
    } catch (XMLSecurityException | RuntimeException e) {
      throw badSignature();
    }
  }

  private static void status(Element response) throws SamlXml.BadXml, Refused {
    Element status = SamlXml.child(response, SamlXml.PROTOCOL_NS, "Status");
    Element code = status == null ? null : SamlXml.child(status, SamlXml.PROTOCOL_NS, "StatusCode");
    if (code == null) {
      throw new SamlXml.BadXml("the Response has no Status/StatusCode");
    }
    if (!SUCCESS.equals(SamlXml.attribute(code, "Value"))) {
      throw new Refused(
          AwsErrorCode.IDP_REJECTED_CLAIM,
          "The identity provider reported that authentication failed (StatusCode "
              + SamlXml.attribute(code, "Value")
              + ")");
    }
  }

  private static Assertion read(Element a, IdpMetadata idp, Instant now)
      throws SamlXml.BadXml, Refused {
    Element issuerElement = SamlXml.child(a, SamlXml.ASSERTION_NS, "Issuer");
    String issuer = issuerElement == null ? null : SamlXml.text(issuerElement);
    if (issuer == null || !issuer.equals(idp.entityId())) {
      throw invalid("Issuer not present in specified provider");
    }
    Element conditions = SamlXml.child(a, SamlXml.ASSERTION_NS, "Conditions");
    if (conditions == null) {
      throw new SamlXml.BadXml("the Assertion has no Conditions");
    }
    window(conditions, "Conditions", now);
    boolean audience = false;
    for (Element r : SamlXml.children(conditions, SamlXml.ASSERTION_NS, "AudienceRestriction")) {
      for (Element aud : SamlXml.children(r, SamlXml.ASSERTION_NS, "Audience")) {
        audience |= AUDIENCES.contains(SamlXml.text(aud));
      }
    }
    if (!audience) {
      throw invalid("Response does not contain the required audience.");
    }

    Element subject = SamlXml.child(a, SamlXml.ASSERTION_NS, "Subject");
    Element nameId =
        subject == null ? null : SamlXml.child(subject, SamlXml.ASSERTION_NS, "NameID");
    if (nameId == null || SamlXml.text(nameId).isEmpty()) {
      throw new SamlXml.BadXml("the Assertion has no Subject/NameID");
    }
    List<Element> confirmations =
        SamlXml.children(subject, SamlXml.ASSERTION_NS, "SubjectConfirmation");
    if (confirmations.size() != 1) {
      throw new SamlXml.BadXml(
          "the Subject must have exactly one SubjectConfirmation, it has " + confirmations.size());
    }
    Element confirmation = confirmations.get(0);
    if (!BEARER.equals(SamlXml.attribute(confirmation, "Method"))) {
      throw new SamlXml.BadXml("the SubjectConfirmation Method must be " + BEARER);
    }
    Element data = SamlXml.child(confirmation, SamlXml.ASSERTION_NS, "SubjectConfirmationData");
    if (data == null
        || SamlXml.attribute(data, "NotOnOrAfter") == null
        || SamlXml.attribute(data, "Recipient") == null) {
      throw new SamlXml.BadXml("the SubjectConfirmationData must have NotOnOrAfter and Recipient");
    }
    String recipient = SamlXml.attribute(data, "Recipient");
    if (!recipient(recipient)) {
      throw invalid(
          "Invalid SAML response: Recipient " + recipient + " is not an AWS sign-in endpoint");
    }
    window(data, "SubjectConfirmationData", now);

    Instant sessionEnd = null;
    for (Element authn : SamlXml.children(a, SamlXml.ASSERTION_NS, "AuthnStatement")) {
      String v = SamlXml.attribute(authn, "SessionNotOnOrAfter");
      if (v != null) {
        Instant t = SamlXml.dateTime(v, "SessionNotOnOrAfter");
        sessionEnd = sessionEnd == null || t.isBefore(sessionEnd) ? t : sessionEnd;
      }
    }
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    for (Element statement : SamlXml.children(a, SamlXml.ASSERTION_NS, "AttributeStatement")) {
      for (Element attr : SamlXml.children(statement, SamlXml.ASSERTION_NS, "Attribute")) {
        String name = SamlXml.attribute(attr, "Name");
        if (name == null) {
          continue;
        }
        List<String> values = attributes.computeIfAbsent(name, k -> new ArrayList<>());
        for (Element v : SamlXml.children(attr, SamlXml.ASSERTION_NS, "AttributeValue")) {
          values.add(SamlXml.text(v));
        }
      }
    }
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    attributes.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new Assertion(
        issuer,
        SamlXml.text(nameId),
        SamlXml.attribute(nameId, "Format"),
        recipient,
        java.util.Collections.unmodifiableMap(frozen),
        sessionEnd);
  }

  static boolean recipient(String r) {
    return RECIPIENTS.contains(r)
        || r.matches("https://[a-z]{2}(-[a-z]+)+-\\d\\.signin\\.aws\\.amazon\\.com/saml");
  }

  /** NotBefore / NotOnOrAfter of an element against the clock, with {@link #SKEW} either way. */
  private static void window(Element e, String what, Instant now) throws SamlXml.BadXml, Refused {
    String notBefore = SamlXml.attribute(e, "NotBefore");
    if (notBefore != null
        && SamlXml.dateTime(notBefore, what + " NotBefore").isAfter(now.plus(SKEW))) {
      throw invalid(
          "Invalid SAML response: the assertion is not yet valid ("
              + what
              + " NotBefore "
              + notBefore.strip()
              + ")");
    }
    String notOnOrAfter = SamlXml.attribute(e, "NotOnOrAfter");
    if (notOnOrAfter != null
        && !SamlXml.dateTime(notOnOrAfter, what + " NotOnOrAfter").isAfter(now.minus(SKEW))) {
      throw new Refused(
          AwsErrorCode.EXPIRED_TOKEN_EXCEPTION,
          "The SAML assertion has expired ("
              + what
              + " NotOnOrAfter "
              + notOnOrAfter.strip()
              + ")");
    }
  }
}
