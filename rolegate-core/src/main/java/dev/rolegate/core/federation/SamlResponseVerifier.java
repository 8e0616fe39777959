package dev.rolegate.core.federation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads an IdP's SAML 2.0 metadata (CreateSAMLProvider, UpdateSAMLProvider, AssumeRoleWithSAML) and
 * verifies a SAML response's XML signature and conditions against it (AssumeRoleWithSAML).
 */
public interface SamlResponseVerifier {
  /**
   * What Rolegate takes from an IdP's metadata: the entity ID (the EntityDescriptor attribute, the
   * Issuer its assertions must carry), the signing certificates of its {@code IDPSSODescriptor},
   * and {@code validUntil} (or null).
   */
  record IdpMetadata(
      String entityId, List<X509Certificate> signingCertificates, Instant validUntil) {
    public IdpMetadata {
      signingCertificates = List.copyOf(signingCertificates);
    }
  }

  /**
   * What a verified assertion says.
   *
   * @param subject the NameID
   * @param subjectFormat the NameID's Format URI, or null
   * @param recipient the SubjectConfirmationData's Recipient (saml:aud, the answer's Audience)
   * @param attributes attribute name to values, in document order
   * @param sessionNotOnOrAfter the AuthnStatement's SessionNotOnOrAfter, or null
   */
  record Assertion(
      String issuer,
      String subject,
      String subjectFormat,
      String recipient,
      Map<String, List<String>> attributes,
      Instant sessionNotOnOrAfter) {
    public List<String> values(String name) {
      return attributes.getOrDefault(name, List.of());
    }
  }

  /** The metadata, or IAM's InvalidInput "Could not parse metadata. " followed by what is wrong. */
  Verification<IdpMetadata> metadata(String document);

  /**
   * The base64 {@code samlp:Response}'s one assertion, verified against the IdP's metadata at
   * {@code now}; or AWS's InvalidIdentityToken, ExpiredTokenException or IDPRejectedClaim with its
   * message.
   */
  Verification<Assertion> verify(String base64Response, IdpMetadata idp, Instant now);
}
