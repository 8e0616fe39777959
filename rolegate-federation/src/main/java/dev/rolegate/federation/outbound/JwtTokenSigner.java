package dev.rolegate.federation.outbound;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rolegate.core.federation.WebIdentityTokenSigner;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Outbound identity federation's keys and tokens with Nimbus JOSE+JWT: an issuer's two signing keys
 * (RS256: RSA 2048; ES384: P-384, each with its key id, {@code use=sig} and its algorithm), its
 * public JWKS and discovery document, and JWTs of type {@code JWT} signed with the key for the
 * algorithm, naming it by key id.
 */
public final class JwtTokenSigner implements WebIdentityTokenSigner {
  @Override
  public String newKeys() {
    try {
      String id = UUID.randomUUID().toString();
      RSAKey rsa =
          new RSAKeyGenerator(2048)
              .keyID("rs256-" + id)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .generate();
      ECKey ec =
          new ECKeyGenerator(Curve.P_384)
              .keyID("es384-" + id)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES384)
              .generate();
      return JSONObjectUtils.toJSONString(
          new JWKSet(List.of(rsa, ec))
              .toJSONObject(false)); // private halves: the caller seals them
    } catch (JOSEException e) {
      throw new IllegalStateException("key generation failed", e);
    }
  }

  private static JWKSet parse(String privateKeys) {
    try {
      return JWKSet.parse(privateKeys);
    } catch (ParseException e) {
      throw new IllegalStateException("the outbound federation keys are not a readable JWKS", e);
    }
  }

  @Override
  public String publicKeys(String privateKeys) {
    return parse(privateKeys).toPublicJWKSet().toString();
  }

  @Override
  public String discovery(String issuer) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", issuer);
    doc.put("jwks_uri", issuer + "/.well-known/jwks.json");
    doc.put("response_types_supported", List.of("id_token"));
    doc.put("subject_types_supported", List.of("public"));
    doc.put("id_token_signing_alg_values_supported", List.of("RS256", "ES384"));
    return JSONObjectUtils.toJSONString(doc);
  }

  @Override
  public String sign(String privateKeys, String algorithm, Claims claims) {
    JWK key =
        parse(privateKeys).getKeys().stream()
            .filter(k -> k.getAlgorithm().getName().equals(algorithm))
            .findFirst()
            .orElseThrow();
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .issuer(claims.issuer())
            .subject(claims.subject())
            .audience(new ArrayList<>(claims.audience()))
            .issueTime(Date.from(claims.issuedAt()))
            .expirationTime(Date.from(claims.expiration()))
            .jwtID(claims.jwtId());
    claims.extra().forEach(b::claim);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.parse(algorithm))
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            b.build());
    try {
      jwt.sign(key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key));
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }
}
