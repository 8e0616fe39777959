package dev.rolegate.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * MFA in STS: a trust policy requiring MFA (the brief's mfa_serial profile), codes used once,
 * GetSessionToken with MFA.
 */
class StsMfaTest {
  static TestServer server;
  IamClient root;
  AwsBasicCredentials alice;
  String serial;
  byte[] key;
  long enabledStep;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void aliceWithAnEnabledDevice() {
    server.reset();
    root = server.iam(server.rootCredentials());
    alice = E2e.userWithKey(root, "alice");
    root.putUserPolicy(
        b -> b.userName("alice").policyName("p").policyDocument(E2e.allow("*", "*")));
    VirtualMFADevice d =
        root.createVirtualMFADevice(b -> b.virtualMFADeviceName("alice")).virtualMFADevice();
    serial = d.serialNumber();
    key = MfaDeviceTest.base32Decode(d.base32StringSeed().asUtf8String());
    enabledStep = MfaDeviceTest.currentStep();
    root.enableMFADevice(
        b ->
            b.userName("alice")
                .serialNumber(serial)
                .authenticationCode1(MfaDeviceTest.totp(key, enabledStep - 1))
                .authenticationCode2(MfaDeviceTest.totp(key, enabledStep)));
    root.createRole(
        b ->
            b.roleName("AdminRole")
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:user/alice\"},"
                        + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}"));
  }

  private static String code(Throwable e) {
    return ((AwsServiceException) e).awsErrorDetails().errorCode();
  }

  @Test
  void aTrustPolicyRequiringMfaNeedsACodeAndACodeWorksOnce() {
    assertThatThrownBy(
            () ->
                server
                    .sts(alice)
                    .assumeRole(
                        b ->
                            b.roleArn("arn:aws:iam::123456789012:role/AdminRole")
                                .roleSessionName("no-mfa")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"));
    String next = MfaDeviceTest.totp(key, enabledStep + 1);
    Credentials c =
        server
            .sts(alice)
            .assumeRole(
                b ->
                    b.roleArn("arn:aws:iam::123456789012:role/AdminRole")
                        .roleSessionName("mfa")
                        .serialNumber(serial)
                        .tokenCode(next))
            .credentials();
    assertThat(server.sts(TestServer.session(c)).getCallerIdentity().arn())
        .endsWith(":assumed-role/AdminRole/mfa");
    assertThatThrownBy(
            () ->
                server
                    .sts(alice)
                    .assumeRole(
                        b ->
                            b.roleArn("arn:aws:iam::123456789012:role/AdminRole")
                                .roleSessionName("again")
                                .serialNumber(serial)
                                .tokenCode(next)))
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"))
        .hasMessageContaining(
            "MultiFactorAuthentication failed with invalid MFA one time pass code.");
    assertThatThrownBy(
            () ->
                server
                    .sts(alice)
                    .assumeRole(
                        b ->
                            b.roleArn("arn:aws:iam::123456789012:role/AdminRole")
                                .roleSessionName("wrong")
                                .serialNumber(serial)
                                .tokenCode("000000")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"));
  }

  @Test
  void getSessionTokenCredentialsCallIamOnlyWithMfa() {
    Credentials plain = server.sts(alice).getSessionToken().credentials();
    assertThatThrownBy(() -> server.iam(TestServer.session(plain)).listRoles())
        .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"));
    Credentials mfa =
        server
            .sts(alice)
            .getSessionToken(
                b -> b.serialNumber(serial).tokenCode(MfaDeviceTest.totp(key, enabledStep + 1)))
            .credentials();
    assertThat(server.iam(TestServer.session(mfa)).listRoles().roles())
        .extracting(r -> r.roleName())
        .contains("AdminRole");
    Credentials chained =
        server
            .sts(TestServer.session(mfa))
            .assumeRole(
                b -> b.roleArn("arn:aws:iam::123456789012:role/AdminRole").roleSessionName("chain"))
            .credentials();
    assertThat(server.sts(TestServer.session(chained)).getCallerIdentity().arn())
        .as("MFA carries into the role session")
        .endsWith("/chain");
  }
}
