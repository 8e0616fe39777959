package dev.rolegate.federation.saml;

import dev.rolegate.core.federation.SamlResponseVerifier.IdpMetadata;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads what Rolegate takes from an IdP's SAML 2.0 metadata ({@link IdpMetadata}): the {@code
 * entityID} (the Issuer its assertions must carry), the signing certificates of its {@code
 * IDPSSODescriptor} (every {@code KeyDescriptor} with {@code use="signing"} or no {@code use}), and
 * {@code validUntil}.
 */
public final class SamlMetadata {
  private SamlMetadata() {}

  /**
   * Parses metadata.
   *
   * @throws SamlXml.BadXml naming what is wrong, when it is not an EntityDescriptor of an IdP with
   *     a signing certificate
   */
  public static IdpMetadata parse(String xml) throws SamlXml.BadXml {
    Document doc = SamlXml.parse(xml.getBytes(StandardCharsets.UTF_8));
    Element root = doc.getDocumentElement();
    if (!SamlXml.is(root, SamlXml.METADATA_NS, "EntityDescriptor")) {
      throw new SamlXml.BadXml("the root element is not a SAML 2.0 metadata EntityDescriptor");
    }
    String entityId = SamlXml.attribute(root, "entityID");
    if (entityId == null || entityId.isBlank()) {
      throw new SamlXml.BadXml("the EntityDescriptor has no entityID");
    }
    String until = SamlXml.attribute(root, "validUntil");
    Instant validUntil = until == null ? null : SamlXml.dateTime(until, "validUntil");
    List<Element> idps = SamlXml.children(root, SamlXml.METADATA_NS, "IDPSSODescriptor");
    if (idps.isEmpty()) {
      throw new SamlXml.BadXml("the EntityDescriptor has no IDPSSODescriptor");
    }
    List<X509Certificate> certs = new ArrayList<>();
    for (Element idp : idps) {
      for (Element kd : SamlXml.children(idp, SamlXml.METADATA_NS, "KeyDescriptor")) {
        String use = SamlXml.attribute(kd, "use");
        if (use != null && !use.equals("signing")) {
          continue;
        }
        Element keyInfo = SamlXml.child(kd, SamlXml.DSIG_NS, "KeyInfo");
        if (keyInfo == null) {
          continue;
        }
        for (Element data : SamlXml.children(keyInfo, SamlXml.DSIG_NS, "X509Data")) {
          for (Element c : SamlXml.children(data, SamlXml.DSIG_NS, "X509Certificate")) {
            certs.add(certificate(SamlXml.text(c)));
          }
        }
      }
    }
    if (certs.isEmpty()) {
      throw new SamlXml.BadXml(
          "the IDPSSODescriptor has no signing certificate (KeyDescriptor with an X509Certificate)");
    }
    return new IdpMetadata(entityId, certs, validUntil);
  }

  private static X509Certificate certificate(String base64) throws SamlXml.BadXml {
    try {
      byte[] der = Base64.getMimeDecoder().decode(base64);
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
      throw new SamlXml.BadXml(
          "an X509Certificate of the metadata is not a base64 DER X.509 certificate");
    }
  }
}
