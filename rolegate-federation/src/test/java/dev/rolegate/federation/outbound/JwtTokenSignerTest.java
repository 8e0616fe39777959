package dev.rolegate.federation.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.rolegate.core.federation.WebIdentityTokenSigner.Claims;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outbound signer's keys, documents and tokens, checked with Nimbus as a verifier would. */
class JwtTokenSignerTest {
  static final Instant IAT = Instant.parse("2026-03-01T12:00:00Z");
  final JwtTokenSigner signer = new JwtTokenSigner();

  static Claims claims(List<String> audience) {
    return new Claims(
        "https://iam.example.com/_rolegate/oidc/123456789012",
        "arn:aws:iam::123456789012:role/r",
        audience,
        IAT,
        IAT.plusSeconds(300),
        "jti-1",
        Map.of("https://sts.amazonaws.com/", Map.of("aws_account", "123456789012")));
  }

  @Test
  void newKeysAreAnRs256AndAnEs384SigningKeyAndOnlyTheirPublicHalvesArePublished()
      throws Exception {
    String keys = signer.newKeys();
    JWKSet set = JWKSet.parse(keys);
    assertThat(set.getKeys())
        .extracting(k -> k.getAlgorithm().getName())
        .containsExactly("RS256", "ES384");
    assertThat(set.getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isTrue());
    assertThat(((RSAKey) set.getKeys().get(0)).size()).isEqualTo(2048);
    assertThat(((ECKey) set.getKeys().get(1)).getCurve().getName()).isEqualTo("P-384");
    String published = signer.publicKeys(keys);
    assertThat(published).doesNotContain("\"d\"");
    assertThat(JWKSet.parse(published).getKeys())
        .extracting(k -> k.getKeyID())
        .containsExactlyElementsOf(set.getKeys().stream().map(k -> k.getKeyID()).toList());
  }

  @Test
  void tokensAreSignedWithTheAlgorithmsKeyAndCarryTheClaims() throws Exception {
    String keys = signer.newKeys();
    JWKSet set = JWKSet.parse(keys);
    SignedJWT rs = SignedJWT.parse(signer.sign(keys, "RS256", claims(List.of("a"))));
    assertThat(rs.getHeader().getKeyID()).isEqualTo(set.getKeys().get(0).getKeyID());
    assertThat(rs.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
    assertThat(rs.verify(new RSASSAVerifier(((RSAKey) set.getKeys().get(0)).toRSAPublicKey())))
        .isTrue();
    assertThat(rs.getPayload().toJSONObject().get("aud")).isEqualTo("a"); // one audience: a string
    assertThat(rs.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(IAT);
    assertThat(rs.getJWTClaimsSet().getExpirationTime().toInstant())
        .isEqualTo(IAT.plusSeconds(300));
    assertThat(rs.getJWTClaimsSet().getJWTID()).isEqualTo("jti-1");
    assertThat(rs.getJWTClaimsSet().getJSONObjectClaim("https://sts.amazonaws.com/"))
        .containsEntry("aws_account", "123456789012");

    SignedJWT es = SignedJWT.parse(signer.sign(keys, "ES384", claims(List.of("a", "b"))));
    assertThat(es.getHeader().getKeyID()).isEqualTo(set.getKeys().get(1).getKeyID());
    assertThat(es.verify(new ECDSAVerifier(((ECKey) set.getKeys().get(1)).toECPublicKey())))
        .isTrue();
    assertThat(es.getJWTClaimsSet().getAudience()).containsExactly("a", "b");
  }

  @Test
  void theDiscoveryDocumentNamesTheIssuerAndItsJwks() throws Exception {
    Map<String, Object> doc =
        JSONObjectUtils.parse(
            signer.discovery("https://iam.example.com/_rolegate/oidc/123456789012"));
    assertThat(doc)
        .containsEntry("issuer", "https://iam.example.com/_rolegate/oidc/123456789012")
        .containsEntry(
            "jwks_uri", "https://iam.example.com/_rolegate/oidc/123456789012/.well-known/jwks.json")
        .containsEntry("id_token_signing_alg_values_supported", List.of("RS256", "ES384"));
  }
}
