package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.awsError;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.roleArn;
import static dev.rolegate.tests.E2e.trust;
import static dev.rolegate.tests.E2e.userArn;
import static dev.rolegate.tests.E2e.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** STS through the AWS SDK for Java v2: who is calling, and AssumeRole with its trust rules. */
class StsTest {
  static final String OTHER_ACCOUNT = "111111111111";

  static TestServer server;
  static IamClient iam;
  static StsClient sts;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    iam = server.iam(server.rootCredentials());
    sts = server.sts(server.rootCredentials());
  }

  @AfterAll
  static void stop() {
    iam.close();
    sts.close();
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  private static String notAuthorizedToAssume(String caller, String role) {
    return "User: " + caller + " is not authorized to perform: sts:AssumeRole on resource: " + role;
  }

  /**
   * AccessDenied 403 for AssumeRole, worded as AWS starts it (the reason clause, if any, is not
   * pinned).
   */
  private static void expectAssumeDenied(
      StsClient client, String roleArn, String callerArn, String externalId) {
    AwsServiceException e =
        awsError(
            () ->
                client.assumeRole(
                    b -> b.roleArn(roleArn).roleSessionName("sess").externalId(externalId)));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(e.awsErrorDetails().errorMessage())
        .startsWith(notAuthorizedToAssume(callerArn, roleArn));
  }

  @Test
  void callerIdentityOfTheRootUser() {
    GetCallerIdentityResponse me = sts.getCallerIdentity();
    assertThat(me.account()).isEqualTo(ACCOUNT);
    assertThat(me.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
    assertThat(me.userId()).isEqualTo(ACCOUNT);
  }

  @Test
  void callerIdentityOfAnIamUser() {
    iam.createUser(b -> b.userName("alice").path("/eng/"));
    var key = iam.createAccessKey(b -> b.userName("alice")).accessKey();
    assertThat(key.accessKeyId()).startsWith("AKIA").hasSize(20);
    assertThat(key.secretAccessKey()).hasSize(40);
    String userId = iam.getUser(b -> b.userName("alice")).user().userId();
    try (StsClient asAlice =
        server.sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
      GetCallerIdentityResponse me = asAlice.getCallerIdentity();
      assertThat(me.account()).isEqualTo(ACCOUNT);
      assertThat(me.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/eng/alice");
      assertThat(me.userId()).startsWith("AIDA").isEqualTo(userId);
    }
  }

  @Test
  void callerIdentityOfAnAssumedRoleHasNoRolePath() {
    AwsBasicCredentials alice = userWithKey(iam, "alice");
    Role role =
        iam.createRole(
                b ->
                    b.roleName("Deployer")
                        .path("/ci/deploy/")
                        .assumeRolePolicyDocument(trust(userArn("alice"))))
            .role();
    try (StsClient asAlice = server.sts(alice)) {
      AssumeRoleResponse r =
          asAlice.assumeRole(b -> b.roleArn(role.arn()).roleSessionName("build-42"));
      String sessionArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/Deployer/build-42";
      assertThat(r.assumedRoleUser().arn()).isEqualTo(sessionArn);
      assertThat(r.assumedRoleUser().assumedRoleId())
          .isEqualTo(role.roleId() + ":build-42")
          .startsWith("AROA");
      try (StsClient asRole = server.sts(TestServer.session(r.credentials()))) {
        GetCallerIdentityResponse me = asRole.getCallerIdentity();
        assertThat(me.account()).isEqualTo(ACCOUNT);
        assertThat(me.arn()).isEqualTo(sessionArn);
        assertThat(me.userId()).isEqualTo(role.roleId() + ":build-42");
      }
    }
  }

  @Test
  void temporaryCredentialsLookLikeAwsAndExpireAfterTheDuration() {
    AwsBasicCredentials alice = userWithKey(iam, "alice");
    iam.createRole(
        b ->
            b.roleName("r")
                .maxSessionDuration(7200)
                .assumeRolePolicyDocument(trust(userArn("alice"))));
    try (StsClient asAlice = server.sts(alice)) {
      Instant before = Instant.now();
      Credentials c =
          asAlice.assumeRole(b -> b.roleArn(roleArn("r")).roleSessionName("s1")).credentials();
      assertThat(c.accessKeyId()).startsWith("ASIA").hasSize(20);
      assertThat(c.secretAccessKey()).hasSize(40);
      assertThat(c.sessionToken()).isNotBlank();
      assertThat(Duration.between(before, c.expiration()).toSeconds()).isBetween(3595L, 3605L);

      Credentials c2 =
          asAlice
              .assumeRole(b -> b.roleArn(roleArn("r")).roleSessionName("s2").durationSeconds(7200))
              .credentials();
      assertThat(Duration.between(before, c2.expiration()).toSeconds()).isBetween(7195L, 7205L);
      Credentials c3 =
          asAlice
              .assumeRole(b -> b.roleArn(roleArn("r")).roleSessionName("s3").durationSeconds(900))
              .credentials();
      assertThat(Duration.between(before, c3.expiration()).toSeconds()).isBetween(895L, 905L);
      assertThat(c3.accessKeyId()).isNotEqualTo(c.accessKeyId());
    }
  }

  @Test
  void sameAccountTrustNamingTheUserNeedsNoIdentityPolicy() {
    AwsBasicCredentials bob = userWithKey(iam, "bob");
    AwsBasicCredentials mallory = userWithKey(iam, "mallory");
    iam.createRole(b -> b.roleName("bobs").assumeRolePolicyDocument(trust(userArn("bob"))));
    try (StsClient asBob = server.sts(bob)) {
      assertThat(
              asBob
                  .assumeRole(b -> b.roleArn(roleArn("bobs")).roleSessionName("sess"))
                  .credentials()
                  .accessKeyId())
          .startsWith("ASIA");
    }
    try (StsClient asMallory = server.sts(mallory)) {
      iam.putUserPolicy(
          b ->
              b.userName("mallory")
                  .policyName("assume-all")
                  .policyDocument(allow("sts:AssumeRole", "*")));
      expectAssumeDenied(asMallory, roleArn("bobs"), userArn("mallory"), null);
    }
  }

  @Test
  void trustNamingTheAccountNeedsAnIdentityPolicyToo() {
    AwsBasicCredentials carol = userWithKey(iam, "carol");
    iam.createRole(
        b ->
            b.roleName("acct")
                .assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root")));
    iam.createRole(b -> b.roleName("acct-id").assumeRolePolicyDocument(trust(ACCOUNT)));
    try (StsClient asCarol = server.sts(carol)) {
      expectAssumeDenied(asCarol, roleArn("acct"), userArn("carol"), null);
      expectAssumeDenied(asCarol, roleArn("acct-id"), userArn("carol"), null);

      iam.putUserPolicy(
          b ->
              b.userName("carol")
                  .policyName("assume-acct")
                  .policyDocument(allow("sts:AssumeRole", roleArn("acct"))));
      assertThat(
              asCarol
                  .assumeRole(b -> b.roleArn(roleArn("acct")).roleSessionName("sess"))
                  .assumedRoleUser()
                  .arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/acct/sess");
      expectAssumeDenied(asCarol, roleArn("acct-id"), userArn("carol"), null);

      iam.putUserPolicy(
          b ->
              b.userName("carol")
                  .policyName("assume-acct")
                  .policyDocument(allow("sts:AssumeRole", "arn:aws:iam::*:role/acct*")));
      assertThat(
              asCarol
                  .assumeRole(b -> b.roleArn(roleArn("acct-id")).roleSessionName("sess"))
                  .credentials())
          .isNotNull();
    }
  }

  @Test
  void rolesThatDoNotExistOrWrongArnsAreDenied() {
    AwsBasicCredentials dan = userWithKey(iam, "dan");
    iam.putUserPolicy(
        b -> b.userName("dan").policyName("all").policyDocument(allow("sts:AssumeRole", "*")));
    try (StsClient asDan = server.sts(dan)) {
      expectAssumeDenied(asDan, roleArn("missing"), userArn("dan"), null);
      iam.createRole(
          b -> b.roleName("pathed").path("/p/").assumeRolePolicyDocument(trust(userArn("dan"))));
      expectAssumeDenied(
          asDan,
          roleArn("pathed"),
          userArn("dan"),
          null); // the ARN without the role's path is not the role
      expectError(
          () ->
              asDan.assumeRole(
                  b -> b.roleArn("arn:a:::something/test-role").roleSessionName("sess")),
          "ValidationError",
          400,
          "arn:a:::something/test-role is invalid");
    }
  }

  @Test
  void crossAccountWithAnExternalId() {
    String roleTrust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + OTHER_ACCOUNT
            + ":root\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"s3cr3t-42\"}}}]}";
    iam.createRole(b -> b.roleName("partner").assumeRolePolicyDocument(roleTrust));
    String partnerArn = roleArn("partner");

    AwsBasicCredentials otherRoot = server.newAccount(OTHER_ACCOUNT);
    try (IamClient otherIam = server.iam(otherRoot)) {
      AwsBasicCredentials erin = userWithKey(otherIam, "erin");
      String erinArn = "arn:aws:iam::" + OTHER_ACCOUNT + ":user/erin";
      try (StsClient asErin = server.sts(erin)) {
        assertThat(asErin.getCallerIdentity().account()).isEqualTo(OTHER_ACCOUNT);
        // no identity policy in her own account: denied even with the right external id
        expectAssumeDenied(asErin, partnerArn, erinArn, "s3cr3t-42");

        otherIam.putUserPolicy(
            b ->
                b.userName("erin")
                    .policyName("assume-partner")
                    .policyDocument(allow("sts:AssumeRole", partnerArn)));
        expectAssumeDenied(asErin, partnerArn, erinArn, null);
        expectAssumeDenied(asErin, partnerArn, erinArn, "wrong-id");
        expectAssumeDenied(asErin, partnerArn, erinArn, "S3CR3T-42");

        AssumeRoleResponse ok =
            asErin.assumeRole(
                b -> b.roleArn(partnerArn).roleSessionName("erin-session").externalId("s3cr3t-42"));
        assertThat(ok.assumedRoleUser().arn())
            .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/partner/erin-session");
        try (StsClient asPartner = server.sts(TestServer.session(ok.credentials()))) {
          GetCallerIdentityResponse me = asPartner.getCallerIdentity();
          assertThat(me.account()).isEqualTo(ACCOUNT);
          assertThat(me.arn())
              .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/partner/erin-session");
        }
      }
    }
  }

  @Test
  void durationSecondsAboveTheRolesMaximumIsRefused() {
    AwsBasicCredentials frank = userWithKey(iam, "frank");
    iam.createRole(b -> b.roleName("short").assumeRolePolicyDocument(trust(userArn("frank"))));
    try (StsClient asFrank = server.sts(frank)) {
      expectError(
          () ->
              asFrank.assumeRole(
                  b -> b.roleArn(roleArn("short")).roleSessionName("sess").durationSeconds(3601)),
          "ValidationError",
          400,
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
      expectError(
          () ->
              asFrank.assumeRole(
                  b -> b.roleArn(roleArn("short")).roleSessionName("sess").durationSeconds(899)),
          "ValidationError",
          400,
          "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
      expectError(
          () ->
              asFrank.assumeRole(
                  b -> b.roleArn(roleArn("short")).roleSessionName("sess").durationSeconds(43201)),
          "ValidationError",
          400,
          "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200");
      iam.updateRole(b -> b.roleName("short").maxSessionDuration(43200));
      assertThat(
              asFrank
                  .assumeRole(
                      b ->
                          b.roleArn(roleArn("short"))
                              .roleSessionName("sess")
                              .durationSeconds(43200))
                  .credentials())
          .isNotNull();
    }
  }

  @Test
  void roleChainingIsCappedAtOneHour() {
    AwsBasicCredentials gina = userWithKey(iam, "gina");
    iam.createRole(b -> b.roleName("first").assumeRolePolicyDocument(trust(userArn("gina"))));
    iam.createRole(
        b ->
            b.roleName("second")
                .maxSessionDuration(43200)
                .assumeRolePolicyDocument(trust(roleArn("first"))));
    try (StsClient asGina = server.sts(gina)) {
      Credentials first =
          asGina.assumeRole(b -> b.roleArn(roleArn("first")).roleSessionName("hop1")).credentials();
      try (StsClient asFirst = server.sts(TestServer.session(first))) {
        Instant before = Instant.now();
        AssumeRoleResponse second =
            asFirst.assumeRole(b -> b.roleArn(roleArn("second")).roleSessionName("hop2"));
        assertThat(second.assumedRoleUser().arn())
            .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/second/hop2");
        assertThat(Duration.between(before, second.credentials().expiration()).toSeconds())
            .isBetween(3595L, 3605L);
        assertThat(
                asFirst
                    .assumeRole(
                        b ->
                            b.roleArn(roleArn("second"))
                                .roleSessionName("hop2b")
                                .durationSeconds(3600))
                    .credentials())
            .isNotNull();
        expectError(
            () ->
                asFirst.assumeRole(
                    b ->
                        b.roleArn(roleArn("second"))
                            .roleSessionName("hop2c")
                            .durationSeconds(7200)),
            "ValidationError",
            400,
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        try (StsClient asSecond = server.sts(TestServer.session(second.credentials()))) {
          assertThat(asSecond.getCallerIdentity().arn())
              .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/second/hop2");
          // the second role's trust does not name itself
          expectAssumeDenied(
              asSecond,
              roleArn("second"),
              "arn:aws:sts::" + ACCOUNT + ":assumed-role/second/hop2",
              null);
        }
      }
    }
  }

  @Test
  void theRootUserCannotAssumeARole() {
    iam.createRole(
        b ->
            b.roleName("any").assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root")));
    expectError(
        () -> sts.assumeRole(b -> b.roleArn(roleArn("any")).roleSessionName("sess")),
        "AccessDenied",
        403,
        "Roles may not be assumed by root accounts.");
  }

  @Test
  void roleSessionNameIsValidated() {
    AwsBasicCredentials hal = userWithKey(iam, "hal");
    iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(trust(userArn("hal"))));
    try (StsClient asHal = server.sts(hal)) {
      expectError(
          () -> asHal.assumeRole(b -> b.roleArn(roleArn("r")).roleSessionName("a")),
          "ValidationError",
          400,
          "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
      expectError(
          () -> asHal.assumeRole(b -> b.roleArn(roleArn("r")).roleSessionName("Session1:2")),
          "ValidationError",
          400,
          "1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
      expectError(
          () -> asHal.assumeRole(b -> b.roleArn(roleArn("r")).roleSessionName("has space")),
          "ValidationError",
          400,
          "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
      String tooLong = "s".repeat(65);
      expectError(
          () -> asHal.assumeRole(b -> b.roleArn(roleArn("r")).roleSessionName(tooLong)),
          "ValidationError",
          400,
          "1 validation error detected: Value '"
              + tooLong
              + "' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64");
      expectError(
          () -> asHal.assumeRole(b -> b.roleArn(roleArn("r"))),
          "ValidationError",
          400,
          "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
      String ok = "a_b+c=d,e.f@g-h" + "x".repeat(49);
      assertThat(
              asHal
                  .assumeRole(b -> b.roleArn(roleArn("r")).roleSessionName(ok))
                  .assumedRoleUser()
                  .arn())
          .endsWith("/r/" + ok);
    }
  }

  @Test
  void temporaryCredentialsHaveExactlyTheRolesPermissions() {
    AwsBasicCredentials ivy = userWithKey(iam, "ivy");
    iam.createRole(
        b -> b.roleName("auditor").path("/audit/").assumeRolePolicyDocument(trust(userArn("ivy"))));
    iam.putRolePolicy(
        b ->
            b.roleName("auditor")
                .policyName("read-roles")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:ListRoles\",\"iam:GetRole\"],\"Resource\":\"*\"}]}"));
    iam.attachRolePolicy(
        b -> b.roleName("auditor").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
    String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/audit/auditor";
    try (StsClient asIvy = server.sts(ivy)) {
      Credentials c =
          asIvy.assumeRole(b -> b.roleArn(roleArn).roleSessionName("audit-1")).credentials();
      AwsSessionCredentials session = TestServer.session(c);
      try (IamClient asAuditor = server.iam(session)) {
        assertThat(asAuditor.listRoles().roles())
            .extracting(Role::roleName)
            .containsExactly("auditor");
        assertThat(asAuditor.getRole(b -> b.roleName("auditor")).role().arn()).isEqualTo(roleArn);
        assertThat(asAuditor.listUsers().users()).hasSize(1); // IAMReadOnlyAccess: iam:List*
        String sessionArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/auditor/audit-1";
        expectError(
            () -> asAuditor.createUser(b -> b.userName("intruder")),
            "AccessDenied",
            403,
            "User: "
                + sessionArn
                + " is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::"
                + ACCOUNT
                + ":user/intruder because no identity-based policy allows the iam:CreateUser action");
        expectError(
            () -> asAuditor.deleteRolePolicy(b -> b.roleName("auditor").policyName("read-roles")),
            "AccessDenied",
            403,
            "User: "
                + sessionArn
                + " is not authorized to perform: iam:DeleteRolePolicy on resource: role auditor"
                + " because no identity-based policy allows the iam:DeleteRolePolicy action");

        // permissions follow the role's policies as they change
        iam.detachRolePolicy(
            b -> b.roleName("auditor").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
        expectError(
            asAuditor::listUsers,
            "AccessDenied",
            403,
            "User: "
                + sessionArn
                + " is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::"
                + ACCOUNT
                + ":user/ because no identity-based policy allows the iam:ListUsers action");
      }
      // a session token with the wrong secret, or a key without its token, is refused
      try (IamClient wrongSecret =
              server.iam(
                  AwsSessionCredentials.create(
                      c.accessKeyId(), c.secretAccessKey() + "x", c.sessionToken()));
          IamClient noToken =
              server.iam(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()))) {
        assertThat(awsError(wrongSecret::listRoles).awsErrorDetails().errorCode())
            .isEqualTo("SignatureDoesNotMatch");
        expectError(
            noToken::listRoles,
            "InvalidClientTokenId",
            403,
            "The security token included in the request is invalid");
      }
      // the token belongs to its own access key id
      Credentials other =
          asIvy.assumeRole(b -> b.roleArn(roleArn).roleSessionName("audit-2")).credentials();
      try (IamClient mixed =
          server.iam(
              AwsSessionCredentials.create(
                  other.accessKeyId(), c.secretAccessKey(), c.sessionToken()))) {
        expectError(
            mixed::listRoles,
            "InvalidClientTokenId",
            403,
            "The security token included in the request is invalid");
      }
    }
  }

  @Test
  void sessionsSurviveNothingButTheirOwnExpiry() {
    AwsBasicCredentials jo = userWithKey(iam, "jo");
    iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(trust(userArn("jo"))));
    Credentials c;
    try (StsClient asJo = server.sts(jo)) {
      c = asJo.assumeRole(b -> b.roleArn(roleArn("r")).roleSessionName("sess")).credentials();
    }
    // deleting the user who assumed the role does not end the session (as in AWS)
    iam.deleteAccessKey(b -> b.userName("jo").accessKeyId(jo.accessKeyId()));
    iam.deleteUser(b -> b.userName("jo"));
    try (StsClient asRole = server.sts(TestServer.session(c))) {
      assertThat(asRole.getCallerIdentity().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/r/sess");
    }
  }
}
