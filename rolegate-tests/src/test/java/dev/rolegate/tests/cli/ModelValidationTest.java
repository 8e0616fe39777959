package dev.rolegate.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rolegate.tests.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Parameters are checked against AWS's service models before the operation runs, every problem
 * reported at once in AWS's words, in the order of the input shape's members: with the AWS SDK for
 * Java v2 and with the AWS CLI v2 (which checks only required members and minimum lengths itself).
 */
class ModelValidationTest {
  static final String ACCOUNT = TestServer.ACCOUNT;
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
          + ACCOUNT
          + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String CREATE_ROLE =
      "2 validation errors detected: Value 'x y' at 'roleName' failed to satisfy constraint: Member must satisfy "
          + "regular expression pattern: [\\w+=,.@-]+; Value '50000' at 'maxSessionDuration' failed to satisfy constraint: Member must have value "
          + "less than or equal to 43200";

  @TempDir static Path tmp;

  static TestServer server;
  static AwsBasicCredentials root;
  static AwsCli cli;

  @BeforeAll
  static void start() throws IOException {
    Subprocess.requireAwsCliV2();
    server = TestServer.start();
    root = server.rootCredentials();
    cli = new AwsCli(server.endpoint(), tmp);
    Files.writeString(tmp.resolve("trust-policy.json"), TRUST);
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
  void theSdkGetsEveryProblemOfCreateRoleAtOnce() {
    try (IamClient iam = server.iam(root)) {
      AwsServiceException e =
          error(
              () ->
                  iam.createRole(
                      b ->
                          b.roleName("x y")
                              .assumeRolePolicyDocument(TRUST)
                              .maxSessionDuration(50000)));
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(CREATE_ROLE);
      assertThat(iam.listRoles().roles()).as("nothing was created").isEmpty();

      AwsServiceException tags =
          error(
              () ->
                  iam.createRole(
                      b ->
                          b.roleName("app")
                              .path("no-slashes")
                              .assumeRolePolicyDocument(TRUST)
                              .tags(
                                  Tag.builder().key("ok").value("v").build(),
                                  Tag.builder().key("bad*key").value("v").build(),
                                  Tag.builder().key("k").value("v".repeat(257)).build())));
      assertThat(tags.awsErrorDetails().errorMessage())
          .isEqualTo(
              "3 validation errors detected: "
                  + "Value 'no-slashes' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (/)|(/[\\u0021-\\u007E]+/); "
                  + "Value 'bad*key' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+; "
                  + "Value at 'tags.3.member.value' failed to satisfy constraint: Member must have length less than or equal to 256");
    }
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's tags(Consumer<Tag.Builder>...) varargs
  void stsChecksBeforeTheTrustPolicyIsEvaluated() {
    try (IamClient iam = server.iam(root)) {
      iam.createUser(b -> b.userName("nobody"));
      AccessKey key = iam.createAccessKey(b -> b.userName("nobody")).accessKey();
      AwsBasicCredentials nobody =
          AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
      // nobody may do nothing: the malformed request is refused for its parameters, as AWS does,
      // not with AccessDenied
      try (StsClient sts = server.sts(nobody)) {
        AwsServiceException e =
            error(
                () ->
                    sts.assumeRole(
                        b ->
                            b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/missing")
                                .roleSessionName("a")
                                .durationSeconds(100)
                                .tags(t -> t.key("team").value("blue"))
                                .externalId("has space")));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo(
                "3 validation errors detected: "
                    + "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; "
                    + "Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900; "
                    + "Value 'has space' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*");
      }
    }
  }

  @Test
  void theCliGetsEveryProblemAtOnce() {
    Subprocess.Result r =
        cli.run(
            root,
            "iam",
            "create-role",
            "--role-name",
            "x y",
            "--assume-role-policy-document",
            "file://trust-policy.json",
            "--max-session-duration",
            "50000");
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(254);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr())
        .isEqualTo(
            "\nAn error occurred (ValidationError) when calling the CreateRole operation: "
                + CREATE_ROLE
                + "\n");

    Subprocess.Result sts =
        cli.run(
            root,
            "sts",
            "assume-role",
            "--role-arn",
            "arn:aws:iam::" + ACCOUNT + ":role/missing",
            "--role-session-name",
            "bad:name",
            "--duration-seconds",
            "43201",
            "--source-identity",
            "has space");
    assertThat(sts.exitCode()).as(sts.describe()).isEqualTo(254);
    assertThat(sts.stderr())
        .isEqualTo(
            "\nAn error occurred (ValidationError) when calling the AssumeRole operation: 3 validation errors detected: "
                + "Value 'bad:name' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; "
                + "Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200; "
                + "Value 'has space' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*\n");

    Subprocess.Result ok =
        cli.run(
            root,
            "iam",
            "create-role",
            "--role-name",
            "app",
            "--assume-role-policy-document",
            "file://trust-policy.json");
    assertThat(ok.exitCode()).as(ok.describe()).isZero();
  }

  private static AwsServiceException error(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call);
    assertThat(e).as("the call should fail with an AWS error").isNotNull();
    return e;
  }
}
