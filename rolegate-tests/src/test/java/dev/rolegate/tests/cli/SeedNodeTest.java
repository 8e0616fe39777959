package dev.rolegate.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.tests.MfaDeviceTest;
import dev.rolegate.tests.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The brief's Node.js example (AWS SDK for JavaScript v3), unchanged but for the STS client's
 * endpoint, run with node against a Rolegate server: {@code seed/node/assume-role.mjs} assumes
 * AdminRole as an IAM user whose key is in the environment, as the SDK reads it, and prints the
 * credentials the S3 client it returns would sign with; and the brief's {@code [profile admin-mfa]}
 * (role_arn, source_profile, mfa_serial) resolved by that SDK's own shared-config provider ({@code
 * seed/node/mfa-profile.mjs}) with a TOTP code the test computes.
 */
class SeedNodeTest {
  /**
   * The script runs where npm installed the SDK (by ./run-tests): the source tree of this module,
   * the working directory of Maven's test run.
   */
  static final Path NODE_DIR = Path.of("src/test/resources/seed/node").toAbsolutePath();

  @TempDir static Path tmp;

  static TestServer server;

  @BeforeAll
  static void start() {
    Subprocess.requireNode(NODE_DIR);
    server = TestServer.start();
  }

  @BeforeEach
  void fresh() {
    server.reset();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theBriefsAssumeRoleGivesTheS3ClientRolegateSessionCredentials() throws Exception {
    AwsBasicCredentials alice;
    String roleId;
    try (IamClient iam = server.iam(server.rootCredentials())) {
      // alice first: AWS refuses a trust policy naming a principal that does not exist.
      iam.createUser(b -> b.userName("alice"));
      roleId =
          iam.createRole(
                  b ->
                      b.roleName("AdminRole")
                          .assumeRolePolicyDocument(
                              """
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:user/alice"}, "Action": "sts:AssumeRole"}]}"""))
              .role()
              .roleId();
      AccessKey key = iam.createAccessKey(b -> b.userName("alice")).accessKey();
      alice = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }
    Files.writeString(tmp.resolve("config"), "");
    Files.writeString(tmp.resolve("credentials"), "");

    Subprocess.Result r =
        Subprocess.run(
            List.of("node", "assume-role.mjs"),
            NODE_DIR,
            Map.of(
                "ROLEGATE_ENDPOINT", server.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", alice.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", alice.secretAccessKey(),
                "AWS_CONFIG_FILE", tmp.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true"),
            Subprocess.DEFAULT_TIMEOUT);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    // stderr is not checked: the SDK writes a NodeVersionSupportWarning there on node 20 ("versions
    // published after the first week of January 2027 will require node >=22").

    Map<String, Object> printed = Json.object(r.stdout());
    String accessKeyId = Json.string(printed, "accessKeyId");
    assertThat(accessKeyId).matches("ASIA[A-Z2-7]{16}");

    // Issued by Rolegate: the session they sign as is alice's AdminRole session.
    AwsSessionCredentials session =
        AwsSessionCredentials.create(
            accessKeyId,
            Json.string(printed, "secretAccessKey"),
            Json.string(printed, "sessionToken"));
    try (StsClient sts = server.sts(session)) {
      GetCallerIdentityResponse me = sts.getCallerIdentity();
      assertThat(me.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/AdminRole/my-session");
      assertThat(me.userId()).isEqualTo(roleId + ":my-session");
      assertThat(me.account()).isEqualTo(TestServer.ACCOUNT);
    }
  }

  @Test
  void theBriefsMfaProfileAssumesARoleThatRequiresMfaThroughTheSdksOwnProvider() throws Exception {
    AwsBasicCredentials alice;
    byte[] seed;
    long step = MfaDeviceTest.currentStep();
    try (IamClient iam = server.iam(server.rootCredentials())) {
      iam.createUser(b -> b.userName("alice"));
      // the brief's mfa_serial: arn:aws:iam::123456789012:mfa/user
      VirtualMFADevice device =
          iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("user")).virtualMFADevice();
      assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::123456789012:mfa/user");
      seed = MfaDeviceTest.base32Decode(device.base32StringSeed().asUtf8String());
      iam.enableMFADevice(
          b ->
              b.userName("alice")
                  .serialNumber(device.serialNumber())
                  .authenticationCode1(MfaDeviceTest.totp(seed, step - 1))
                  .authenticationCode2(MfaDeviceTest.totp(seed, step)));
      iam.createRole(
          b ->
              b.roleName("AdminRole")
                  .assumeRolePolicyDocument(
                      """
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:user/alice"}, "Action": "sts:AssumeRole",
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}"""));
      AccessKey key = iam.createAccessKey(b -> b.userName("alice")).accessKey();
      alice = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }
    // the brief's profile, word for word; alice's key is the default profile
    Files.writeString(
        tmp.resolve("mfa-config"),
        """
        [default]
        region = us-east-1
        [profile admin-mfa]
        role_arn = arn:aws:iam::123456789012:role/AdminRole
        source_profile = default
        mfa_serial = arn:aws:iam::123456789012:mfa/user
        """);
    Files.writeString(
        tmp.resolve("mfa-credentials"),
        "[default]\naws_access_key_id = "
            + alice.accessKeyId()
            + "\naws_secret_access_key = "
            + alice.secretAccessKey()
            + "\n");
    // the next step's code: the two before it enabled the device, and a code counts once
    String code = MfaDeviceTest.totp(seed, step + 1);
    Map<String, String> env =
        Map.of(
            "ROLEGATE_ENDPOINT", server.endpoint().toString(),
            "ROLEGATE_MFA_CODE", code,
            "AWS_CONFIG_FILE", tmp.resolve("mfa-config").toString(),
            "AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("mfa-credentials").toString(),
            "AWS_EC2_METADATA_DISABLED", "true");

    Subprocess.Result r =
        Subprocess.run(
            List.of("node", "mfa-profile.mjs"), NODE_DIR, env, Subprocess.DEFAULT_TIMEOUT);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    Map<String, Object> printed = Json.object(r.stdout());
    assertThat(Json.string(printed, "mfaSerial")).isEqualTo("arn:aws:iam::123456789012:mfa/user");
    AwsSessionCredentials session =
        AwsSessionCredentials.create(
            Json.string(printed, "accessKeyId"),
            Json.string(printed, "secretAccessKey"),
            Json.string(printed, "sessionToken"));
    try (StsClient sts = server.sts(session)) {
      assertThat(sts.getCallerIdentity().arn())
          .startsWith("arn:aws:sts::123456789012:assumed-role/AdminRole/aws-sdk-js-");
    }

    // the same code again: refused, and the SDK's provider reports Rolegate's AccessDenied
    Subprocess.Result replay =
        Subprocess.run(
            List.of("node", "mfa-profile.mjs"), NODE_DIR, env, Subprocess.DEFAULT_TIMEOUT);
    assertThat(replay.exitCode()).as(replay.describe()).isNotZero();
    assertThat(replay.stderr())
        .contains("AccessDenied")
        .contains("MultiFactorAuthentication failed with invalid MFA one time pass code.");
  }
}
