package dev.rolegate.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The brief's {@code ~/.aws/config} profile ({@code [profile admin] role_arn = ..., source_profile
 * = default}) resolved by the AWS SDK for Java v2's own profile credential provider, with the STS
 * endpoint pointed at Rolegate the way the SDK documents it: {@code endpoint_url} in the profile,
 * and {@code AWS_ENDPOINT_URL_STS} (here its system property {@code aws.endpointUrlSts}) for the
 * STS client the provider builds itself.
 */
class SeedProfileTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theAdminProfileAssumesAdminRoleThroughRolegate(@TempDir Path dir) throws Exception {
    IamClient root = server.iam(server.rootCredentials());
    AwsBasicCredentials alice = E2e.userWithKey(root, "alice");
    root.putUserPolicy(
        b ->
            b.userName("alice")
                .policyName("assume")
                .policyDocument(E2e.allow("sts:AssumeRole", "*")));
    root.createRole(
        b ->
            b.roleName("AdminRole")
                .assumeRolePolicyDocument(E2e.trust("arn:aws:iam::123456789012:root")));
    Path config = dir.resolve("config");
    Files.writeString(
        config,
        "[default]\n"
            + "aws_access_key_id = "
            + alice.accessKeyId()
            + "\n"
            + "aws_secret_access_key = "
            + alice.secretAccessKey()
            + "\n"
            + "region = us-east-1\n"
            + "endpoint_url = "
            + server.endpoint()
            + "\n"
            + "\n"
            + "[profile admin]\n"
            + "role_arn = arn:aws:iam::123456789012:role/AdminRole\n"
            + "source_profile = default\n"
            + "region = us-east-1\n"
            + "endpoint_url = "
            + server.endpoint()
            + "\n");
    ProfileFile profiles =
        ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build();
    System.setProperty("aws.endpointUrlSts", server.endpoint().toString());
    try (ProfileCredentialsProvider provider =
        ProfileCredentialsProvider.builder().profileFile(profiles).profileName("admin").build()) {
      AwsCredentials creds = provider.resolveCredentials();
      assertThat(creds).isInstanceOf(AwsSessionCredentials.class);
      assertThat(creds.accessKeyId()).startsWith("ASIA");
      assertThat(server.sts(creds).getCallerIdentity().arn())
          .startsWith("arn:aws:sts::123456789012:assumed-role/AdminRole/");
    } finally {
      System.clearProperty("aws.endpointUrlSts");
    }
  }
}
