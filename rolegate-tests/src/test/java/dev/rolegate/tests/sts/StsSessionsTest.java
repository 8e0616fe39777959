package dev.rolegate.tests.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.tests.AdminRequests;
import dev.rolegate.tests.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Issue 4: session policies, tags, source identity, GetSessionToken, GetFederationToken,
 * GetAccessKeyInfo, expiry.
 */
class StsSessionsTest {
  static TestServer server;
  IamClient rootIam;
  AwsBasicCredentials alice;

  static final String ACCOUNT = TestServer.ACCOUNT;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void fresh() {
    server.reset();
    rootIam = server.iam(server.rootCredentials());
    rootIam.createUser(b -> b.userName("alice"));
    rootIam.putUserPolicy(
        b ->
            b.userName("alice")
                .policyName("all")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:*\",\"iam:Get*\",\"iam:List*\"],\"Resource\":\"*\"}]}"));
    var key = rootIam.createAccessKey(b -> b.userName("alice")).accessKey();
    alice = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
  }

  private void role(String name, String trustStatements, String permissions) {
    rootIam.createRole(
        b ->
            b.roleName(name)
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[" + trustStatements + "]}"));
    if (permissions != null) {
      rootIam.putRolePolicy(b -> b.roleName(name).policyName("p").policyDocument(permissions));
    }
  }

  private static String trust(String principalArn, String... actions) {
    return "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + principalArn
        + "\"},\"Action\":[\""
        + String.join("\",\"", actions)
        + "\"]}";
  }

  static final String READ_IAM =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\",\"iam:List*\",\"sts:AssumeRole\",\"sts:TagSession\",\"sts:SetSourceIdentity\"],\"Resource\":\"*\"}]}";

  private static int status(Throwable e) {
    return ((AwsServiceException) e).statusCode();
  }

  private static String code(Throwable e) {
    return ((AwsServiceException) e).awsErrorDetails().errorCode();
  }

  @Test
  @SuppressWarnings(
      "deprecation") // packedPolicySize(): deprecated in the SDK, still in AWS's answer
  void aSessionPolicyNarrowsTheRole() {
    role("Reader", trust("arn:aws:iam::" + ACCOUNT + ":user/alice", "sts:AssumeRole"), READ_IAM);
    AssumeRoleResponse r =
        server
            .sts(alice)
            .assumeRole(
                b ->
                    b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Reader")
                        .roleSessionName("s1")
                        .policy(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetRole\",\"Resource\":\"*\"}]}"));
    assertThat(r.packedPolicySize()).isBetween(1, 100);
    IamClient session = server.iam(TestServer.session(r.credentials()));
    assertThat(session.getRole(b -> b.roleName("Reader")).role().roleName()).isEqualTo("Reader");
    assertThatThrownBy(() -> session.listRoles())
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"))
        .hasMessageContaining("because no session policy allows the iam:ListRoles action");
  }

  @Test
  void sessionTagsNeedTagSessionAndBecomePrincipalTags() {
    role("NoTags", trust("arn:aws:iam::" + ACCOUNT + ":user/alice", "sts:AssumeRole"), READ_IAM);
    assertThatThrownBy(
            () ->
                server
                    .sts(alice)
                    .assumeRole(
                        b ->
                            b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/NoTags")
                                .roleSessionName("s1")
                                .tags(Tag.builder().key("team").value("blue").build())))
        .satisfies(e -> assertThat(status(e)).isEqualTo(403))
        .hasMessageContaining("is not authorized to perform: sts:TagSession");
    role(
        "Tagged",
        trust("arn:aws:iam::" + ACCOUNT + ":user/alice", "sts:AssumeRole", "sts:TagSession"),
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetRole\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}}]}");
    Credentials blue =
        server
            .sts(alice)
            .assumeRole(
                b ->
                    b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Tagged")
                        .roleSessionName("s1")
                        .tags(Tag.builder().key("team").value("blue").build()))
            .credentials();
    assertThat(server.iam(TestServer.session(blue)).getRole(b -> b.roleName("Tagged")).role())
        .isNotNull();
    Credentials red =
        server
            .sts(alice)
            .assumeRole(
                b ->
                    b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Tagged")
                        .roleSessionName("s1")
                        .tags(Tag.builder().key("team").value("red").build()))
            .credentials();
    assertThatThrownBy(() -> server.iam(TestServer.session(red)).getRole(b -> b.roleName("Tagged")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"));
    assertThatThrownBy(
            () ->
                server
                    .sts(alice)
                    .assumeRole(
                        b ->
                            b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Tagged")
                                .roleSessionName("s1")
                                .tags(
                                    Tag.builder().key("a").value("1").build(),
                                    Tag.builder().key("A").value("2").build())))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
        .hasMessageContaining(
            "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    assertThatThrownBy(
            () ->
                server
                    .sts(alice)
                    .assumeRole(
                        b ->
                            b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Tagged")
                                .roleSessionName("s1")
                                .tags(Tag.builder().key("a").value("1").build())
                                .transitiveTagKeys("b")))
        .hasMessageContaining(
            "The specified transitive tag key must be included in the requested tags.");
  }

  @Test
  void transitiveTagsFollowThroughThreeHopsAndCannotBeOverridden() {
    String tagging = READ_IAM;
    role(
        "Hop1",
        trust("arn:aws:iam::" + ACCOUNT + ":user/alice", "sts:AssumeRole", "sts:TagSession"),
        tagging);
    role(
        "Hop2",
        trust("arn:aws:iam::" + ACCOUNT + ":role/Hop1", "sts:AssumeRole", "sts:TagSession"),
        tagging);
    role(
        "Hop3",
        trust("arn:aws:iam::" + ACCOUNT + ":role/Hop2", "sts:AssumeRole", "sts:TagSession"),
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetRole\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/project\":\"unicorn\"}}}]}");
    Credentials one =
        server
            .sts(alice)
            .assumeRole(
                b ->
                    b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Hop1")
                        .roleSessionName("one")
                        .tags(Tag.builder().key("project").value("unicorn").build())
                        .transitiveTagKeys("project"))
            .credentials();
    Credentials two =
        server
            .sts(TestServer.session(one))
            .assumeRole(
                b -> b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Hop2").roleSessionName("two"))
            .credentials();
    assertThatThrownBy(
            () ->
                server
                    .sts(TestServer.session(two))
                    .assumeRole(
                        b ->
                            b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Hop3")
                                .roleSessionName("three")
                                .tags(Tag.builder().key("PROJECT").value("other").build())))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"))
        .hasMessageContaining("conflicts with a transitive tag key from the calling session");
    Credentials three =
        server
            .sts(TestServer.session(two))
            .assumeRole(
                b -> b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Hop3").roleSessionName("three"))
            .credentials();
    assertThat(
            server
                .iam(TestServer.session(three))
                .getRole(b -> b.roleName("Hop3"))
                .role()
                .roleName())
        .isEqualTo("Hop3");
  }

  @Test
  void aSourceIdentityNeedsSetSourceIdentityAndIsKeptThroughChaining() {
    role("Plain", trust("arn:aws:iam::" + ACCOUNT + ":user/alice", "sts:AssumeRole"), READ_IAM);
    assertThatThrownBy(
            () ->
                server
                    .sts(alice)
                    .assumeRole(
                        b ->
                            b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Plain")
                                .roleSessionName("s1")
                                .sourceIdentity("alice")))
        .hasMessageContaining("sts:SetSourceIdentity");
    role(
        "Source",
        trust("arn:aws:iam::" + ACCOUNT + ":user/alice", "sts:AssumeRole", "sts:SetSourceIdentity"),
        READ_IAM);
    role(
        "Next",
        trust(
            "arn:aws:iam::" + ACCOUNT + ":role/Source", "sts:AssumeRole", "sts:SetSourceIdentity"),
        READ_IAM);
    AssumeRoleResponse first =
        server
            .sts(alice)
            .assumeRole(
                b ->
                    b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Source")
                        .roleSessionName("s1")
                        .sourceIdentity("alice"));
    assertThat(first.sourceIdentity()).isEqualTo("alice");
    StsClient chained = server.sts(TestServer.session(first.credentials()));
    assertThatThrownBy(
            () ->
                chained.assumeRole(
                    b ->
                        b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Next")
                            .roleSessionName("s1")
                            .sourceIdentity("mallory")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"));
    AssumeRoleResponse second =
        chained.assumeRole(
            b ->
                b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Next")
                    .roleSessionName("s1")
                    .sourceIdentity("alice"));
    assertThat(second.sourceIdentity()).isEqualTo("alice");
  }

  @Test
  void getSessionTokenGivesTheUsersOwnPermissionsAndNotToSessions() {
    Credentials token =
        server.sts(alice).getSessionToken(b -> b.durationSeconds(7200)).credentials();
    assertThat(token.accessKeyId()).startsWith("ASIA");
    assertThat(token.expiration())
        .isBetween(Instant.now().plusSeconds(7100), Instant.now().plusSeconds(7300));
    StsClient session = server.sts(TestServer.session(token));
    assertThat(session.getCallerIdentity().arn())
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/alice");
    assertThatThrownBy(() -> session.getSessionToken())
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"))
        .hasMessageContaining("Cannot call GetSessionToken with session credentials");
    Credentials root =
        server
            .sts(server.rootCredentials())
            .getSessionToken(b -> b.durationSeconds(20000))
            .credentials();
    assertThat(root.expiration())
        .as("root sessions are clamped to one hour")
        .isBefore(Instant.now().plusSeconds(3700));
  }

  @Test
  void aFederatedUserHasTheIntersectionOfTheUserAndTheSessionPolicy() {
    GetFederationTokenResponse f =
        server
            .sts(alice)
            .getFederationToken(
                b ->
                    b.name("bob")
                        .policy(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}"));
    assertThat(f.federatedUser().arn())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":federated-user/bob");
    assertThat(f.federatedUser().federatedUserId()).isEqualTo(ACCOUNT + ":bob");
    StsClient bob = server.sts(TestServer.session(f.credentials()));
    assertThat(bob.getCallerIdentity().userId()).isEqualTo(ACCOUNT + ":bob");
    assertThatThrownBy(() -> server.iam(TestServer.session(f.credentials())).listRoles())
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"));
    assertThatThrownBy(() -> bob.getSessionToken())
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"));
  }

  @Test
  void getAccessKeyInfoReadsTheAccountFromTheKey() {
    assertThat(
            server.sts(alice).getAccessKeyInfo(b -> b.accessKeyId(alice.accessKeyId())).account())
        .isEqualTo(ACCOUNT);
    assertThat(
            server
                .sts(alice)
                .getAccessKeyInfo(b -> b.accessKeyId("ASIAQNZGKIQY56JQ7WML"))
                .account())
        .isEqualTo("029608264753");
    rootIam.createUser(b -> b.userName("nobody"));
    var key = rootIam.createAccessKey(b -> b.userName("nobody")).accessKey();
    assertThatThrownBy(
            () ->
                server
                    .sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))
                    .getAccessKeyInfo(b -> b.accessKeyId(alice.accessKeyId())))
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"))
        .hasMessageContaining("is not authorized to perform: sts:GetAccessKeyInfo");
  }

  @Test
  void credentialsExpireWhenTheTestClockPassesTheirExpiration() throws Exception {
    role("Short", trust("arn:aws:iam::" + ACCOUNT + ":user/alice", "sts:AssumeRole"), READ_IAM);
    Credentials c =
        server
            .sts(alice)
            .assumeRole(
                b ->
                    b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Short")
                        .roleSessionName("s1")
                        .durationSeconds(900))
            .credentials();
    StsClient session = server.sts(TestServer.session(c));
    assertThat(session.getCallerIdentity().arn()).endsWith(":assumed-role/Short/s1");
    advanceClock(Duration.ofSeconds(901));
    try {
      // the SDK signs with its own clock, corrects its skew from the server's Date header and
      // retries: the answer is the expiry, as AWS gives it
      assertThatThrownBy(session::getCallerIdentity)
          .satisfies(e -> assertThat(code(e)).isEqualTo("ExpiredToken"))
          .satisfies(e -> assertThat(status(e)).isEqualTo(403))
          .hasMessageContaining("The security token included in the request is expired");
    } finally {
      advanceClock(Duration.ofSeconds(-901));
    }
  }

  @Test
  void revokingActiveSessionsStopsOlderSessionsAtOnceAndNotNewerOnes() throws Exception {
    role("Revocable", trust("arn:aws:iam::" + ACCOUNT + ":user/alice", "sts:AssumeRole"), READ_IAM);
    Credentials old =
        server
            .sts(alice)
            .assumeRole(
                b ->
                    b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Revocable").roleSessionName("old"))
            .credentials();
    IamClient oldIam = server.iam(TestServer.session(old));
    assertThat(oldIam.getRole(b -> b.roleName("Revocable")).role()).isNotNull();
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                AdminRequests.signedPost(
                    server.endpoint(),
                    "/_rolegate/revoke-sessions",
                    "{\"roleName\":\"Revocable\"}",
                    server.rootCredentials(),
                    serverOffsetSeconds),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThatThrownBy(() -> oldIam.getRole(b -> b.roleName("Revocable")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"))
        .hasMessageContaining("with an explicit deny in an identity-based policy");
    assertThat(
            rootIam
                .getRolePolicy(b -> b.roleName("Revocable").policyName("AWSRevokeOlderSessions"))
                .policyDocument())
        .contains("aws%3ATokenIssueTime");
    advanceClock(Duration.ofSeconds(2));
    try {
      Credentials fresh =
          server
              .sts(alice)
              .assumeRole(
                  b ->
                      b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/Revocable")
                          .roleSessionName("new"))
              .credentials();
      assertThat(server.iam(TestServer.session(fresh)).getRole(b -> b.roleName("Revocable")).role())
          .isNotNull();
    } finally {
      advanceClock(Duration.ofSeconds(-2));
    }
  }

  /**
   * The server's clock runs this far ahead of the real one (admin requests are signed at the
   * server's time).
   */
  private static long serverOffsetSeconds;

  private void advanceClock(Duration by) throws Exception {
    AwsCredentials root = server.rootCredentials();
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                AdminRequests.signedPost(
                    server.endpoint(),
                    "/_rolegate/clock",
                    "{\"advanceSeconds\":" + by.toSeconds() + "}",
                    root,
                    serverOffsetSeconds),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    serverOffsetSeconds += by.toSeconds();
  }
}
