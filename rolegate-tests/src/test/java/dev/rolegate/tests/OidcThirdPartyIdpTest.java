package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

/**
 * AssumeRoleWithWebIdentity against an OIDC provider we did not write: NAV's mock-oauth2-server
 * (Maven Central {@code no.nav.security:mock-oauth2-server}), started on loopback. Its tokens are
 * signed by its own keys and Rolegate fetches its real discovery document and JWKS over HTTP; the
 * forged tokens are made from its tokens. The server records every HTTP request it answers, which
 * the caching tests count.
 */
class OidcThirdPartyIdpTest extends ServerTest {
  static final String CLIENT = "rolegate-test-client";
  static final String SUBJECT = "system:serviceaccount:ci:deployer";
  static final String ROLE = E2e.roleArn("MockIdpRole");

  /** The IdP, as it ships (its default key provider). */
  static MockOAuth2Server idp;

  /** Another instance of the same IdP: other keys. */
  static MockOAuth2Server impostor;

  @BeforeAll
  static void start() {
    idp = startIdp(new MockOAuth2Server());
    impostor = startIdp(new MockOAuth2Server());
  }

  @AfterAll
  static void stop() {
    idp.shutdown();
    impostor.shutdown();
  }

  @BeforeEach
  void forgetIdpRequests() {
    requests(idp); // forget what earlier tests made the IdP answer
  }

  /**
   * Starts the IdP on 127.0.0.1, named by that address (not "localhost", which may resolve to ::1
   * first): its issuer URLs are then {@code http://127.0.0.1:PORT/ISSUER_ID}.
   */
  static MockOAuth2Server startIdp(MockOAuth2Server server) {
    try {
      server.start(InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1}), 0);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    assertThat(server.baseUrl().host()).isEqualTo("127.0.0.1");
    // warm it up (its first answers load its classes), so that Rolegate's 5 s fetch timeout
    // measures the IdP, not a cold JVM
    try {
      HttpClient http = HttpClient.newHttpClient();
      for (okhttp3.HttpUrl url :
          List.of(server.wellKnownUrl("warm-up"), server.jwksUrl("warm-up"))) {
        assertThat(
                http.send(
                        HttpRequest.newBuilder(url.uri()).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode())
            .isEqualTo(200);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(requests(server)).hasSize(2);
    return server;
  }

  /** The issuer URL of one of the IdP's issuers (mock-oauth2-server serves one per path). */
  static String iss(MockOAuth2Server server, String issuerId) {
    String url = server.issuerUrl(issuerId).toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The provider URL without its scheme: the prefix of the trust policy's condition keys. */
  static String hostPath(String iss) {
    return iss.substring("http://".length());
  }

  /**
   * Registers the issuer as an IAM OIDC provider for CLIENT and the role MockIdpRole trusting its
   * {@code :aud} and {@code :sub}.
   */
  static void providerAndRole(String iss) {
    providerAndRole(iam, iss, CLIENT, "MockIdpRole", SUBJECT);
  }

  /**
   * Registers the issuer as an IAM OIDC provider for {@code client} and a role trusting {@code
   * ISSUERHOSTPATH:aud} and {@code :sub}.
   */
  static void providerAndRole(
      IamClient iam, String iss, String client, String roleName, String subject) {
    String arn =
        iam.createOpenIDConnectProvider(b -> b.url(iss).clientIDList(client))
            .openIDConnectProviderArn();
    assertThat(arn).isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + hostPath(iss));
    String hp = hostPath(iss);
    iam.createRole(
        b ->
            b.roleName(roleName)
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Federated\":\""
                        + arn
                        + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                        + "\"Condition\":{\"StringEquals\":{\""
                        + hp
                        + ":aud\":\""
                        + client
                        + "\",\""
                        + hp
                        + ":sub\":\""
                        + subject
                        + "\"}}}]}"));
  }

  /**
   * A token the IdP issues for its issuer {@code issuerId} to the client {@code audience} (its aud
   * and azp): this subject, valid for {@code expirySeconds} (negative: expired).
   */
  static String issue(
      MockOAuth2Server server,
      String issuerId,
      String subject,
      String audience,
      long expirySeconds) {
    return server
        .issueToken(
            issuerId,
            audience,
            new DefaultOAuth2TokenCallback(
                issuerId,
                subject,
                JOSEObjectType.JWT.getType(),
                List.of(audience),
                Map.of("email", "deployer@example.com"),
                expirySeconds))
        .serialize();
  }

  static AssumeRoleWithWebIdentityResponse assume(String token, String sessionName) {
    return anonymous.assumeRoleWithWebIdentity(
        b -> b.roleArn(ROLE).roleSessionName(sessionName).webIdentityToken(token));
  }

  static void refused(String token, String code, int status, String message) {
    expectError(() -> assume(token, "s1"), code, status, message);
  }

  /** The paths of the requests the IdP answered since the last call (it records them in order). */
  static List<String> requests(MockOAuth2Server server) {
    List<String> paths = new ArrayList<>();
    while (true) {
      RecordedRequest r;
      try {
        r = server.takeRequest(200, TimeUnit.MILLISECONDS);
      } catch (RuntimeException none) { // its way of saying the queue stayed empty
        return paths;
      }
      paths.add(r.getMethod() + " " + r.getRequestUrl().encodedPath());
    }
  }

  @Test
  void theIdpsTokensAreAcceptedAndTheCredentialsWork() throws Exception {
    String iss = iss(idp, "accepted");
    providerAndRole(iss);
    String token = issue(idp, "accepted", SUBJECT, CLIENT, 300);
    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getIssuer())
        .isEqualTo(iss); // the IdP's own iss, not ours

    AssumeRoleWithWebIdentityResponse r = assume(token, "deploy-1");
    assertThat(r.subjectFromWebIdentityToken()).isEqualTo(SUBJECT);
    assertThat(r.audience()).isEqualTo(CLIENT);
    assertThat(r.provider()).isEqualTo(iss);
    assertThat(r.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/MockIdpRole/deploy-1");
    assertThat(r.credentials().accessKeyId()).startsWith("ASIA");
    try (StsClient session = server.sts(TestServer.session(r.credentials()))) {
      assertThat(session.getCallerIdentity().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/MockIdpRole/deploy-1");
    }
    // Rolegate read the IdP's real discovery document, then the jwks_uri it names
    assertThat(requests(idp))
        .containsExactly("GET /accepted/.well-known/openid-configuration", "GET /accepted/jwks");

    // a token of the IdP's own token endpoint (client_credentials grant over HTTP) is accepted too
    HttpResponse<String> tokenResponse =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(idp.tokenEndpointUrl("accepted").toString()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials&client_id="
                                + CLIENT
                                + "&client_secret=secret&scope="
                                + CLIENT))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
    String accessToken =
        (String)
            com.nimbusds.jose.util.JSONObjectUtils.parse(tokenResponse.body()).get("access_token");
    JWTClaimsSet claims = SignedJWT.parse(accessToken).getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(CLIENT);
    iam.createRole(
        b ->
            b.roleName("ClientRole")
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Federated\":\"arn:aws:iam::"
                        + ACCOUNT
                        + ":oidc-provider/"
                        + hostPath(iss)
                        + "\"},"
                        + "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\""
                        + hostPath(iss)
                        + ":sub\":\""
                        + CLIENT
                        + "\"}}}]}"));
    var c =
        anonymous.assumeRoleWithWebIdentity(
            b ->
                b.roleArn(E2e.roleArn("ClientRole"))
                    .roleSessionName("client")
                    .webIdentityToken(accessToken));
    assertThat(c.subjectFromWebIdentityToken()).isEqualTo(CLIENT);
    assertThat(c.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/ClientRole/client");
  }

  /**
   * The IdP configured for ES256 (its KeyProvider's algorithm): P-256 keys, JOSE's R||S signatures.
   */
  @Test
  void anEs256IdpsTokensAreAccepted() throws Exception {
    MockOAuth2Server ec =
        startIdp(
            new MockOAuth2Server(
                new OAuth2Config(
                    false,
                    null,
                    null,
                    false,
                    new OAuth2TokenProvider(
                        new KeyProvider(List.of(), JWSAlgorithm.ES256.getName())),
                    Set.of(new DefaultOAuth2TokenCallback()),
                    new MockWebServerWrapper())));
    try {
      providerAndRole(iss(ec, "ec"));
      String token = issue(ec, "ec", SUBJECT, CLIENT, 300);
      assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
      assertThat(assume(token, "ec-1").assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/MockIdpRole/ec-1");
      String[] parts = token.split("\\.");
      String changed =
          Base64URL.encode(
                  SignedJWT.parse(token)
                      .getJWTClaimsSet()
                      .toString()
                      .replace(SUBJECT, "system:serviceaccount:ci:admin"))
              .toString();
      refused(
          parts[0] + "." + changed + "." + parts[2],
          "InvalidIdentityToken",
          400,
          "The token's signature is not valid for the identity provider's key "
              + SignedJWT.parse(token).getHeader().getKeyID());
    } finally {
      ec.shutdown();
    }
  }

  @Test
  void forgedExpiredForeignAndResignedTokensAreRefused() throws Exception {
    String iss = iss(idp, "refusals");
    providerAndRole(iss);
    String good = issue(idp, "refusals", SUBJECT, CLIENT, 300);
    String kid = SignedJWT.parse(good).getHeader().getKeyID();
    String[] parts = good.split("\\.");

    // forged: the payload changed (another subject), the IdP's signature kept
    JWTClaimsSet original = SignedJWT.parse(good).getJWTClaimsSet();
    JWTClaimsSet changed =
        new JWTClaimsSet.Builder(original).subject("system:serviceaccount:ci:admin").build();
    String forged = parts[0] + "." + Base64URL.encode(changed.toString()) + "." + parts[2];
    refused(
        forged,
        "InvalidIdentityToken",
        400,
        "The token's signature is not valid for the identity provider's key " + kid);

    // expired an hour ago (the IdP issues it with a negative lifetime)
    String expired = issue(idp, "refusals", SUBJECT, CLIENT, -3600);
    long exp =
        SignedJWT.parse(expired).getJWTClaimsSet().getExpirationTime().toInstant().getEpochSecond();
    var e = E2e.awsError(() -> assume(expired, "s1"));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorMessage())
        .matches(
            "Token expired: current date/time \\d+ must be before the expiration date/time" + exp);

    // another issuer of the same IdP (not registered as a provider)
    String otherIss = iss(idp, "elsewhere");
    refused(
        issue(idp, "elsewhere", SUBJECT, CLIENT, 300),
        "InvalidIdentityToken",
        400,
        "No OpenIDConnect provider found in your account for " + otherIss);

    // another audience than the provider's client id
    refused(
        issue(idp, "refusals", SUBJECT, "some-other-client", 300),
        "InvalidIdentityToken",
        400,
        "Incorrect token audience");

    // signed by another key: another instance of the IdP mints a token with our issuer's iss (and
    // the same kid)
    String foreign =
        impostor
            .anyToken(idp.issuerUrl("refusals"), Map.of("sub", SUBJECT, "aud", CLIENT))
            .serialize();
    assertThat(SignedJWT.parse(foreign).getJWTClaimsSet().getIssuer()).isEqualTo(iss);
    String foreignKid = SignedJWT.parse(foreign).getHeader().getKeyID();
    refused(
        foreign,
        "InvalidIdentityToken",
        400,
        "The token's signature is not valid for the identity provider's key " + foreignKid);

    // alg:none, without a signature and with the IdP's signature kept
    String none =
        Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}").toString();
    String notAJwt =
        "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)";
    refused(none + "." + parts[1] + ".", "InvalidIdentityToken", 400, notAJwt);
    refused(none + "." + parts[1] + "." + parts[2], "InvalidIdentityToken", 400, notAJwt);

    // HS256 with the IdP's public key (as served in its JWKS) as the HMAC secret: the key-confusion
    // attack
    JWK published = JWKSet.load(idp.jwksUrl("refusals").url()).getKeyByKeyId(kid);
    assertThat(published).isNotNull();
    byte[] publicKey = published.toRSAKey().toRSAPublicKey().getEncoded();
    for (byte[] secret : List.of(publicKey, pem(publicKey).getBytes(StandardCharsets.US_ASCII))) {
      SignedJWT hmac =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).type(JOSEObjectType.JWT).build(),
              original);
      hmac.sign(new MACSigner(secret));
      refused(
          hmac.serialize(),
          "InvalidIdentityToken",
          400,
          "The token is signed with HS256; tokens must be signed with RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512");
    }

    // the subject the trust policy does not name: a valid token, AccessDenied
    refused(
        issue(idp, "refusals", "system:serviceaccount:ci:other", CLIENT, 300),
        "AccessDenied",
        403,
        "Not authorized to perform sts:AssumeRoleWithWebIdentity");

    // and the genuine token still works
    assertThat(assume(good, "s1").subjectFromWebIdentityToken()).isEqualTo(SUBJECT);
  }

  private static String pem(byte[] der) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
  }

  @Test
  void theJwksIsFetchedOnceWhileItsKeyIsKnown() {
    String iss = iss(idp, "cached");
    providerAndRole(iss);
    for (int i = 0; i < 5; i++) {
      String token = issue(idp, "cached", SUBJECT, CLIENT, 300);
      assertThat(assume(token, "run-" + i).subjectFromWebIdentityToken()).isEqualTo(SUBJECT);
    }
    assertThat(requests(idp))
        .containsExactly("GET /cached/.well-known/openid-configuration", "GET /cached/jwks");
    // refused tokens of a known key fetch nothing either
    refused(
        issue(idp, "cached", SUBJECT, "some-other-client", 300),
        "InvalidIdentityToken",
        400,
        "Incorrect token audience");
    assertThat(requests(idp)).isEmpty();
  }

  /**
   * mock-oauth2-server has no key-rotation API (its KeyProvider makes one key per issuer, for
   * good); it takes a KeyProvider through its OAuth2TokenProvider, so this IdP runs with one whose
   * key can be replaced: the JWKS then serves only the new key, with a new kid, and tokens are
   * signed with it.
   */
  static final class RotatingKeys extends KeyProvider {
    private final Map<String, RSAKey> current = new ConcurrentHashMap<>();

    @Override
    public JWK signingKey(String issuerId) {
      return current.computeIfAbsent(issuerId, id -> generate());
    }

    void rotate(String issuerId) {
      current.put(issuerId, generate());
    }

    private static RSAKey generate() {
      try {
        return new RSAKeyGenerator(2048)
            .keyID(UUID.randomUUID().toString())
            .algorithm(JWSAlgorithm.RS256)
            .generate();
      } catch (com.nimbusds.jose.JOSEException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void aRotatedKeyIsFetchedOnceAtMostEveryTenSeconds() throws Exception {
    RotatingKeys keys = new RotatingKeys();
    MockOAuth2Server rotating =
        new MockOAuth2Server(
            new OAuth2Config(
                false,
                null,
                null,
                false,
                new OAuth2TokenProvider(keys),
                Set.of(new DefaultOAuth2TokenCallback()),
                new MockWebServerWrapper()));
    startIdp(rotating);
    long advanced = 0;
    try {
      String iss = iss(rotating, "rotating");
      providerAndRole(iss);
      String before = issue(rotating, "rotating", SUBJECT, CLIENT, 300);
      assertThat(assume(before, "s1").subjectFromWebIdentityToken()).isEqualTo(SUBJECT);
      assertThat(requests(rotating))
          .containsExactly("GET /rotating/.well-known/openid-configuration", "GET /rotating/jwks");

      keys.rotate("rotating");
      String after = issue(rotating, "rotating", SUBJECT, CLIENT, 300);
      assertThat(SignedJWT.parse(after).getHeader().getKeyID())
          .isNotEqualTo(SignedJWT.parse(before).getHeader().getKeyID());
      // an unknown kid within ten seconds of the last fetch: refused without asking the IdP again
      refused(
          after,
          "InvalidIdentityToken",
          400,
          "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements");
      assertThat(requests(rotating)).isEmpty();

      // ten seconds later (the server's clock) the unknown kid refetches, once, and the new key
      // verifies
      server.advanceClock(11);
      advanced += 11;
      assertThat(assume(after, "s2").subjectFromWebIdentityToken()).isEqualTo(SUBJECT);
      assertThat(requests(rotating))
          .containsExactly("GET /rotating/.well-known/openid-configuration", "GET /rotating/jwks");
      assertThat(
              assume(issue(rotating, "rotating", SUBJECT, CLIENT, 300), "s3")
                  .subjectFromWebIdentityToken())
          .isEqualTo(SUBJECT);
      assertThat(requests(rotating)).isEmpty();
      // the retired key is gone from the JWKS: its tokens are refused, without another fetch this
      // soon
      refused(
          before,
          "InvalidIdentityToken",
          400,
          "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements");
      assertThat(requests(rotating)).isEmpty();
    } finally {
      server.advanceClock(-advanced);
      rotating.shutdown();
    }
  }

  @Test
  void anIdpThatIsDownIsACommunicationError() {
    MockOAuth2Server gone = startIdp(new MockOAuth2Server());
    String iss = iss(gone, "gone");
    String token = issue(gone, "gone", SUBJECT, CLIENT, 300);
    gone.shutdown();
    providerAndRole(iss);
    String hostOnly = URI.create(iss).getHost();
    refused(
        token,
        "IDPCommunicationError",
        400,
        "Couldn't retrieve verification key from your identity provider: "
            + hostOnly
            + " could not be reached");
  }
}
