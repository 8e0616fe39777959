package dev.rolegate.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.tests.TestServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;

/**
 * The brief's AWS CLI walkthrough (shared/seed/iam-roles.txt), run word for word with the real AWS
 * CLI v2 against a Rolegate server, with only {@code --endpoint-url} added. What a step needs that
 * the brief leaves to the reader (the role AdminRole, a user allowed to assume it, the accounts of
 * the role-chaining example) is set up with the AWS SDK for Java.
 */
class SeedCliTest {
  /** The brief's "Create Trust Policy File" (trust-policy.json), as printed. */
  static final String TRUST_POLICY =
      """
      {
      "Version": "2012-10-17",
      "Statement": [
      {
      "Effect": "Allow",
      "Principal": {
      "Service": "lambda.amazonaws.com"
      },
      "Action": "sts:AssumeRole"
      }
      ]
      }
      """;

  /** The brief's "Permission Policy", the custom policy put as S3Access (s3-policy.json). */
  static final String S3_POLICY =
      """
      {
      "Version": "2012-10-17",
      "Statement": [
      {
      "Effect": "Allow",
      "Action": [
      "s3:GetObject",
      "s3:PutObject"
      ],
      "Resource": "arn:aws:s3:::my-bucket/*"
      }
      ]
      }
      """;

  static final String ACCOUNT = TestServer.ACCOUNT;

  @TempDir static Path tmp;

  static TestServer server;
  static AwsCli cli;
  static AwsBasicCredentials root;

  @BeforeAll
  static void start() throws IOException {
    Subprocess.requireAwsCliV2();
    server = TestServer.start();
    root = server.rootCredentials();
    cli = new AwsCli(server.endpoint(), tmp);
    Files.writeString(tmp.resolve("trust-policy.json"), TRUST_POLICY);
    Files.writeString(tmp.resolve("s3-policy.json"), S3_POLICY);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  @Test
  void createTheLambdaRoleAndAttachItsPolicies() {
    Subprocess.Result created =
        cli.brief(
            root,
            """
        aws iam create-role \\
        --role-name LambdaExecutionRole \\
        --assume-role-policy-document file://trust-policy.json \\
        --description "Execution role for Lambda functions"
        """);
    assertThat(created.exitCode()).as(created.describe()).isZero();
    Map<String, Object> role = Json.object(Json.object(created.stdout()), "Role");
    assertThat(role.get("Path")).isEqualTo("/");
    assertThat(role.get("RoleName")).isEqualTo("LambdaExecutionRole");
    assertThat(Json.string(role, "RoleId")).matches("AROA[A-Z2-7]{17}");
    assertThat(role.get("Arn")).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/LambdaExecutionRole");
    assertThat(role.get("Description")).isEqualTo("Execution role for Lambda functions");
    assertThat(OffsetDateTime.parse(Json.string(role, "CreateDate")).toInstant())
        .isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));
    // The CLI prints the URL-encoded document decoded and parsed: the brief's file, as JSON.
    assertThat(role.get("AssumeRolePolicyDocument")).isEqualTo(Json.parse(TRUST_POLICY));

    Subprocess.Result attached =
        cli.brief(
            root,
            """
        # Attach AWS managed policy
        aws iam attach-role-policy \\
        --role-name LambdaExecutionRole \\
        --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        """);
    assertThat(attached.exitCode()).as(attached.describe()).isZero();
    assertThat(attached.stdout()).isEmpty();

    Subprocess.Result put =
        cli.brief(
            root,
            """
        # Or attach custom policy
        aws iam put-role-policy \\
        --role-name LambdaExecutionRole \\
        --policy-name S3Access \\
        --policy-document file://s3-policy.json
        """);
    assertThat(put.exitCode()).as(put.describe()).isZero();
    assertThat(put.stdout()).isEmpty();

    try (IamClient iam = server.iam(root)) {
      assertThat(
              iam.listAttachedRolePolicies(b -> b.roleName("LambdaExecutionRole"))
                  .attachedPolicies())
          .extracting(AttachedPolicy::policyName, AttachedPolicy::policyArn)
          .containsExactly(
              Tuple.tuple(
                  "AWSLambdaBasicExecutionRole",
                  "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
      String document =
          iam.getRolePolicy(b -> b.roleName("LambdaExecutionRole").policyName("S3Access"))
              .policyDocument();
      assertThat(Json.parse(URLDecoder.decode(document, StandardCharsets.UTF_8)))
          .isEqualTo(Json.parse(S3_POLICY));
    }
  }

  @Test
  void assumeAdminRoleAndGetTheBriefsResponse() {
    AwsBasicCredentials alice = adminRoleAndAlice();
    String roleId;
    try (IamClient iam = server.iam(root)) {
      roleId = iam.getRole(b -> b.roleName("AdminRole")).role().roleId();
    }

    Subprocess.Result r =
        cli.brief(
            alice,
            """
        aws sts assume-role \\
        --role-arn arn:aws:iam::123456789012:role/AdminRole \\
        --role-session-name my-session \\
        --duration-seconds 3600
        """);
    assertThat(r.exitCode()).as(r.describe()).isZero();

    // The brief's Response: exactly these keys, in this order.
    Map<String, Object> response = Json.object(r.stdout());
    assertThat(response.keySet()).containsExactly("Credentials", "AssumedRoleUser");
    Map<String, Object> credentials = Json.object(response, "Credentials");
    assertThat(credentials.keySet())
        .containsExactly("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration");
    assertThat(Json.string(credentials, "AccessKeyId")).matches("ASIA[A-Z2-7]{16}");
    assertThat(Json.string(credentials, "SecretAccessKey")).hasSize(40);
    assertThat(Json.string(credentials, "SessionToken")).isNotBlank();
    assertExpiresIn(Json.string(credentials, "Expiration"), Duration.ofHours(1));
    Map<String, Object> user = Json.object(response, "AssumedRoleUser");
    assertThat(user.keySet()).containsExactly("AssumedRoleId", "Arn");
    assertThat(user.get("AssumedRoleId")).isEqualTo(roleId + ":my-session");
    assertThat(roleId).startsWith("AROA");
    assertThat(user.get("Arn"))
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/AdminRole/my-session");

    // The temporary credentials work, with the CLI, as that session.
    Subprocess.Result me = cli.run(session(credentials), "sts", "get-caller-identity");
    assertThat(me.exitCode()).as(me.describe()).isZero();
    Map<String, Object> identity = Json.object(me.stdout());
    assertThat(identity)
        .containsExactly(
            Map.entry("UserId", roleId + ":my-session"),
            Map.entry("Account", ACCOUNT),
            Map.entry("Arn", "arn:aws:sts::123456789012:assumed-role/AdminRole/my-session"));
  }

  @Test
  void raiseTheMaximumSessionDurationToTwelveHours() {
    AwsBasicCredentials alice = adminRoleAndAlice();

    Subprocess.Result updated =
        cli.brief(
            root,
            """
        aws iam update-role \\
        --role-name AdminRole \\
        --max-session-duration 43200 # 12 hours
        """);
    assertThat(updated.exitCode()).as(updated.describe()).isZero();
    assertThat(updated.stdout()).isEmpty();

    Subprocess.Result got = cli.run(root, "iam", "get-role", "--role-name", "AdminRole");
    assertThat(got.exitCode()).as(got.describe()).isZero();
    assertThat(Json.object(Json.object(got.stdout()), "Role").get("MaxSessionDuration"))
        .isEqualTo(43200L);

    // "IAM User assuming role: maximum 12 hours" now holds for AdminRole.
    Subprocess.Result twelveHours =
        cli.run(
            alice,
            "sts",
            "assume-role",
            "--role-arn",
            "arn:aws:iam::123456789012:role/AdminRole",
            "--role-session-name",
            "my-session",
            "--duration-seconds",
            "43200");
    assertThat(twelveHours.exitCode()).as(twelveHours.describe()).isZero();
    assertExpiresIn(
        Json.string(Json.object(Json.object(twelveHours.stdout()), "Credentials"), "Expiration"),
        Duration.ofHours(12));
  }

  @Test
  void roleChainingAcrossTwoAccounts() {
    // Account 123456789012: alice, who may assume RoleA. Account 111111111111: RoleA, trusting
    // alice
    // and allowed to assume RoleB. Account 222222222222: RoleB, trusting RoleA.
    AwsBasicCredentials alice =
        user(
            "alice",
            """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
          "Resource": "arn:aws:iam::111111111111:role/RoleA"}]}""");
    try (IamClient iam = server.iam(server.newAccount("111111111111"))) {
      iam.createRole(
          b ->
              b.roleName("RoleA")
                  .assumeRolePolicyDocument(
                      """
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:user/alice"}, "Action": "sts:AssumeRole"}]}"""));
      iam.putRolePolicy(
          b ->
              b.roleName("RoleA")
                  .policyName("AssumeRoleB")
                  .policyDocument(
                      """
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
            "Resource": "arn:aws:iam::222222222222:role/RoleB"}]}"""));
    }
    try (IamClient iam = server.iam(server.newAccount("222222222222"))) {
      iam.createRole(
          b ->
              b.roleName("RoleB")
                  .maxSessionDuration(43200)
                  .assumeRolePolicyDocument(
                      """
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111111111111:role/RoleA"}, "Action": "sts:AssumeRole"}]}"""));
    }

    Subprocess.Result first =
        cli.brief(
            alice,
            """
        # First, assume RoleA
        aws sts assume-role \\
        --role-arn arn:aws:iam::111111111111:role/RoleA \\
        --role-session-name session1
        """);
    assertThat(first.exitCode()).as(first.describe()).isZero();
    Map<String, Object> one = Json.object(first.stdout());
    assertThat(Json.object(one, "AssumedRoleUser").get("Arn"))
        .isEqualTo("arn:aws:sts::111111111111:assumed-role/RoleA/session1");
    AwsSessionCredentials roleA = session(Json.object(one, "Credentials"));

    Subprocess.Result second =
        cli.brief(
            roleA,
            """
        # Then, using RoleA credentials, assume RoleB
        aws sts assume-role \\
        --role-arn arn:aws:iam::222222222222:role/RoleB \\
        --role-session-name session2
        """);
    assertThat(second.exitCode()).as(second.describe()).isZero();
    Map<String, Object> two = Json.object(second.stdout());
    assertThat(Json.object(two, "AssumedRoleUser").get("Arn"))
        .isEqualTo("arn:aws:sts::222222222222:assumed-role/RoleB/session2");
    assertThat(Json.string(Json.object(two, "AssumedRoleUser"), "AssumedRoleId"))
        .matches("AROA[A-Z2-7]{17}:session2");
    assertExpiresIn(
        Json.string(Json.object(two, "Credentials"), "Expiration"), Duration.ofHours(1));

    Subprocess.Result me =
        cli.run(session(Json.object(two, "Credentials")), "sts", "get-caller-identity");
    assertThat(me.exitCode()).as(me.describe()).isZero();
    assertThat(Json.object(me.stdout()).get("Arn"))
        .isEqualTo("arn:aws:sts::222222222222:assumed-role/RoleB/session2");

    // "Role chaining has a maximum session duration of 1 hour, regardless of the individual role
    // settings": RoleB allows 12 hours, but not to a chained session.
    Subprocess.Result twoHours =
        cli.run(
            roleA,
            "sts",
            "assume-role",
            "--role-arn",
            "arn:aws:iam::222222222222:role/RoleB",
            "--role-session-name",
            "session2",
            "--duration-seconds",
            "7200");
    assertThat(twoHours.exitCode()).as(twoHours.describe()).isEqualTo(254);
    assertThat(twoHours.stdout()).isEmpty();
    assertThat(twoHours.stderr())
        .isEqualTo(
            "\nAn error occurred (ValidationError) when calling the AssumeRole operation: "
                + "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.\n");
  }

  @Test
  void instanceProfileForAnEc2Role() {
    // The brief adds EC2-S3-Role without creating it: here it is, with the brief's EC2 trust policy
    // ("EC2 instances accessing S3") and its S3 permission policy.
    try (IamClient iam = server.iam(root)) {
      iam.createRole(
          b ->
              b.roleName("EC2-S3-Role")
                  .assumeRolePolicyDocument(
                      """
          {
          "Version": "2012-10-17",
          "Statement": [
          {
          "Effect": "Allow",
          "Principal": {
          "Service": "ec2.amazonaws.com"
          },
          "Action": "sts:AssumeRole"
          }
          ]
          }"""));
      iam.putRolePolicy(
          b -> b.roleName("EC2-S3-Role").policyName("S3Access").policyDocument(S3_POLICY));
    }

    Subprocess.Result created =
        cli.brief(
            root,
            """
        # Create instance profile
        aws iam create-instance-profile \\
        --instance-profile-name EC2-S3-Access
        """);
    assertThat(created.exitCode()).as(created.describe()).isZero();
    Map<String, Object> profile = Json.object(Json.object(created.stdout()), "InstanceProfile");
    assertThat(profile.get("Path")).isEqualTo("/");
    assertThat(profile.get("InstanceProfileName")).isEqualTo("EC2-S3-Access");
    assertThat(Json.string(profile, "InstanceProfileId")).matches("AIPA[A-Z2-7]{17}");
    assertThat(profile.get("Arn"))
        .isEqualTo("arn:aws:iam::123456789012:instance-profile/EC2-S3-Access");
    assertThat(profile.get("Roles")).isEqualTo(List.of());

    Subprocess.Result added =
        cli.brief(
            root,
            """
        # Add role to instance profile
        aws iam add-role-to-instance-profile \\
        --instance-profile-name EC2-S3-Access \\
        --role-name EC2-S3-Role
        """);
    assertThat(added.exitCode()).as(added.describe()).isZero();
    assertThat(added.stdout()).isEmpty();

    Subprocess.Result got =
        cli.run(root, "iam", "get-instance-profile", "--instance-profile-name", "EC2-S3-Access");
    assertThat(got.exitCode()).as(got.describe()).isZero();
    Object roles = Json.object(Json.object(got.stdout()), "InstanceProfile").get("Roles");
    assertThat((List<?>) roles).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> role = (Map<String, Object>) ((List<Object>) roles).get(0);
    assertThat(role.get("RoleName")).isEqualTo("EC2-S3-Role");
    assertThat(role.get("Arn")).isEqualTo("arn:aws:iam::123456789012:role/EC2-S3-Role");
  }

  @Test
  void listServiceLinkedRolesPrintsNothingWithoutAny() {
    try (IamClient iam = server.iam(root)) {
      iam.createRole(b -> b.roleName("LambdaExecutionRole").assumeRolePolicyDocument(TRUST_POLICY));
    }

    Subprocess.Result r =
        cli.brief(
            root,
            """
        aws iam list-roles --query 'Roles[?starts_with(RoleName, `AWSServiceRoleFor`)].[RoleName]' --output table
        """);
    // The CLI's table output of an empty list is nothing at all, as against AWS for an account
    // without service-linked roles.
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEmpty();

    // The same query with a prefix that matches shows the output is not empty by accident.
    Subprocess.Result control =
        cli.brief(
            root,
            """
        aws iam list-roles --query 'Roles[?starts_with(RoleName, `Lambda`)].[RoleName]' --output table
        """);
    assertThat(control.exitCode()).as(control.describe()).isZero();
    assertThat(control.stdout())
        .isEqualTo(
            """
        -------------------------
        |       ListRoles       |
        +-----------------------+
        |  LambdaExecutionRole  |
        +-----------------------+
        """);
  }

  @Test
  void listServiceLinkedRolesShowsTheBriefsExamples() {
    try (IamClient iam = server.iam(root)) {
      for (String service :
          new String[] {
            "elasticloadbalancing.amazonaws.com", "autoscaling.amazonaws.com", "rds.amazonaws.com"
          }) {
        iam.createServiceLinkedRole(b -> b.awsServiceName(service));
      }
      iam.createRole(b -> b.roleName("LambdaExecutionRole").assumeRolePolicyDocument(TRUST_POLICY));
    }
    Subprocess.Result r =
        cli.brief(
            root,
            """
        aws iam list-roles --query 'Roles[?starts_with(RoleName, `AWSServiceRoleFor`)].[RoleName]' --output table
        """);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.stdout())
        .isEqualTo(
            """
        -------------------------------------------
        |                ListRoles                |
        +-----------------------------------------+
        |  AWSServiceRoleForAutoScaling           |
        |  AWSServiceRoleForElasticLoadBalancing  |
        |  AWSServiceRoleForRDS                   |
        +-----------------------------------------+
        """);
  }

  /**
   * AdminRole, trusting the account (so any of its principals whose own policies allow it may
   * assume it), and the IAM user alice with an access key and an inline policy allowing
   * sts:AssumeRole on it. The brief's assume-role runs as alice: AWS does not let a root user
   * assume a role.
   */
  static AwsBasicCredentials adminRoleAndAlice() {
    try (IamClient iam = server.iam(root)) {
      iam.createRole(
          b ->
              b.roleName("AdminRole")
                  .assumeRolePolicyDocument(
                      """
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]}"""));
    }
    return user(
        "alice",
        """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
          "Resource": "arn:aws:iam::123456789012:role/AdminRole"}]}""");
  }

  /** An IAM user of the default account with the inline policy {@code policy} and an access key. */
  static AwsBasicCredentials user(String name, String policy) {
    try (IamClient iam = server.iam(root)) {
      iam.createUser(b -> b.userName(name));
      iam.putUserPolicy(b -> b.userName(name).policyName("AssumeRoles").policyDocument(policy));
      AccessKey key = iam.createAccessKey(b -> b.userName(name)).accessKey();
      return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }
  }

  static AwsSessionCredentials session(Map<String, Object> credentials) {
    return AwsSessionCredentials.create(
        Json.string(credentials, "AccessKeyId"),
        Json.string(credentials, "SecretAccessKey"),
        Json.string(credentials, "SessionToken"));
  }

  static void assertExpiresIn(String expiration, Duration duration) {
    Instant expected = Instant.now().plus(duration);
    assertThat(OffsetDateTime.parse(expiration).toInstant())
        .isBetween(expected.minusSeconds(120), expected.plusSeconds(5));
  }
}
