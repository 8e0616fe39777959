package dev.rolegate.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;

/** --dev mode as other emulators' users expect it, and what it never relaxes. */
class DevModeTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.startDev();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String code(Throwable e) {
    return ((AwsServiceException) e).awsErrorDetails().errorCode();
  }

  @Test
  void testTestIsTheDefaultRootAndItsSignatureIsStillVerified() {
    assertThat(server.sts(AwsBasicCredentials.create("test", "test")).getCallerIdentity().arn())
        .isEqualTo("arn:aws:iam::123456789012:root");
    assertThatThrownBy(
            () -> server.sts(AwsBasicCredentials.create("test", "not-test")).getCallerIdentity())
        .satisfies(e -> assertThat(code(e)).isEqualTo("SignatureDoesNotMatch"));
  }

  @Test
  void madeUpCredentialsAreTheDefaultRoot() {
    assertThat(
            server
                .sts(AwsBasicCredentials.create("AKIAMADEUPMADEUP1234", "whatever"))
                .getCallerIdentity()
                .account())
        .isEqualTo("123456789012");
    assertThat(
            server
                .sts(AwsSessionCredentials.create("ASIAMADEUP", "whatever", "made-up-token"))
                .getCallerIdentity()
                .account())
        .isEqualTo("123456789012");
    IamClient iam = server.iam(AwsBasicCredentials.create("AKIAMADEUPMADEUP1234", "whatever"));
    iam.createRole(
        b ->
            b.roleName("FromAMadeUpKey")
                .assumeRolePolicyDocument(E2e.serviceTrust("ec2.amazonaws.com")));
    assertThat(iam.getRole(b -> b.roleName("FromAMadeUpKey")).role().arn())
        .isEqualTo("arn:aws:iam::123456789012:role/FromAMadeUpKey");
  }

  @Test
  void keysRolegateIssuedAreAlwaysVerified() {
    IamClient root = server.iam(AwsBasicCredentials.create("test", "test"));
    AwsBasicCredentials issued = E2e.userWithKey(root, "dev-user-" + System.nanoTime());
    assertThatThrownBy(
            () ->
                server
                    .sts(AwsBasicCredentials.create(issued.accessKeyId(), "wrong-secret"))
                    .getCallerIdentity())
        .satisfies(e -> assertThat(code(e)).isEqualTo("SignatureDoesNotMatch"));
    assertThat(server.sts(issued).getCallerIdentity().arn()).contains(":user/dev-user-");
  }
}
