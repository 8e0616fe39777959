package dev.rolegate.federation.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.federation.OidcTokenVerifier;
import dev.rolegate.core.federation.Verification;
import dev.rolegate.core.model.OidcProvider;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies an OIDC ID token as AWS STS does: a JWS (never {@code none}, never HMAC) signed with
 * RS256/384/512, PS256/384/512 or ES256/384/512 by a key of the issuer's JWKS (refetched once when
 * the key id is unknown), {@code exp}/{@code nbf}/{@code iat} with five minutes' skew, an {@code
 * aud} (a string or an array) among the provider's client ids, a {@code sub}. Every refusal is a
 * failure value with AWS's code and message.
 */
public final class WebIdentityTokens implements OidcTokenVerifier {
  static final long SKEW_SECONDS = 300;
  private static final Set<JWSAlgorithm> ALLOWED =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  private final OidcKeys keys;

  public WebIdentityTokens(OidcKeys keys) {
    this.keys = keys;
  }

  static <T> Verification<T> invalid(String message) {
    return Verification.failed(AwsErrorCode.INVALID_IDENTITY_TOKEN, message);
  }

  @Override
  public Verification<VerifiedToken> verify(
      String token, Function<String, OidcProvider> providers, Instant now) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      return invalid(
          "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
    }
    JWSHeader header = jwt.getHeader();
    if (!ALLOWED.contains(header.getAlgorithm())) {
      return invalid(
          "The token is signed with "
              + header.getAlgorithm()
              + "; tokens must be signed with RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512");
    }
    String issuer = claims.getIssuer();
    if (issuer == null || issuer.isEmpty()) {
      return invalid("The token has no iss claim");
    }
    OidcProvider provider = providers.apply(issuer);
    if (provider == null) {
      return invalid("No OpenIDConnect provider found in your account for " + issuer);
    }
    Verification<JWKSet> published = keys.keys(issuer, provider.thumbprints());
    if (published instanceof Verification.Failed<JWKSet> f) {
      return f.as();
    }
    JWK key = key(published.orThrow(), header);
    if (key == null) {
      Verification<JWKSet> fresh = keys.refresh(issuer, provider.thumbprints());
      if (fresh instanceof Verification.Failed<JWKSet> f) {
        return f.as();
      }
      key = fresh == null ? null : key(fresh.orThrow(), header);
      if (key == null) {
        return OidcKeys.noKey().failure();
      }
    }
    boolean valid;
    try {
      valid = jwt.verify(verifier(key, header.getAlgorithm()));
    } catch (JOSEException e) {
      valid = false;
    }
    if (!valid) {
      return invalid(
          "The token's signature is not valid for the identity provider's key "
              + (header.getKeyID() == null ? "" : header.getKeyID()));
    }
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      return invalid("The token has no exp claim");
    }
    long nowSeconds = now.getEpochSecond();
    long expSeconds = exp.toInstant().getEpochSecond();
    if (nowSeconds > expSeconds + SKEW_SECONDS) {
      return Verification.failed(
          AwsErrorCode.EXPIRED_TOKEN_EXCEPTION,
          "Token expired: current date/time "
              + nowSeconds
              + " must be before the expiration date/time"
              + expSeconds);
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().getEpochSecond() > nowSeconds + SKEW_SECONDS) {
      return invalid(
          "Token is not yet valid: current date/time "
              + nowSeconds
              + " is before the not-before date/time "
              + nbf.toInstant().getEpochSecond());
    }
    Date iat = claims.getIssueTime();
    if (iat != null && iat.toInstant().getEpochSecond() > nowSeconds + SKEW_SECONDS) {
      return invalid(
          "Token was issued in the future: current date/time "
              + nowSeconds
              + ", issued at "
              + iat.toInstant().getEpochSecond());
    }
    String audience = null;
    for (String aud : claims.getAudience()) {
      if (provider.clientIds().contains(aud)) {
        audience = aud;
        break;
      }
    }
    if (audience == null) {
      return invalid("Incorrect token audience");
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isEmpty()) {
      return invalid("The token has no sub claim");
    }
    return Verification.verified(
        new VerifiedToken(provider, issuer, subject, audience, claims.getClaims()));
  }

  /**
   * The issuer's key for this header: by key id, or the only signing key of the right type when the
   * token names none.
   */
  private static JWK key(JWKSet set, JWSHeader header) {
    List<JWK> candidates = new ArrayList<>();
    for (JWK k : set.getKeys()) {
      if (k.getKeyUse() != null && !k.getKeyUse().equals(KeyUse.SIGNATURE)) {
        continue;
      }
      if (!fits(k, header.getAlgorithm())) {
        continue;
      }
      if (header.getKeyID() != null ? header.getKeyID().equals(k.getKeyID()) : true) {
        candidates.add(k);
      }
    }
    return header.getKeyID() == null && candidates.size() != 1
        ? null
        : candidates.isEmpty() ? null : candidates.get(0);
  }

  private static boolean fits(JWK k, JWSAlgorithm alg) {
    if (k.getAlgorithm() != null && !k.getAlgorithm().getName().equals(alg.getName())) {
      return false;
    }
    if (JWSAlgorithm.Family.RSA.contains(alg)) {
      return k instanceof RSAKey;
    }
    if (k instanceof ECKey ec) {
      Curve want =
          alg.equals(JWSAlgorithm.ES256)
              ? Curve.P_256
              : alg.equals(JWSAlgorithm.ES384) ? Curve.P_384 : Curve.P_521;
      return (alg.equals(JWSAlgorithm.ES256)
              || alg.equals(JWSAlgorithm.ES384)
              || alg.equals(JWSAlgorithm.ES512))
          && want.equals(ec.getCurve());
    }
    return false;
  }

  /**
   * A verifier over the public half only: an HMAC secret can never verify, whatever the token's
   * header says.
   */
  private static JWSVerifier verifier(JWK key, JWSAlgorithm alg) throws JOSEException {
    if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)) {
      return new RSASSAVerifier(rsa.toRSAPublicKey());
    }
    if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
      return new ECDSAVerifier(ec.toECPublicKey());
    }
    throw new JOSEException("no public key for " + alg);
  }
}
