package dev.rolegate.federation.oidc;

import static dev.rolegate.federation.oidc.WebIdentityTokensTest.ISS;
import static dev.rolegate.federation.oidc.WebIdentityTokensTest.NOW;
import static dev.rolegate.federation.oidc.WebIdentityTokensTest.PROVIDER;
import static dev.rolegate.federation.oidc.WebIdentityTokensTest.PROVIDERS;
import static dev.rolegate.federation.oidc.WebIdentityTokensTest.RSA;
import static dev.rolegate.federation.oidc.WebIdentityTokensTest.claims;
import static dev.rolegate.federation.oidc.WebIdentityTokensTest.rs256;
import static dev.rolegate.federation.oidc.WebIdentityTokensTest.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.federation.OidcTokenVerifier.VerifiedToken;
import dev.rolegate.core.federation.Verification;
import dev.rolegate.core.model.OidcProvider;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each way the OIDC verifier refuses a token, as the failure value it answers: AWS's error code and
 * message, never an exception. One case per failure kind.
 */
class OidcFailuresTest {
  static final String NO_KEY = OidcKeys.NO_KEY;
  static final long NOW_S = NOW.getEpochSecond();

  /** An issuer that answers every fetch with this status and body. */
  static OidcHttp answering(int status, String body) {
    return uri -> new OidcHttp.Response(status, body);
  }

  /** An issuer whose discovery document names a JWKS that answers with this status and body. */
  static OidcHttp jwksAnswering(int status, String body) {
    return uri ->
        uri.toString().endsWith("/openid-configuration")
            ? new OidcHttp.Response(200, "{\"jwks_uri\":\"" + ISS + "/.well-known/jwks\"}")
            : new OidcHttp.Response(status, body);
  }

  static Verification<VerifiedToken> verify(
      OidcHttp http, String token, Function<String, OidcProvider> providers) {
    return new WebIdentityTokens(
            new OidcKeys(
                http,
                new WebIdentityTokensTest.TestClock(),
                Duration.ofMinutes(10),
                Duration.ofSeconds(10)))
        .verify(token, providers, NOW);
  }

  static Verification<VerifiedToken> verify(String token) {
    return verify(new WebIdentityTokensTest.Issuer(RSA), token, PROVIDERS);
  }

  static void failed(Verification<VerifiedToken> v, AwsErrorCode code, String message) {
    assertThat(v).isEqualTo(Verification.failed(code, message));
  }

  static void invalid(Verification<VerifiedToken> v, String message) {
    failed(v, AwsErrorCode.INVALID_IDENTITY_TOKEN, message);
  }

  @Test
  void aGoodTokenIsAVerifiedValue() throws Exception {
    Verification<VerifiedToken> v = verify(rs256(RSA, claims().build()));
    assertThat(v).isInstanceOf(Verification.Verified.class);
    assertThat(v.orThrow().subject()).isEqualTo(WebIdentityTokensTest.SUB);
  }

  @Test
  void tokenShapeFailures() throws Exception {
    invalid(
        verify("not-a-jwt"),
        "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
    invalid(
        verify(sign(new MACSigner(new byte[32]), JWSAlgorithm.HS256, "k1", claims().build())),
        "The token is signed with HS256; tokens must be signed with RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512");
    invalid(verify(rs256(RSA, claims().issuer(null).build())), "The token has no iss claim");
    invalid(
        verify(rs256(RSA, claims().issuer("https://evil.example.com").build())),
        "No OpenIDConnect provider found in your account for https://evil.example.com");
  }

  @Test
  void signatureFailures() throws Exception {
    invalid(
        verify(rs256(WebIdentityTokensTest.generateRsa("k1"), claims().build())),
        "The token's signature is not valid for the identity provider's key k1");
    invalid(verify(rs256(WebIdentityTokensTest.generateRsa("unknown"), claims().build())), NO_KEY);
  }

  @Test
  @SuppressWarnings("JavaUtilDate") // Nimbus's JWT claims are Dates
  void claimFailures() throws Exception {
    invalid(
        verify(rs256(RSA, claims().expirationTime(null).build())), "The token has no exp claim");
    long old = NOW_S - 301;
    failed(
        verify(rs256(RSA, claims().expirationTime(new Date(old * 1000)).build())),
        AwsErrorCode.EXPIRED_TOKEN_EXCEPTION,
        "Token expired: current date/time "
            + NOW_S
            + " must be before the expiration date/time"
            + old);
    long later = NOW_S + 600;
    invalid(
        verify(rs256(RSA, claims().notBeforeTime(new Date(later * 1000)).build())),
        "Token is not yet valid: current date/time "
            + NOW_S
            + " is before the not-before date/time "
            + later);
    invalid(
        verify(rs256(RSA, claims().issueTime(new Date(later * 1000)).build())),
        "Token was issued in the future: current date/time " + NOW_S + ", issued at " + later);
    invalid(
        verify(rs256(RSA, claims().audience("someone-else").build())), "Incorrect token audience");
    invalid(verify(rs256(RSA, claims().subject(null).build())), "The token has no sub claim");
  }

  @Test
  void keyFetchFailures() throws Exception {
    String token = rs256(RSA, claims().build());
    OidcHttp down =
        uri -> {
          throw new java.net.ConnectException("connection refused");
        };
    failed(
        verify(down, token, PROVIDERS),
        AwsErrorCode.IDP_COMMUNICATION_ERROR,
        "Couldn't retrieve verification key from your identity provider: token.actions.githubusercontent.com could not be reached");
    failed(
        verify(answering(503, ""), token, PROVIDERS),
        AwsErrorCode.IDP_COMMUNICATION_ERROR,
        "Couldn't retrieve verification key from your identity provider: token.actions.githubusercontent.com answered 503");
    invalid(verify(answering(404, ""), token, PROVIDERS), NO_KEY);
    invalid(verify(answering(200, "{\"issuer\":\"x\"}"), token, PROVIDERS), NO_KEY); // no jwks_uri
    invalid(verify(answering(200, "not json"), token, PROVIDERS), NO_KEY);
    invalid(verify(jwksAnswering(200, "{\"keys\":\"not a list\"}"), token, PROVIDERS), NO_KEY);
    invalid(verify(jwksAnswering(403, ""), token, PROVIDERS), NO_KEY);
  }

  @Test
  void aCertificateWithoutTheProvidersThumbprintIsAThumbprintMismatch() throws Exception {
    OidcProvider pinned = PROVIDER.withThumbprints(List.of("a".repeat(40)));
    OidcHttp untrusted =
        new OidcHttp() {
          @Override
          public Response get(URI uri) throws IOException {
            throw new AssertionError("a provider with thumbprints is fetched with them");
          }

          @Override
          public Response get(URI uri, List<String> thumbprints) throws IOException {
            assertThat(thumbprints).containsExactly("a".repeat(40));
            throw new UntrustedCertificate(
                uri.getHost() + " presented a certificate chain that is not trusted");
          }
        };
    failed(
        verify(untrusted, rs256(RSA, claims().build()), iss -> pinned),
        AwsErrorCode.INVALID_IDENTITY_TOKEN,
        OidcKeys.THUMBPRINT_MISMATCH);
    assertThat(OidcKeys.THUMBPRINT_MISMATCH)
        .isEqualTo(
            "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint");
  }
}
