package dev.rolegate.federation.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.federation.OidcTokenVerifier;
import dev.rolegate.core.model.OidcProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class WebIdentityTokensTest {
  static final String ISS = "https://token.actions.githubusercontent.com";
  static final String SUB = "repo:myorg/myrepo:ref:refs/heads/main";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  /** A mutable clock for the cache. */
  static final class TestClock extends Clock {
    Instant now = NOW;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A fake issuer: serves its discovery document and its current JWKS, counting requests. */
  static class Issuer implements OidcHttp {
    final List<URI> requests = new ArrayList<>();
    JWKSet published;
    boolean down;

    Issuer(JWK... keys) {
      publish(keys);
    }

    void publish(JWK... keys) {
      List<JWK> pub = new ArrayList<>();
      for (JWK k : keys) {
        pub.add(k.toPublicJWK());
      }
      published = new JWKSet(pub);
    }

    @Override
    public Response get(URI uri) throws java.io.IOException {
      requests.add(uri);
      if (down) {
        throw new java.net.ConnectException("connection refused");
      }
      if (uri.toString().equals(ISS + "/.well-known/openid-configuration")) {
        return new Response(
            200, "{\"issuer\":\"" + ISS + "\",\"jwks_uri\":\"" + ISS + "/.well-known/jwks\"}");
      }
      if (uri.toString().equals(ISS + "/.well-known/jwks")) {
        return new Response(200, published.toString());
      }
      return new Response(404, "");
    }
  }

  static final RSAKey RSA = generateRsa("k1");
  static final OidcProvider PROVIDER =
      new OidcProvider(
          "123456789012",
          "token.actions.githubusercontent.com",
          List.of("sts.amazonaws.com"),
          List.of(),
          List.of(),
          NOW);

  final TestClock clock = new TestClock();

  static RSAKey generateRsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISS)
        .subject(SUB)
        .audience("sts.amazonaws.com")
        .issueTime(Date.from(NOW.minusSeconds(60)))
        .notBeforeTime(Date.from(NOW.minusSeconds(60)))
        .expirationTime(Date.from(NOW.plusSeconds(300)));
  }

  static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims)
      throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
    return sign(new RSASSASigner(key), JWSAlgorithm.RS256, key.getKeyID(), claims);
  }

  /**
   * The verifier as the use case sees it: the verified token, or its failure thrown as AWS's error.
   */
  record Tokens(WebIdentityTokens verifier) {
    OidcTokenVerifier.VerifiedToken verify(
        String token, Function<String, OidcProvider> providers, Instant now) {
      return verifier.verify(token, providers, now).orThrow();
    }
  }

  Tokens tokens(Issuer issuer) {
    return new Tokens(
        new WebIdentityTokens(
            new OidcKeys(issuer, clock, Duration.ofMinutes(10), Duration.ofSeconds(10))));
  }

  static final Function<String, OidcProvider> PROVIDERS = iss -> iss.equals(ISS) ? PROVIDER : null;

  static void refused(ThrowingCallable call, AwsErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              if (message != null) {
                assertThat(e.getMessage()).isEqualTo(message);
              }
            });
  }

  @Test
  void aGoodTokenIsVerifiedAndTheKeysAreFetchedOnceForManyTokens() throws Exception {
    Issuer issuer = new Issuer(RSA);
    Tokens t = tokens(issuer);
    OidcTokenVerifier.VerifiedToken v = t.verify(rs256(RSA, claims().build()), PROVIDERS, NOW);
    assertThat(v.subject()).isEqualTo(SUB);
    assertThat(v.audience()).isEqualTo("sts.amazonaws.com");
    assertThat(v.issuer()).isEqualTo(ISS);
    for (int i = 0; i < 5; i++) {
      t.verify(rs256(RSA, claims().build()), PROVIDERS, NOW);
    }
    assertThat(issuer.requests).hasSize(2); // discovery + JWKS, once
    clock.now = NOW.plus(Duration.ofMinutes(11)); // the cache's TTL is over
    t.verify(
        rs256(RSA, claims().expirationTime(Date.from(clock.now.plusSeconds(60))).build()),
        PROVIDERS,
        clock.now);
    assertThat(issuer.requests).hasSize(4);
  }

  @Test
  void arrayAudiencesAndEcKeysAndPssAreAccepted() throws Exception {
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec1").generate();
    Issuer issuer = new Issuer(RSA, ec);
    Tokens t = tokens(issuer);
    JWTClaimsSet c = claims().audience(List.of("other", "sts.amazonaws.com")).build();
    assertThat(
            t.verify(sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "ec1", c), PROVIDERS, NOW)
                .audience())
        .isEqualTo("sts.amazonaws.com");
    assertThat(
            t.verify(sign(new RSASSASigner(RSA), JWSAlgorithm.PS256, "k1", c), PROVIDERS, NOW)
                .subject())
        .isEqualTo(SUB);
  }

  @Test
  void anExpiredTokenGetsAwssExpiredTokenExceptionButFiveMinutesOfSkewAreTolerated()
      throws Exception {
    Tokens t = tokens(new Issuer(RSA));
    Instant exp = NOW.minusSeconds(299);
    t.verify(
        rs256(RSA, claims().expirationTime(Date.from(exp)).build()),
        PROVIDERS,
        NOW); // within the skew
    Instant old = NOW.minusSeconds(301);
    refused(
        () -> t.verify(rs256(RSA, claims().expirationTime(Date.from(old)).build()), PROVIDERS, NOW),
        AwsErrorCode.EXPIRED_TOKEN_EXCEPTION,
        "Token expired: current date/time "
            + NOW.getEpochSecond()
            + " must be before the expiration date/time"
            + old.getEpochSecond());
  }

  @Test
  void notYetValidAndFutureTokensAreRefused() throws Exception {
    Tokens t = tokens(new Issuer(RSA));
    refused(
        () ->
            t.verify(
                rs256(RSA, claims().notBeforeTime(Date.from(NOW.plusSeconds(600))).build()),
                PROVIDERS,
                NOW),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        null);
    refused(
        () ->
            t.verify(
                rs256(RSA, claims().issueTime(Date.from(NOW.plusSeconds(600))).build()),
                PROVIDERS,
                NOW),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        null);
    refused(
        () -> t.verify(rs256(RSA, claims().expirationTime(null).build()), PROVIDERS, NOW),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        null);
  }

  @Test
  void aWrongAudienceIsRefused() throws Exception {
    Tokens t = tokens(new Issuer(RSA));
    refused(
        () -> t.verify(rs256(RSA, claims().audience("someone-else").build()), PROVIDERS, NOW),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        "Incorrect token audience");
    refused(
        () -> t.verify(rs256(RSA, claims().audience(List.of("a", "b")).build()), PROVIDERS, NOW),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        "Incorrect token audience");
  }

  @Test
  void anIssuerWithoutAProviderIsRefusedWithoutFetchingAnything() throws Exception {
    Issuer issuer = new Issuer(RSA);
    Tokens t = tokens(issuer);
    refused(
        () ->
            t.verify(
                rs256(RSA, claims().issuer("https://evil.example.com").build()), PROVIDERS, NOW),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        "No OpenIDConnect provider found in your account for https://evil.example.com");
    assertThat(issuer.requests).isEmpty();
  }

  @Test
  void aBadSignatureIsRefused() throws Exception {
    Tokens t = tokens(new Issuer(RSA));
    RSAKey forger = generateRsa("k1"); // same kid, another key
    refused(
        () -> t.verify(rs256(forger, claims().build()), PROVIDERS, NOW),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        null);
    String good = rs256(RSA, claims().build());
    String[] parts = good.split("\\.");
    String tampered =
        parts[0]
            + "."
            + Base64URL.encode(
                claims()
                    .subject("repo:evil/repo:ref:refs/heads/main")
                    .build()
                    .toString()
                    .getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    refused(() -> t.verify(tampered, PROVIDERS, NOW), AwsErrorCode.INVALID_IDENTITY_TOKEN, null);
  }

  @Test
  void algNoneAndGarbageAreRefused() throws Exception {
    Tokens t = tokens(new Issuer(RSA));
    String none = new PlainJWT(claims().build()).serialize();
    refused(() -> t.verify(none, PROVIDERS, NOW), AwsErrorCode.INVALID_IDENTITY_TOKEN, null);
    String noneWithSignature = none + "AAAA";
    refused(
        () -> t.verify(noneWithSignature, PROVIDERS, NOW),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        null);
    refused(
        () -> t.verify("not-a-jwt", PROVIDERS, NOW),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
  }

  @Test
  void hmacTokensAreRefusedEvenWhenKeyedWithThePublicKey() throws Exception {
    Tokens t = tokens(new Issuer(RSA));
    // the classic confusion attack: HS256 keyed with the issuer's public key, as published
    byte[] publicKey = RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    byte[] der = RSA.toRSAPublicKey().getEncoded();
    for (byte[] secret : List.of(publicKey, der)) {
      String hs = sign(new MACSigner(secret), JWSAlgorithm.HS256, "k1", claims().build());
      refused(() -> t.verify(hs, PROVIDERS, NOW), AwsErrorCode.INVALID_IDENTITY_TOKEN, null);
    }
  }

  @Test
  void anUnknownKidRefetchesOnceThenAKeyRotationIsPickedUp() throws Exception {
    Issuer issuer = new Issuer(RSA);
    Tokens t = tokens(issuer);
    t.verify(rs256(RSA, claims().build()), PROVIDERS, NOW);
    assertThat(issuer.requests).hasSize(2);
    RSAKey next = generateRsa("k2");
    clock.now = NOW.plusSeconds(30);
    issuer.publish(RSA, next); // the issuer rotates
    t.verify(rs256(next, claims().build()), PROVIDERS, NOW.plusSeconds(30));
    assertThat(issuer.requests).hasSize(4); // one refetch
    t.verify(rs256(next, claims().build()), PROVIDERS, NOW.plusSeconds(30));
    assertThat(issuer.requests).hasSize(4); // cached
    // a kid the issuer never published: one refetch, then refused; a second try within 10 s fetches
    // nothing
    clock.now = NOW.plusSeconds(60);
    RSAKey unknown = generateRsa("k3");
    refused(
        () -> t.verify(rs256(unknown, claims().build()), PROVIDERS, NOW.plusSeconds(60)),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        OidcKeys.NO_KEY);
    assertThat(issuer.requests).hasSize(6);
    refused(
        () -> t.verify(rs256(unknown, claims().build()), PROVIDERS, NOW.plusSeconds(60)),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        OidcKeys.NO_KEY);
    assertThat(issuer.requests).hasSize(6);
  }

  @Test
  void anUnreachableIssuerIsAnIdpCommunicationError() throws Exception {
    Issuer issuer = new Issuer(RSA);
    issuer.down = true;
    refused(
        () -> tokens(issuer).verify(rs256(RSA, claims().build()), PROVIDERS, NOW),
        AwsErrorCode.IDP_COMMUNICATION_ERROR,
        null);
  }

  @Test
  void aRemoteIssuerCannotPointTheJwksAtLoopback() throws Exception {
    Issuer issuer =
        new Issuer(RSA) {
          @Override
          public Response get(URI uri) throws java.io.IOException {
            requests.add(uri);
            return uri.toString().equals(ISS + "/.well-known/openid-configuration")
                ? new Response(200, "{\"jwks_uri\":\"http://127.0.0.1:9/jwks\"}")
                : new Response(200, published.toString());
          }
        };
    refused(
        () -> tokens(issuer).verify(rs256(RSA, claims().build()), PROVIDERS, NOW),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        OidcKeys.NO_KEY);
    assertThat(issuer.requests).hasSize(1); // the discovery document only
  }

  @Test
  void plainHttpIsOnlyForLoopbackIssuers() throws Exception {
    String iss = "http://idp.example.com";
    OidcProvider p =
        new OidcProvider(
            "123456789012",
            "idp.example.com",
            List.of("sts.amazonaws.com"),
            List.of(),
            List.of(),
            NOW);
    Issuer issuer = new Issuer(RSA);
    refused(
        () -> tokens(issuer).verify(rs256(RSA, claims().issuer(iss).build()), x -> p, NOW),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        OidcKeys.NO_KEY);
    assertThat(issuer.requests).isEmpty();
  }
}
