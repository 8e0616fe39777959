package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRootResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Issue 4: AssumeRoot. Rolegate's default account plays the organization's management account and
 * every other account it hosts is a member with centralized root access; a management-account
 * principal allowed sts:AssumeRoot gets a 15-minute root session in a member account, narrowed by
 * the AWS root-task policy it names. Also AWS's answers for GetDelegatedAccessToken (no trade-in
 * token can exist here) and GetWebIdentityToken (outbound federation is disabled).
 */
class AssumeRootTest extends ServerTest {
  static final String MEMBER = "210987654321";
  static final String AUDIT = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials";
  static final String S3_UNLOCK = "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy";

  AwsBasicCredentials ops;
  AwsBasicCredentials memberRoot;

  @BeforeEach
  void managementUserAndAMemberAccount() {
    memberRoot = server.newAccount(MEMBER);
    ops = E2e.userWithKey(iam, "ops");
    // the documented way to scope AssumeRoot: sts:TaskPolicyArn
    iam.putUserPolicy(
        b ->
            b.userName("ops")
                .policyName("audit-only")
                .policyDocument(
                    """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "*",
          "Condition": {"StringEquals": {"sts:TaskPolicyArn": "%s"}}}]}"""
                        .formatted(AUDIT)));
    try (IamClient member = server.iam(memberRoot)) {
      member.createUser(b -> b.userName("someone"));
    }
  }

  private AssumeRootResponse assumeRoot(String target, String task, Integer duration) {
    try (StsClient sts = server.sts(ops)) {
      return sts.assumeRoot(
          b -> b.targetPrincipal(target).taskPolicyArn(p -> p.arn(task)).durationSeconds(duration));
    }
  }

  @Test
  void aManagementPrincipalGetsTheMemberAccountsRootForFifteenMinutes() {
    Instant before = Instant.now().minusSeconds(1);
    AssumeRootResponse r = assumeRoot(MEMBER, AUDIT, null);
    assertThat(r.credentials().accessKeyId()).startsWith("ASIA");
    assertThat(Duration.between(before, r.credentials().expiration()).toSeconds())
        .isBetween(895L, 905L);
    assertThat(r.sourceIdentity()).isNull();
    try (StsClient sts = server.sts(TestServer.session(r.credentials()))) {
      GetCallerIdentityResponse me = sts.getCallerIdentity();
      assertThat(me.arn()).isEqualTo("arn:aws:iam::" + MEMBER + ":root");
      assertThat(me.account()).isEqualTo(MEMBER);
      assertThat(me.userId()).isEqualTo(MEMBER);
    }
    // the root user ARN is accepted as TargetPrincipal too
    assertThat(
            assumeRoot("arn:aws:iam::" + MEMBER + ":root", AUDIT, 60).credentials().accessKeyId())
        .startsWith("ASIA");
  }

  @Test
  void theTaskPolicyNarrowsTheRootSession() {
    AssumeRootResponse r = assumeRoot(MEMBER, AUDIT, 900);
    try (IamClient session = server.iam(TestServer.session(r.credentials()))) {
      // IAMAuditRootUserCredentials: the root user's own credentials may be listed ...
      assertThat(session.listAccessKeys().accessKeyMetadata()).isNotEmpty();
      assertThat(session.getUser().user().arn()).isEqualTo("arn:aws:iam::" + MEMBER + ":root");
      // ... other users' may not (DenyAuditingCredentialsOnNonRootUserResource) ...
      expectError(
          () -> session.listAccessKeys(b -> b.userName("someone")),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + MEMBER
              + ":root is not authorized to perform: iam:ListAccessKeys on resource: user someone"
              + " with an explicit deny in an identity-based policy");
      // ... and nothing else at all (DenyAllOtherActionsOnAnyResource)
      expectError(
          () -> session.createUser(b -> b.userName("intruder")),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + MEMBER
              + ":root is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::"
              + MEMBER
              + ":user/intruder with an explicit deny in an identity-based policy");
    }
    try (IamClient member = server.iam(memberRoot)) {
      assertThat(member.listUsers().users())
          .extracting(u -> u.userName())
          .containsExactly("someone");
    }
  }

  @Test
  void theCallerNeedsStsAssumeRootForThatTaskPolicy() {
    expectError(
        () -> assumeRoot(MEMBER, S3_UNLOCK, null),
        "AccessDenied",
        403,
        "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::"
            + MEMBER
            + ":root because no identity-based policy allows the sts:AssumeRoot action");
  }

  @Test
  void onlyManagementPrincipalsAndOnlyMemberAccounts() {
    try (StsClient sts = server.sts(server.rootCredentials())) {
      expectError(
          () -> sts.assumeRoot(b -> b.targetPrincipal(MEMBER).taskPolicyArn(p -> p.arn(AUDIT))),
          "AccessDenied",
          403,
          "Root user credentials cannot call AssumeRoot.");
    }
    // the management account itself, and an account this server does not host
    expectError(
        () -> assumeRoot(TestServer.ACCOUNT, AUDIT, null),
        "AccessDenied",
        403,
        "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::123456789012:root");
    expectError(
        () -> assumeRoot("111122223333", AUDIT, null),
        "AccessDenied",
        403,
        "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::111122223333:root");
    // a member account's principal, even allowed everything, is not the management account
    AwsBasicCredentials memberAdmin;
    try (IamClient member = server.iam(memberRoot)) {
      memberAdmin = E2e.userWithKey(member, "admin");
      member.putUserPolicy(
          b -> b.userName("admin").policyName("all").policyDocument(E2e.allow("*", "*")));
    }
    try (StsClient sts = server.sts(memberAdmin)) {
      expectError(
          () -> sts.assumeRoot(b -> b.targetPrincipal(MEMBER).taskPolicyArn(p -> p.arn(AUDIT))),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + MEMBER
              + ":user/admin is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::"
              + MEMBER
              + ":root");
    }
  }

  @Test
  void parametersAreCheckedAsAwsDocumentsThem() {
    expectError(
        () -> assumeRoot(MEMBER, AUDIT, 901),
        "ValidationError",
        400,
        "1 validation error detected: Value '901' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 900");
    expectError(
        () -> assumeRoot(MEMBER, "arn:aws:iam::aws:policy/AdministratorAccess", null),
        "ValidationError",
        400,
        "TaskPolicyArn arn:aws:iam::aws:policy/AdministratorAccess is not a root-task policy: use one of "
            + "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials, arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword, "
            + "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials, arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy, "
            + "arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy.");
    expectError(
        () -> assumeRoot("not-an-account", AUDIT, null),
        "ValidationError",
        400,
        "TargetPrincipal not-an-account is invalid: give a member account's 12-digit ID or its root user ARN (arn:aws:iam::ACCOUNT:root).");
    try (StsClient sts = server.sts(ops)) {
      expectError(
          () -> sts.assumeRoot(b -> b.targetPrincipal(MEMBER)),
          "ValidationError",
          400,
          "1 validation error detected: Value null at 'taskPolicyArn.arn' failed to satisfy constraint: Member must not be null");
    }
  }

  @Test
  void noTradeInTokenCanBeExchangedAndOutboundFederationIsDisabled() {
    try (StsClient sts = server.sts(server.rootCredentials())) {
      expectError(
          () -> sts.getDelegatedAccessToken(b -> b.tradeInToken("some-token")),
          "ExpiredTradeInTokenException",
          400,
          "The trade-in token provided in the request has expired or was not issued by this server and can no longer be exchanged for credentials.");
      expectError(
          () ->
              sts.getWebIdentityToken(
                  b -> b.audience("https://api.example.com").signingAlgorithm("RS256")),
          "OutboundWebIdentityFederationDisabledException",
          403,
          "Outbound web identity federation is disabled for account 123456789012.");
      expectError(
          () ->
              sts.getWebIdentityToken(
                  b -> b.audience("https://api.example.com").signingAlgorithm("HS256")),
          "ValidationError",
          400,
          "1 validation error detected: Value 'HS256' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RS256, ES384]");
      expectError(
          () ->
              sts.getWebIdentityToken(
                  b ->
                      b.audience("https://api.example.com")
                          .signingAlgorithm("ES384")
                          .durationSeconds(59)),
          "ValidationError",
          400,
          "1 validation error detected: Value '59' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60");
    }
    // sts:GetWebIdentityToken is checked before the account's setting
    try (StsClient sts = server.sts(ops)) {
      expectError(
          () ->
              sts.getWebIdentityToken(
                  b -> b.audience("https://api.example.com").signingAlgorithm("RS256")),
          "AccessDenied",
          403,
          "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: sts:GetWebIdentityToken on resource: *"
              + " because no identity-based policy allows the sts:GetWebIdentityToken action");
    }
  }
}
