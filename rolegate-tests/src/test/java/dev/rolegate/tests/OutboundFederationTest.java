package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * IAM outbound identity federation and STS GetWebIdentityToken end to end: the account's issuer is
 * Rolegate itself, its discovery document and JWKS are served without authentication, and the
 * tokens are accepted by Rolegate's own AssumeRoleWithWebIdentity in another account that
 * registered the issuer as an OIDC provider.
 */
class OutboundFederationTest {
  static final String OTHER = "210987654321";
  static final String AUDIENCE = "https://api.example.com";
  static TestServer server;
  static IamClient iam;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TestServer.start();
    iam = server.iam(server.rootCredentials());
  }

  @AfterAll
  static void stop() {
    iam.close();
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  static String issuer() {
    return "http://127.0.0.1:" + server.port() + "/_rolegate/oidc/" + ACCOUNT;
  }

  static HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void enablingDisablingAndTheIssuersDocuments() throws Exception {
    expectError(
        () -> iam.getOutboundWebIdentityFederationInfo(b -> {}),
        "FeatureDisabled",
        404,
        "Outbound identity federation has never been enabled for account " + ACCOUNT + ".");
    assertThat(get(issuer() + "/.well-known/openid-configuration").statusCode()).isEqualTo(404);

    assertThat(iam.enableOutboundWebIdentityFederation(b -> {}).issuerIdentifier())
        .isEqualTo(issuer());
    expectError(
        () -> iam.enableOutboundWebIdentityFederation(b -> {}),
        "FeatureEnabled",
        409,
        "Outbound identity federation is already enabled for account " + ACCOUNT + ".");
    var info = iam.getOutboundWebIdentityFederationInfo(b -> {});
    assertThat(info.issuerIdentifier()).isEqualTo(issuer());
    assertThat(info.jwtVendingEnabled()).isTrue();

    // the discovery document and the JWKS, unauthenticated; public halves only
    HttpResponse<String> discovery = get(issuer() + "/.well-known/openid-configuration");
    assertThat(discovery.statusCode()).isEqualTo(200);
    Map<String, Object> doc = JSONObjectUtils.parse(discovery.body());
    assertThat(doc.get("issuer")).isEqualTo(issuer());
    assertThat(doc.get("jwks_uri")).isEqualTo(issuer() + "/.well-known/jwks.json");
    HttpResponse<String> jwks = get(issuer() + "/.well-known/jwks.json");
    assertThat(jwks.statusCode()).isEqualTo(200);
    JWKSet keys = JWKSet.parse(jwks.body());
    assertThat(keys.getKeys())
        .extracting(k -> k.getAlgorithm().getName())
        .containsExactlyInAnyOrder("RS256", "ES384");
    assertThat(keys.getKeys()).noneMatch(JWK::isPrivate);
    assertThat(jwks.body()).doesNotContain("\"d\"");
    assertThat(
            get("http://127.0.0.1:"
                    + server.port()
                    + "/_rolegate/oidc/"
                    + OTHER
                    + "/.well-known/jwks.json")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            get("http://127.0.0.1:" + server.port() + "/_rolegate/oidc/../accounts").statusCode())
        .isEqualTo(404);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/jwks.json"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(405);

    iam.disableOutboundWebIdentityFederation(b -> {});
    assertThat(iam.getOutboundWebIdentityFederationInfo(b -> {}).jwtVendingEnabled()).isFalse();
    expectError(
        () -> iam.disableOutboundWebIdentityFederation(b -> {}),
        "FeatureDisabled",
        404,
        "Outbound identity federation is already disabled for account " + ACCOUNT + ".");
    assertThat(get(issuer() + "/.well-known/jwks.json").statusCode()).isEqualTo(404);
    try (StsClient sts = server.sts(server.rootCredentials())) {
      expectError(
          () -> sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("RS256")),
          "OutboundWebIdentityFederationDisabledException",
          403,
          "Outbound web identity federation is disabled for account " + ACCOUNT + ".");
    }
    // re-enabling keeps the issuer's keys
    iam.enableOutboundWebIdentityFederation(b -> {});
    assertThat(JWKSet.parse(get(issuer() + "/.well-known/jwks.json").body()).getKeys())
        .extracting(JWK::getKeyID)
        .containsExactlyElementsOf(keys.getKeys().stream().map(JWK::getKeyID).toList());
  }

  @Test
  @SuppressWarnings({
    "unchecked",
    "JavaUtilDate"
  }) // the SDK's tags(Consumer<Tag.Builder>...) varargs; Nimbus's claims are Dates
  void aTokenCarriesTheCallersIdentityAndTagsAndVerifiesAgainstTheIssuersKeys() throws Exception {
    iam.enableOutboundWebIdentityFederation(b -> {});
    var keys = E2e.userWithKey(iam, "worker");
    iam.tagUser(b -> b.userName("worker").tags(t -> t.key("team").value("platform")));
    iam.putUserPolicy(
        b ->
            b.userName("worker")
                .policyName("p")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetWebIdentityToken\",\"Resource\":\"*\","
                        + "\"Condition\":{\"ForAllValues:StringEquals\":{\"sts:IdentityTokenAudience\":[\""
                        + AUDIENCE
                        + "\"]},"
                        + "\"StringEquals\":{\"sts:SigningAlgorithm\":\"ES384\"},\"NumericLessThanEquals\":{\"sts:DurationSeconds\":\"600\"}}},"
                        + "{\"Effect\":\"Allow\",\"Action\":\"sts:TagGetWebIdentityToken\",\"Resource\":\"*\","
                        + "\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"job\"]}}}]}"));
    JWKSet published = JWKSet.parse(get(issuer() + "/.well-known/jwks.json").body());
    try (StsClient sts = server.sts(keys)) {
      GetWebIdentityTokenResponse r =
          sts.getWebIdentityToken(
              b ->
                  b.audience(AUDIENCE)
                      .signingAlgorithm("ES384")
                      .durationSeconds(600)
                      .tags(Tag.builder().key("job").value("nightly").build()));
      SignedJWT jwt = SignedJWT.parse(r.webIdentityToken());
      assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
      JWK key = published.getKeyByKeyId(jwt.getHeader().getKeyID());
      assertThat(jwt.verify(new ECDSAVerifier((ECKey) key))).isTrue();
      var claims = jwt.getJWTClaimsSet();
      assertThat(claims.getIssuer()).isEqualTo(issuer());
      assertThat(claims.getSubject()).isEqualTo(E2e.userArn("worker"));
      assertThat(claims.getAudience()).containsExactly(AUDIENCE);
      assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
          .isEqualTo(600_000L);
      assertThat(r.expiration()).isEqualTo(claims.getExpirationTime().toInstant());
      assertThat(claims.getJWTID()).isNotBlank();
      Map<String, Object> aws = claims.getJSONObjectClaim("https://sts.amazonaws.com/");
      assertThat(aws)
          .containsEntry("aws_account", ACCOUNT)
          .containsEntry("source_region", "us-east-1")
          .containsEntry("principal_tags", Map.of("team", "platform"))
          .containsEntry("request_tags", Map.of("job", "nightly"));

      // the policy's conditions: another audience, algorithm or a longer token; a tag key it does
      // not allow
      String denied =
          "User: "
              + E2e.userArn("worker")
              + " is not authorized to perform: sts:GetWebIdentityToken on resource: * "
              + "because no identity-based policy allows the sts:GetWebIdentityToken action";
      expectError(
          () ->
              sts.getWebIdentityToken(
                  b -> b.audience(AUDIENCE, "https://evil.example.com").signingAlgorithm("ES384")),
          "AccessDenied",
          403,
          denied);
      expectError(
          () -> sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("RS256")),
          "AccessDenied",
          403,
          denied);
      expectError(
          () ->
              sts.getWebIdentityToken(
                  b -> b.audience(AUDIENCE).signingAlgorithm("ES384").durationSeconds(900)),
          "AccessDenied",
          403,
          denied);
      expectError(
          () ->
              sts.getWebIdentityToken(
                  b ->
                      b.audience(AUDIENCE)
                          .signingAlgorithm("ES384")
                          .tags(Tag.builder().key("owner").value("x").build())),
          "AccessDenied",
          403,
          "User: "
              + E2e.userArn("worker")
              + " is not authorized to perform: sts:TagGetWebIdentityToken on resource: * "
              + "because no identity-based policy allows the sts:TagGetWebIdentityToken action");
      // the default lifetime is 300 seconds
      var defaults =
          SignedJWT.parse(
                  sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("ES384"))
                      .webIdentityToken())
              .getJWTClaimsSet();
      assertThat(defaults.getExpirationTime().getTime() - defaults.getIssueTime().getTime())
          .isEqualTo(300_000L);
      assertThat(defaults.getJSONObjectClaim("https://sts.amazonaws.com/"))
          .doesNotContainKey("request_tags");
    }
  }

  @Test
  void aRoleSessionsTokenNamesTheRoleAndCannotOutliveTheSession() throws Exception {
    iam.enableOutboundWebIdentityFederation(b -> {});
    iam.createRole(
        b ->
            b.roleName("Caller")
                .assumeRolePolicyDocument(E2e.trust("arn:aws:iam::" + ACCOUNT + ":root")));
    iam.putRolePolicy(
        b ->
            b.roleName("Caller")
                .policyName("p")
                .policyDocument(E2e.allow("sts:GetWebIdentityToken", "*")));
    var keys = E2e.userWithKey(iam, "alice");
    iam.putUserPolicy(
        b -> b.userName("alice").policyName("p").policyDocument(E2e.allow("sts:AssumeRole", "*")));
    try (StsClient alice = server.sts(keys)) {
      var creds =
          alice
              .assumeRole(
                  b ->
                      b.roleArn(E2e.roleArn("Caller"))
                          .roleSessionName("job-1")
                          .durationSeconds(900))
              .credentials();
      try (StsClient session = server.sts(TestServer.session(creds))) {
        var escalation =
            E2e.awsError(
                () ->
                    session.getWebIdentityToken(
                        b -> b.audience(AUDIENCE).signingAlgorithm("RS256").durationSeconds(1800)));
        assertThat(escalation.awsErrorDetails().errorCode())
            .isEqualTo("SessionDurationEscalationException");
        assertThat(escalation.statusCode()).isEqualTo(403);
        String token =
            session
                .getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("RS256"))
                .webIdentityToken();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWKSet published = JWKSet.parse(get(issuer() + "/.well-known/jwks.json").body());
        assertThat(
                jwt.verify(
                    new RSASSAVerifier(
                        (RSAKey) published.getKeyByKeyId(jwt.getHeader().getKeyID()))))
            .isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject())
            .isEqualTo(E2e.roleArn("Caller")); // aws:PrincipalArn, as AWS's sample token shows
      }
    }
  }

  /**
   * Rolegate accepts its own tokens: another account registers the issuer and trusts the token's
   * sub.
   */
  @Test
  void anotherAccountAssumesARoleWithTheTokenThroughRolegatesOwnIssuer() throws Exception {
    iam.enableOutboundWebIdentityFederation(b -> {});
    var keys = E2e.userWithKey(iam, "worker");
    iam.putUserPolicy(
        b ->
            b.userName("worker")
                .policyName("p")
                .policyDocument(E2e.allow("sts:GetWebIdentityToken", "*")));
    String token;
    try (StsClient sts = server.sts(keys)) {
      token =
          sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("ES384"))
              .webIdentityToken();
    }
    String providerUrl = issuer().substring("http://".length());
    try (IamClient other = server.iam(server.newAccount(OTHER))) {
      String providerArn =
          other
              .createOpenIDConnectProvider(b -> b.url(issuer()).clientIDList(AUDIENCE))
              .openIDConnectProviderArn();
      assertThat(providerArn).isEqualTo("arn:aws:iam::" + OTHER + ":oidc-provider/" + providerUrl);
      other.createRole(
          b ->
              b.roleName("FromRolegate")
                  .assumeRolePolicyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                          + providerArn
                          + "\"},"
                          + "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\""
                          + providerUrl
                          + ":sub\":\""
                          + E2e.userArn("worker")
                          + "\",\""
                          + providerUrl
                          + ":aud\":\""
                          + AUDIENCE
                          + "\"}}}]}"));
    }
    try (StsClient anonymous = server.anonymousSts()) {
      var r =
          anonymous.assumeRoleWithWebIdentity(
              b ->
                  b.roleArn("arn:aws:iam::" + OTHER + ":role/FromRolegate")
                      .roleSessionName("from-" + ACCOUNT)
                      .webIdentityToken(token));
      assertThat(r.assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::" + OTHER + ":assumed-role/FromRolegate/from-" + ACCOUNT);
      assertThat(r.subjectFromWebIdentityToken()).isEqualTo(E2e.userArn("worker"));
      assertThat(r.provider()).isEqualTo(issuer());
      assertThat(r.audience()).isEqualTo(AUDIENCE);
      // the trust policy's :sub decides: a token of another principal of the issuing account is
      // refused
      var intruder = E2e.userWithKey(iam, "intruder");
      iam.putUserPolicy(
          b ->
              b.userName("intruder")
                  .policyName("p")
                  .policyDocument(E2e.allow("sts:GetWebIdentityToken", "*")));
      String other;
      try (StsClient sts = server.sts(intruder)) {
        other =
            sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("RS256"))
                .webIdentityToken();
      }
      expectError(
          () ->
              anonymous.assumeRoleWithWebIdentity(
                  b ->
                      b.roleArn("arn:aws:iam::" + OTHER + ":role/FromRolegate")
                          .roleSessionName("intruder")
                          .webIdentityToken(other)),
          "AccessDenied",
          403,
          "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }
  }

  @Test
  void badParametersAreAwsValidationErrors() {
    iam.enableOutboundWebIdentityFederation(b -> {});
    try (StsClient sts = server.sts(server.rootCredentials())) {
      expectError(
          () -> sts.getWebIdentityToken(b -> b.signingAlgorithm("RS256")),
          "ValidationError",
          400,
          "1 validation error detected: Value null at 'audience' failed to satisfy constraint: Member must not be null");
      expectError(
          () ->
              sts.getWebIdentityToken(
                  b -> b.audience(AUDIENCE).signingAlgorithm("ES384").durationSeconds(3601)),
          "ValidationError",
          400,
          "1 validation error detected: Value '3601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 3600");
      expectError(
          () ->
              sts.getWebIdentityToken(
                  b ->
                      b.audience(AUDIENCE)
                          .signingAlgorithm("ES384")
                          .tags(
                              Tag.builder().key("a").value("1").build(),
                              Tag.builder().key("A").value("2").build())),
          "InvalidInput",
          400,
          "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
      List<String> eleven =
          java.util.stream.IntStream.range(0, 11).mapToObj(i -> "aud-" + i).toList();
      var e =
          E2e.awsError(
              () -> sts.getWebIdentityToken(b -> b.audience(eleven).signingAlgorithm("ES384")));
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(e.statusCode()).isEqualTo(400);
    }
  }
}
