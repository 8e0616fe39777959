package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

/**
 * OIDC federation end to end: a real (tiny) OIDC issuer on loopback serving its discovery document
 * and JWKS, the brief's GitHub Actions trust policy, AssumeRoleWithWebIdentity through the AWS SDK
 * for Java v2 with anonymous credentials, and the refusals.
 */
class OidcFederationTest {
  static TestServer server;
  static IamClient iam;
  static StsClient anonymous;
  static HttpServer issuer;
  static RSAKey key;
  static String iss;
  static String host;
  static final AtomicInteger issuerRequests = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    host = "127.0.0.1:" + issuer.getAddress().getPort();
    iss = "http://" + host;
    issuer.createContext(
        "/.well-known/openid-configuration",
        x ->
            answer(
                x,
                "{\"issuer\":\""
                    + iss
                    + "\",\"jwks_uri\":\""
                    + iss
                    + "/.well-known/jwks\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
    issuer.createContext(
        "/.well-known/jwks", x -> answer(x, new JWKSet(key.toPublicJWK()).toString()));
    issuer.start();
    server = TestServer.start();
    iam = server.iam(server.rootCredentials());
    anonymous = server.anonymousSts();
  }

  private static void answer(HttpExchange x, String body) throws IOException {
    issuerRequests.incrementAndGet();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @AfterAll
  static void stop() {
    anonymous.close();
    iam.close();
    server.close();
    issuer.stop(0);
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  static String providerArn() {
    return "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + host;
  }

  /** The brief's GitHub Actions trust policy, for our issuer. */
  static String githubTrust() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Federated\":\""
        + providerArn()
        + "\"},"
        + "\"Action\":\"sts:AssumeRoleWithWebIdentity\","
        + "\"Condition\":{\"StringEquals\":{\""
        + host
        + ":aud\":\"sts.amazonaws.com\"},"
        + "\"StringLike\":{\""
        + host
        + ":sub\":\"repo:myorg/myrepo:*\"}}}]}";
  }

  /** A token shaped like GitHub Actions' ID tokens. */
  static String token(String sub, String aud, Instant exp) throws Exception {
    return token(sub, aud, exp, null);
  }

  /** The same, with AWS's session-tags claim when {@code tags} is not null. */
  static String token(String sub, String aud, Instant exp, java.util.Map<String, Object> tags)
      throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
    if (tags != null) {
      builder.claim("https://aws.amazon.com/tags", tags);
    }
    JWTClaimsSet claims =
        builder
            .issuer(iss)
            .subject(sub)
            .audience(aud)
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now.minusSeconds(10)))
            .notBeforeTime(Date.from(now.minusSeconds(10)))
            .expirationTime(Date.from(exp))
            .claim("ref", "refs/heads/main")
            .claim("repository", "myorg/myrepo")
            .claim("repository_owner", "myorg")
            .claim("event_name", "push")
            .claim("ref_type", "branch")
            .claim("job_workflow_ref", "myorg/myrepo/.github/workflows/ci.yml@refs/heads/main")
            .claim("runner_environment", "github-hosted")
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  static String mainToken() throws Exception {
    return token(
        "repo:myorg/myrepo:ref:refs/heads/main",
        "sts.amazonaws.com",
        Instant.now().plusSeconds(300));
  }

  @Test
  void sessionTagsFromTheTokenNeedTagSessionAndBecomePrincipalTags() throws Exception {
    iam.createOpenIDConnectProvider(b -> b.url(iss).clientIDList("sts.amazonaws.com"));
    String tagging =
        githubTrust()
            .replace(
                "\"Action\":\"sts:AssumeRoleWithWebIdentity\"",
                "\"Action\":[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]");
    iam.createRole(b -> b.roleName("Tagged").assumeRolePolicyDocument(tagging));
    iam.putRolePolicy(
        b ->
            b.roleName("Tagged")
                .policyName("p")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetRole\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"platform\"}}}]}"));
    iam.createRole(b -> b.roleName("Untagged").assumeRolePolicyDocument(githubTrust()));
    java.util.Map<String, Object> tags =
        java.util.Map.of(
            "principal_tags",
            java.util.Map.of("team", java.util.List.of("platform")),
            "transitive_tag_keys",
            java.util.List.of("team"));
    String token =
        token(
            "repo:myorg/myrepo:ref:refs/heads/main",
            "sts.amazonaws.com",
            Instant.now().plusSeconds(300),
            tags);
    expectError(
        () ->
            anonymous.assumeRoleWithWebIdentity(
                b ->
                    b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Untagged")
                        .roleSessionName("s1")
                        .webIdentityToken(token)),
        "AccessDenied",
        403,
        "Not authorized to perform sts:TagSession");
    var creds =
        anonymous
            .assumeRoleWithWebIdentity(
                b ->
                    b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Tagged")
                        .roleSessionName("s1")
                        .webIdentityToken(token))
            .credentials();
    try (var session = server.iam(TestServer.session(creds))) {
      assertThat(session.getRole(b -> b.roleName("Tagged")).role().roleName()).isEqualTo("Tagged");
    }
  }

  void createProviderAndRole() {
    String arn =
        iam.createOpenIDConnectProvider(b -> b.url(iss).clientIDList("sts.amazonaws.com"))
            .openIDConnectProviderArn();
    assertThat(arn).isEqualTo(providerArn());
    iam.createRole(b -> b.roleName("GitHubActions").assumeRolePolicyDocument(githubTrust()));
  }

  @Test
  void theGithubActionsTrustPolicyWorksWithAGithubShapedToken() throws Exception {
    createProviderAndRole();
    String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/GitHubActions";
    AssumeRoleWithWebIdentityResponse r =
        anonymous.assumeRoleWithWebIdentity(
            b ->
                b.roleArn(roleArn)
                    .roleSessionName("gha-run-1")
                    .webIdentityToken(mainTokenUnchecked()));
    assertThat(r.subjectFromWebIdentityToken()).isEqualTo("repo:myorg/myrepo:ref:refs/heads/main");
    assertThat(r.audience()).isEqualTo("sts.amazonaws.com");
    assertThat(r.provider()).isEqualTo(iss);
    assertThat(r.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/GitHubActions/gha-run-1");
    assertThat(r.assumedRoleUser().assumedRoleId()).startsWith("AROA").endsWith(":gha-run-1");
    assertThat(r.credentials().accessKeyId()).startsWith("ASIA");
    assertThat(r.credentials().expiration())
        .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));

    // the credentials work, as the role's session
    try (StsClient session = server.sts(TestServer.session(r.credentials()))) {
      assertThat(session.getCallerIdentity().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/GitHubActions/gha-run-1");
    }

    // the issuer's keys are cached: a second assumption fetches nothing more
    int fetched = issuerRequests.get();
    anonymous.assumeRoleWithWebIdentity(
        b ->
            b.roleArn(roleArn)
                .roleSessionName("gha-run-2")
                .webIdentityToken(mainTokenUnchecked())
                .durationSeconds(900));
    assertThat(issuerRequests.get()).isEqualTo(fetched);
  }

  @Test
  void refusalsCarryAwssCodesAndStatuses() throws Exception {
    createProviderAndRole();
    String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/GitHubActions";
    String other =
        token(
            "repo:someone/else:ref:refs/heads/main",
            "sts.amazonaws.com",
            Instant.now().plusSeconds(300));
    expectError(
        () ->
            anonymous.assumeRoleWithWebIdentity(
                b -> b.roleArn(roleArn).roleSessionName("s1").webIdentityToken(other)),
        "AccessDenied",
        403,
        "Not authorized to perform sts:AssumeRoleWithWebIdentity");

    Instant exp = Instant.now().minusSeconds(3600);
    String expired = token("repo:myorg/myrepo:ref:refs/heads/main", "sts.amazonaws.com", exp);
    var e =
        E2e.awsError(
            () ->
                anonymous.assumeRoleWithWebIdentity(
                    b -> b.roleArn(roleArn).roleSessionName("s1").webIdentityToken(expired)));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorMessage())
        .startsWith("Token expired: current date/time ")
        .endsWith(" must be before the expiration date/time" + exp.getEpochSecond());

    String otherAudience =
        token(
            "repo:myorg/myrepo:ref:refs/heads/main",
            "my-other-app",
            Instant.now().plusSeconds(300));
    expectError(
        () ->
            anonymous.assumeRoleWithWebIdentity(
                b -> b.roleArn(roleArn).roleSessionName("s1").webIdentityToken(otherAudience)),
        "InvalidIdentityToken",
        400,
        "Incorrect token audience");

    // a provider in another account does not count: the role's account has none for this issuer
    expectError(
        () ->
            anonymous.assumeRoleWithWebIdentity(
                b ->
                    b.roleArn("arn:aws:iam::111111111111:role/GitHubActions")
                        .roleSessionName("s1")
                        .webIdentityToken(mainTokenUnchecked())),
        "InvalidIdentityToken",
        400,
        "No OpenIDConnect provider found in your account for " + iss);

    // a token signed by someone else's key with our kid
    RSAKey forger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            SignedJWT.parse(mainToken()).getJWTClaimsSet());
    forged.sign(new RSASSASigner(forger));
    var f =
        E2e.awsError(
            () ->
                anonymous.assumeRoleWithWebIdentity(
                    b ->
                        b.roleArn(roleArn)
                            .roleSessionName("s1")
                            .webIdentityToken(forged.serialize())));
    assertThat(f.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");

    expectError(
        () ->
            anonymous.assumeRoleWithWebIdentity(
                b ->
                    b.roleArn(roleArn)
                        .roleSessionName("s1")
                        .webIdentityToken(mainTokenUnchecked())
                        .durationSeconds(7200)),
        "ValidationError",
        400,
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's tags(Consumer<Tag.Builder>...) varargs
  void oidcProvidersAreManagedAsInIam() {
    String arn =
        iam.createOpenIDConnectProvider(
                b ->
                    b.url(iss)
                        .clientIDList("sts.amazonaws.com")
                        .thumbprintList("a".repeat(40))
                        .tags(t -> t.key("team").value("ci")))
            .openIDConnectProviderArn();
    expectError(
        () -> iam.createOpenIDConnectProvider(b -> b.url(iss).clientIDList("x")),
        "EntityAlreadyExists",
        409,
        "Provider with url " + iss + " already exists.");
    expectError(
        () -> iam.createOpenIDConnectProvider(b -> b.url("http://idp.example.com")),
        "ValidationError",
        400,
        "Invalid Open ID Connect Provider URL");
    iam.addClientIDToOpenIDConnectProvider(
        b -> b.openIDConnectProviderArn(arn).clientID("another"));
    iam.addClientIDToOpenIDConnectProvider(
        b -> b.openIDConnectProviderArn(arn).clientID("another")); // idempotent
    iam.removeClientIDFromOpenIDConnectProvider(
        b -> b.openIDConnectProviderArn(arn).clientID("sts.amazonaws.com"));
    iam.updateOpenIDConnectProviderThumbprint(
        b -> b.openIDConnectProviderArn(arn).thumbprintList("b".repeat(40), "c".repeat(40)));
    GetOpenIdConnectProviderResponse p =
        iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
    assertThat(p.url()).isEqualTo(host);
    assertThat(p.clientIDList()).containsExactly("another");
    assertThat(p.thumbprintList()).containsExactly("b".repeat(40), "c".repeat(40));
    assertThat(p.tags()).hasSize(1);
    assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList())
        .extracting(x -> x.arn())
        .containsExactly(arn);
    iam.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
    expectError(
        () -> iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)),
        "NoSuchEntity",
        404,
        "OpenIDConnect Provider not found for arn " + arn);
    assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList()).isEmpty();
    assertThat(List.of()).isEmpty();
  }

  @Test
  void oidcProviderTagsFollowIamsTagRulesAndAreAuthorizedWithTheTagKeys() {
    String arn =
        iam.createOpenIDConnectProvider(
                b ->
                    b.url(iss)
                        .clientIDList("sts.amazonaws.com")
                        .tags(Tag.builder().key("env").value("prod").build()))
            .openIDConnectProviderArn();
    iam.tagOpenIDConnectProvider(
        b ->
            b.openIDConnectProviderArn(arn)
                .tags(
                    Tag.builder().key("team").value("ci").build(),
                    Tag.builder().key("ENV").value("test").build()));
    // keys are case-insensitive: ENV replaced env in its place
    assertThat(iam.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(arn)).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("ENV=test", "team=ci");
    assertThat(iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)).tags())
        .extracting(Tag::key)
        .containsExactly("ENV", "team");
    var page = iam.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(arn).maxItems(1));
    assertThat(page.isTruncated()).isTrue();
    assertThat(page.tags()).extracting(Tag::key).containsExactly("ENV");
    assertThat(
            iam.listOpenIDConnectProviderTags(
                    b -> b.openIDConnectProviderArn(arn).marker(page.marker()))
                .tags())
        .extracting(Tag::key)
        .containsExactly("team");
    iam.untagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).tagKeys("env", "absent"));
    assertThat(iam.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(arn)).tags())
        .extracting(Tag::key)
        .containsExactly("team");

    expectError(
        () ->
            iam.tagOpenIDConnectProvider(
                b ->
                    b.openIDConnectProviderArn(arn)
                        .tags(
                            Tag.builder().key("a").value("1").build(),
                            Tag.builder().key("A").value("2").build())),
        "InvalidInput",
        400,
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    List<Tag> many = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(Tag.builder().key("k" + i).value("v").build());
    }
    expectError(
        () -> iam.tagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).tags(many)),
        "ValidationError",
        400,
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    var bad =
        E2e.awsError(
            () ->
                iam.tagOpenIDConnectProvider(
                    b ->
                        b.openIDConnectProviderArn(arn)
                            .tags(Tag.builder().key("bad*key").value("v").build())));
    assertThat(bad.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(bad.awsErrorDetails().errorMessage())
        .startsWith("1 validation error detected: Value 'bad*key' at 'tags.1.member.key'");
    String missing = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/other.example.com";
    expectError(
        () -> iam.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(missing)),
        "NoSuchEntity",
        404,
        "OpenIDConnect Provider not found for arn " + missing);

    // a user may tag only with the keys its policy allows (aws:TagKeys), and create with tags only
    // when allowed to tag
    var keys = E2e.userWithKey(iam, "tagger");
    iam.putUserPolicy(
        b ->
            b.userName("tagger")
                .policyName("p")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:TagOpenIDConnectProvider\","
                        + "\"iam:ListOpenIDConnectProviderTags\"],\"Resource\":\""
                        + arn
                        + "\","
                        + "\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}}]}"));
    try (IamClient tagger = server.iam(keys)) {
      tagger.tagOpenIDConnectProvider(
          b ->
              b.openIDConnectProviderArn(arn)
                  .tags(Tag.builder().key("team").value("platform").build()));
      expectError(
          () ->
              tagger.tagOpenIDConnectProvider(
                  b ->
                      b.openIDConnectProviderArn(arn)
                          .tags(Tag.builder().key("owner").value("x").build())),
          "AccessDenied",
          403,
          "User: "
              + E2e.userArn("tagger")
              + " is not authorized to perform: iam:TagOpenIDConnectProvider on resource: "
              + arn
              + " because no identity-based policy allows the iam:TagOpenIDConnectProvider action");
      expectError(
          () ->
              tagger.untagOpenIDConnectProvider(
                  b -> b.openIDConnectProviderArn(arn).tagKeys("team")),
          "AccessDenied",
          403,
          "User: "
              + E2e.userArn("tagger")
              + " is not authorized to perform: iam:UntagOpenIDConnectProvider on resource: "
              + arn
              + " because no identity-based policy allows the iam:UntagOpenIDConnectProvider action");
    }
    assertThat(iam.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(arn)).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("team=platform");
  }

  /**
   * A loopback HTTPS issuer with a self-signed certificate made by keytool (the JDK's trust store
   * does not know it): no thumbprints means it is not trusted; its SHA-1 thumbprint makes it
   * trusted; another thumbprint is AWS's mismatch error; UpdateOpenIDConnectProviderThumbprint
   * takes effect at once.
   */
  @Test
  void thumbprintsPinTheIssuersCertificateChain() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("idp-tls");
    java.nio.file.Path store = dir.resolve("idp.p12");
    Process keytool =
        new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "idp",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor())
        .as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    String thumbprint =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-1")
                    .digest(ks.getCertificate("idp").getEncoded()))
            .toUpperCase(java.util.Locale.ROOT);
    javax.net.ssl.KeyManagerFactory kmf =
        javax.net.ssl.KeyManagerFactory.getInstance(
            javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    com.sun.net.httpserver.HttpsServer https =
        com.sun.net.httpserver.HttpsServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
    String tlsHost = "127.0.0.1:" + https.getAddress().getPort();
    String tlsIss = "https://" + tlsHost;
    https.createContext(
        "/.well-known/openid-configuration",
        x ->
            answer(
                x,
                "{\"issuer\":\""
                    + tlsIss
                    + "\",\"jwks_uri\":\""
                    + tlsIss
                    + "/.well-known/jwks\"}"));
    https.createContext(
        "/.well-known/jwks", x -> answer(x, new JWKSet(key.toPublicJWK()).toString()));
    https.start();
    try {
      String arn =
          iam.createOpenIDConnectProvider(b -> b.url(tlsIss).clientIDList("sts.amazonaws.com"))
              .openIDConnectProviderArn();
      iam.createRole(
          b ->
              b.roleName("Tls")
                  .assumeRolePolicyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                          + arn
                          + "\"},"
                          + "\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}"));
      Instant now = Instant.now();
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              new JWTClaimsSet.Builder()
                  .issuer(tlsIss)
                  .subject("workload-1")
                  .audience("sts.amazonaws.com")
                  .issueTime(Date.from(now))
                  .expirationTime(Date.from(now.plusSeconds(300)))
                  .build());
      jwt.sign(new RSASSASigner(key));
      String token = jwt.serialize();
      String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/Tls";
      String mismatch =
          "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint";

      // no thumbprints: the JDK's trust store decides, and it does not know a self-signed
      // certificate
      expectError(
          () ->
              anonymous.assumeRoleWithWebIdentity(
                  b -> b.roleArn(roleArn).roleSessionName("s1").webIdentityToken(token)),
          "InvalidIdentityToken",
          400,
          mismatch);
      // another certificate's thumbprint
      iam.updateOpenIDConnectProviderThumbprint(
          b -> b.openIDConnectProviderArn(arn).thumbprintList("0".repeat(40)));
      expectError(
          () ->
              anonymous.assumeRoleWithWebIdentity(
                  b -> b.roleArn(roleArn).roleSessionName("s1").webIdentityToken(token)),
          "InvalidIdentityToken",
          400,
          mismatch);
      // the issuer's own thumbprint (upper case, as consoles show it) pins and trusts the chain, at
      // once
      iam.updateOpenIDConnectProviderThumbprint(
          b -> b.openIDConnectProviderArn(arn).thumbprintList("0".repeat(40), thumbprint));
      var r =
          anonymous.assumeRoleWithWebIdentity(
              b -> b.roleArn(roleArn).roleSessionName("s1").webIdentityToken(token));
      assertThat(r.provider()).isEqualTo(tlsIss);
      assertThat(r.assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/Tls/s1");
      // and removing it refuses again (the cached keys were fetched under the old list)
      iam.updateOpenIDConnectProviderThumbprint(
          b -> b.openIDConnectProviderArn(arn).thumbprintList("1".repeat(40)));
      expectError(
          () ->
              anonymous.assumeRoleWithWebIdentity(
                  b -> b.roleArn(roleArn).roleSessionName("s2").webIdentityToken(token)),
          "InvalidIdentityToken",
          400,
          mismatch);
    } finally {
      https.stop(0);
    }
  }

  @Test
  void thumbprintListsFollowIamsRules() {
    String arn =
        iam.createOpenIDConnectProvider(b -> b.url(iss))
            .openIDConnectProviderArn(); // ThumbprintList is optional
    assertThat(iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)).thumbprintList())
        .isEmpty();
    expectError(
        () -> iam.updateOpenIDConnectProviderThumbprint(b -> b.openIDConnectProviderArn(arn)),
        "ValidationError",
        400,
        "1 validation error detected: Value at 'thumbprintList' failed to satisfy constraint: Member must not be null");
    expectError(
        () ->
            iam.updateOpenIDConnectProviderThumbprint(
                b ->
                    b.openIDConnectProviderArn(arn)
                        .thumbprintList(
                            "a".repeat(40),
                            "b".repeat(40),
                            "c".repeat(40),
                            "d".repeat(40),
                            "e".repeat(40),
                            "f".repeat(40))),
        "InvalidInput",
        400,
        "Thumbprint list must contain fewer than 5 entries.");
    var shortOne =
        E2e.awsError(
            () ->
                iam.updateOpenIDConnectProviderThumbprint(
                    b -> b.openIDConnectProviderArn(arn).thumbprintList("abc")));
    assertThat(shortOne.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(shortOne.awsErrorDetails().errorMessage())
        .contains("'thumbprintList.member.1'")
        .contains("length greater than or equal to 40");
    var notHex =
        E2e.awsError(
            () ->
                iam.createOpenIDConnectProvider(
                    b -> b.url("https://other.example.com").thumbprintList("g".repeat(40))));
    assertThat(notHex.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(notHex.awsErrorDetails().errorMessage())
        .contains("'thumbprintList.member.1'")
        .contains("regular expression pattern");
    iam.updateOpenIDConnectProviderThumbprint(
        b -> b.openIDConnectProviderArn(arn).thumbprintList("a".repeat(40), "b".repeat(40)));
    iam.updateOpenIDConnectProviderThumbprint(
        b -> b.openIDConnectProviderArn(arn).thumbprintList("C".repeat(40)));
    assertThat(iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)).thumbprintList())
        .containsExactly("C".repeat(40));
  }

  /** A token of our issuer with exactly these claims besides iss, iat and exp. */
  static String tokenWith(java.util.Map<String, Object> claims) throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet.Builder b =
        new JWTClaimsSet.Builder()
            .issuer(iss)
            .issueTime(Date.from(now.minusSeconds(5)))
            .expirationTime(Date.from(now.plusSeconds(300)));
    claims.forEach(b::claim);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), b.build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /**
   * AWS's "Available keys for AWS OIDC federation": {@code PROVIDER:aud} is the token's azp when it
   * has one, {@code :oaud} its aud, {@code :amr} (multivalued), {@code :email}, {@code :sub}; each
   * condition allows the right token and denies a token that differs in that claim alone.
   */
  @Test
  void trustPolicyKeysAudOaudAmrEmailAndSubAllowAndDeny() throws Exception {
    iam.createOpenIDConnectProvider(
        b -> b.url(iss).clientIDList("sts.amazonaws.com", "second-app"));
    iam.createRole(
        b ->
            b.roleName("Keys")
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Federated\":\""
                        + providerArn()
                        + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                        + "\"Condition\":{\"StringEquals\":{\""
                        + host
                        + ":aud\":\"client-123\",\""
                        + host
                        + ":oaud\":\"sts.amazonaws.com\","
                        + "\""
                        + host
                        + ":email\":\"alice@example.com\",\""
                        + host
                        + ":sub\":\"alice\"},"
                        + "\"ForAnyValue:StringEquals\":{\""
                        + host
                        + ":amr\":\"mfa\"}}}]}"));
    String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/Keys";
    java.util.Map<String, Object> good =
        java.util.Map.of(
            "aud",
            "sts.amazonaws.com",
            "azp",
            "client-123",
            "sub",
            "alice",
            "email",
            "alice@example.com",
            "amr",
            List.of("pwd", "mfa"));
    var r =
        anonymous.assumeRoleWithWebIdentity(
            b -> b.roleArn(roleArn).roleSessionName("alice").webIdentityToken(unchecked(good)));
    assertThat(r.audience())
        .isEqualTo("sts.amazonaws.com"); // the answer's Audience is the matched aud, not azp
    assertThat(r.subjectFromWebIdentityToken()).isEqualTo("alice");

    java.util.Map<String, java.util.Map<String, Object>> denied = new java.util.LinkedHashMap<>();
    denied.put("azp differs (:aud)", with(good, "azp", "client-999"));
    denied.put("no azp: :aud is the aud, sts.amazonaws.com", without(good, "azp"));
    denied.put("aud differs (:oaud)", with(good, "aud", "second-app"));
    denied.put("email differs", with(good, "email", "mallory@example.com"));
    denied.put("no email", without(good, "email"));
    denied.put("sub differs", with(good, "sub", "mallory"));
    denied.put("no mfa in amr", with(good, "amr", List.of("pwd")));
    denied.put("no amr", without(good, "amr"));
    denied.forEach(
        (why, claims) -> {
          String token = unchecked(claims);
          var e =
              E2e.awsError(
                  () ->
                      anonymous.assumeRoleWithWebIdentity(
                          b -> b.roleArn(roleArn).roleSessionName("s1").webIdentityToken(token)));
          assertThat(e.awsErrorDetails().errorCode()).as(why).isEqualTo("AccessDenied");
          assertThat(e.awsErrorDetails().errorMessage())
              .as(why)
              .isEqualTo("Not authorized to perform sts:AssumeRoleWithWebIdentity");
        });
  }

  static java.util.Map<String, Object> with(
      java.util.Map<String, Object> claims, String name, Object value) {
    java.util.Map<String, Object> out = new java.util.HashMap<>(claims);
    out.put(name, value);
    return out;
  }

  static java.util.Map<String, Object> without(java.util.Map<String, Object> claims, String name) {
    java.util.Map<String, Object> out = new java.util.HashMap<>(claims);
    out.remove(name);
    return out;
  }

  static String unchecked(java.util.Map<String, Object> claims) {
    try {
      return tokenWith(claims);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String mainTokenUnchecked() {
    try {
      return mainToken();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
