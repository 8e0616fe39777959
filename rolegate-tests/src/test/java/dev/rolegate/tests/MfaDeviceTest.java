package dev.rolegate.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.InvalidAuthenticationCodeException;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Virtual MFA devices through the AWS SDK for Java v2: codes computed from the returned seed with a
 * TOTP of the test's own (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits).
 */
public class MfaDeviceTest extends ServerTest {
  static final String ACCOUNT = TestServer.ACCOUNT;
  static final String INVALID_CODE = "Authentication code for device is not valid.";

  // ---------------------------------------------------------------- a tiny TOTP

  public static byte[] base32Decode(String s) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >>> (bits - 8)));
        bits -= 8;
      }
    }
    return out.array();
  }

  public static String totp(byte[] key, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int o = h[19] & 0x0F;
      int n =
          ((h[o] & 0x7F) << 24)
              | ((h[o + 1] & 0xFF) << 16)
              | ((h[o + 2] & 0xFF) << 8)
              | (h[o + 3] & 0xFF);
      return String.format(Locale.ROOT, "%06d", n % 1_000_000);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long currentStep() {
    return Instant.now().getEpochSecond() / 30;
  }

  /** A created device: its serial number and TOTP key (decoded from Base32StringSeed). */
  record Device(String serial, byte[] key) {
    String code(long step) {
      return totp(key, step);
    }
  }

  static Device create(String name) {
    VirtualMFADevice d =
        iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(name)).virtualMFADevice();
    return new Device(d.serialNumber(), base32Decode(d.base32StringSeed().asUtf8String()));
  }

  static AwsServiceException expectError(
      ThrowingCallable call, String code, int status, String message) {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call);
    assertThat(e).as("the call should fail with " + code).isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    return e;
  }

  // ---------------------------------------------------------------- tests

  @Test
  @SuppressWarnings("unchecked") // the SDK's tags(Consumer<Tag.Builder>...) varargs
  void aVirtualDeviceIsCreatedEnabledListedDeactivatedAndDeleted() {
    iam.createUser(b -> b.userName("alice"));
    VirtualMFADevice created =
        iam.createVirtualMFADevice(
                b ->
                    b.virtualMFADeviceName("alice-phone")
                        .path("/team/")
                        .tags(t -> t.key("owner").value("alice")))
            .virtualMFADevice();
    String serial = "arn:aws:iam::" + ACCOUNT + ":mfa/team/alice-phone";
    assertThat(created.serialNumber()).isEqualTo(serial);
    String seed = created.base32StringSeed().asUtf8String();
    assertThat(seed).hasSize(64).matches("[A-Z2-7]+");
    assertThat(created.qrCodePNG().asByteArray())
        .startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
    assertThat(created.tags())
        .singleElement()
        .satisfies(t -> assertThat(t.key()).isEqualTo("owner"));
    Device d = new Device(serial, base32Decode(seed));

    assertThat(
            iam.listVirtualMFADevices(b -> b.assignmentStatus(AssignmentStatusType.UNASSIGNED))
                .virtualMFADevices())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.serialNumber()).isEqualTo(serial);
              assertThat(v.user()).isNull();
              assertThat(v.enableDate()).isNull();
            });
    assertThat(
            iam.listVirtualMFADevices(b -> b.assignmentStatus(AssignmentStatusType.ASSIGNED))
                .virtualMFADevices())
        .isEmpty();

    long s = currentStep();
    iam.enableMFADevice(
        b ->
            b.userName("alice")
                .serialNumber(serial)
                .authenticationCode1(d.code(s - 1))
                .authenticationCode2(d.code(s)));

    MFADevice listed = iam.listMFADevices(b -> b.userName("alice")).mfaDevices().get(0);
    assertThat(listed.serialNumber()).isEqualTo(serial);
    assertThat(listed.userName()).isEqualTo("alice");
    assertThat(listed.enableDate()).isNotNull();
    VirtualMFADevice assigned =
        iam.listVirtualMFADevices(b -> b.assignmentStatus(AssignmentStatusType.ASSIGNED))
            .virtualMFADevices()
            .get(0);
    assertThat(assigned.user().userName()).isEqualTo("alice");
    assertThat(assigned.user().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/alice");
    assertThat(assigned.base32StringSeed()).as("the seed is shown only once").isNull();
    assertThat(iam.getMFADevice(b -> b.serialNumber(serial).userName("alice")).enableDate())
        .isEqualTo(listed.enableDate());

    iam.deactivateMFADevice(b -> b.userName("alice").serialNumber(serial));
    assertThat(iam.listMFADevices(b -> b.userName("alice")).mfaDevices()).isEmpty();
    iam.deleteVirtualMFADevice(b -> b.serialNumber(serial));
    assertThat(iam.listVirtualMFADevices().virtualMFADevices()).isEmpty();
    assertThat(
            expectError(
                () -> iam.deleteVirtualMFADevice(b -> b.serialNumber(serial)),
                "NoSuchEntity",
                404,
                "VirtualMFADevice with serial number " + serial + " doesn't exist."))
        .isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void badCodesAreRefusedWithInvalidAuthenticationCode() {
    iam.createUser(b -> b.userName("alice"));
    Device d = create("phone");
    long s = currentStep();
    assertThat(
            expectError(
                () ->
                    iam.enableMFADevice(
                        b ->
                            b.userName("alice")
                                .serialNumber(d.serial())
                                .authenticationCode1(d.code(s - 1))
                                .authenticationCode2(d.code(s + 1))),
                "InvalidAuthenticationCode",
                403,
                INVALID_CODE))
        .isInstanceOf(InvalidAuthenticationCodeException.class);
    expectError(
        () ->
            iam.enableMFADevice(
                b ->
                    b.userName("alice")
                        .serialNumber(d.serial())
                        .authenticationCode1(d.code(s))
                        .authenticationCode2(d.code(s))),
        "InvalidAuthenticationCode",
        403,
        INVALID_CODE);
    String wrong = d.code(s).equals("000000") ? "111111" : "000000";
    expectError(
        () ->
            iam.enableMFADevice(
                b ->
                    b.userName("alice")
                        .serialNumber(d.serial())
                        .authenticationCode1(d.code(s - 1))
                        .authenticationCode2(wrong)),
        "InvalidAuthenticationCode",
        403,
        INVALID_CODE);
    expectError(
        () ->
            iam.enableMFADevice(
                b ->
                    b.userName("alice")
                        .serialNumber(d.serial())
                        .authenticationCode1("12345")
                        .authenticationCode2(d.code(s))),
        "ValidationError",
        400,
        "1 validation error detected: Value '12345' at 'authenticationCode1' failed to satisfy constraint: Member must have length greater than or equal to 6");
    expectError(
        () ->
            iam.enableMFADevice(
                b ->
                    b.userName("nobody")
                        .serialNumber(d.serial())
                        .authenticationCode1(d.code(s - 1))
                        .authenticationCode2(d.code(s))),
        "NoSuchEntity",
        404,
        "The user with name nobody cannot be found.");
    String ghost = "arn:aws:iam::" + ACCOUNT + ":mfa/ghost";
    expectError(
        () ->
            iam.enableMFADevice(
                b ->
                    b.userName("alice")
                        .serialNumber(ghost)
                        .authenticationCode1(d.code(s - 1))
                        .authenticationCode2(d.code(s))),
        "NoSuchEntity",
        404,
        "VirtualMFADevice with serial number " + ghost + " doesn't exist.");
    assertThat(iam.listMFADevices(b -> b.userName("alice")).mfaDevices()).isEmpty();
  }

  @Test
  void codesUsedOnceAreRefusedAfterwards() {
    iam.createUser(b -> b.userName("alice"));
    Device d = create("phone");
    long s = currentStep();
    iam.enableMFADevice(
        b ->
            b.userName("alice")
                .serialNumber(d.serial())
                .authenticationCode1(d.code(s - 1))
                .authenticationCode2(d.code(s)));
    // a resync with the codes that enabled the device is a replay
    expectError(
        () ->
            iam.resyncMFADevice(
                b ->
                    b.userName("alice")
                        .serialNumber(d.serial())
                        .authenticationCode1(d.code(s - 1))
                        .authenticationCode2(d.code(s))),
        "InvalidAuthenticationCode",
        403,
        INVALID_CODE);
    // so is enabling it again with them after a deactivation
    iam.deactivateMFADevice(b -> b.userName("alice").serialNumber(d.serial()));
    expectError(
        () ->
            iam.enableMFADevice(
                b ->
                    b.userName("alice")
                        .serialNumber(d.serial())
                        .authenticationCode1(d.code(s - 1))
                        .authenticationCode2(d.code(s))),
        "InvalidAuthenticationCode",
        403,
        INVALID_CODE);
    expectError(
        () ->
            iam.enableMFADevice(
                b ->
                    b.userName("alice")
                        .serialNumber(d.serial())
                        .authenticationCode1(d.code(s - 2))
                        .authenticationCode2(d.code(s - 1))),
        "InvalidAuthenticationCode",
        403,
        INVALID_CODE);
    assertThat(iam.listMFADevices(b -> b.userName("alice")).mfaDevices()).isEmpty();
  }

  @Test
  void anEnabledDeviceCannotBeReusedOrDeletedNorItsUserDeleted() {
    iam.createUser(b -> b.userName("alice"));
    iam.createUser(b -> b.userName("bob"));
    Device d = create("phone");
    long s = currentStep();
    iam.enableMFADevice(
        b ->
            b.userName("alice")
                .serialNumber(d.serial())
                .authenticationCode1(d.code(s - 1))
                .authenticationCode2(d.code(s)));

    assertThat(
            expectError(
                () ->
                    iam.enableMFADevice(
                        b ->
                            b.userName("bob")
                                .serialNumber(d.serial())
                                .authenticationCode1(d.code(s - 1))
                                .authenticationCode2(d.code(s))),
                "EntityAlreadyExists",
                409,
                "MFA Device is already in use."))
        .isInstanceOf(EntityAlreadyExistsException.class);
    assertThat(
            expectError(
                () -> iam.deleteVirtualMFADevice(b -> b.serialNumber(d.serial())),
                "DeleteConflict",
                409,
                "MFA VirtualDevice in use. Must deactivate first."))
        .isInstanceOf(DeleteConflictException.class);
    expectError(
        () -> iam.deleteUser(b -> b.userName("alice")),
        "DeleteConflict",
        409,
        "Cannot delete entity, must delete MFA device first.");
    expectError(
        () -> iam.deactivateMFADevice(b -> b.userName("bob").serialNumber(d.serial())),
        "NoSuchEntity",
        404,
        "MFA Device invalid for user.");
    expectError(
        () -> iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("PHONE")),
        "EntityAlreadyExists",
        409,
        "MFADevice entity at the same path and name already exists.");

    iam.deactivateMFADevice(b -> b.userName("alice").serialNumber(d.serial()));
    iam.deleteUser(b -> b.userName("alice"));
    iam.deleteVirtualMFADevice(b -> b.serialNumber(d.serial()));
  }

  @Test
  void aUserListsItsOwnDevicesAndNeedsPermissionForTheRest() {
    iam.createUser(b -> b.userName("alice"));
    AccessKey key = iam.createAccessKey(b -> b.userName("alice")).accessKey();
    String aliceArn = "arn:aws:iam::" + ACCOUNT + ":user/alice";
    iam.putUserPolicy(
        b ->
            b.userName("alice")
                .policyName("own-mfa")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListMFADevices\",\"Resource\":\""
                        + aliceArn
                        + "\"}]}"));
    Device d = create("alice");
    long s = currentStep();
    iam.enableMFADevice(
        b ->
            b.userName("alice")
                .serialNumber(d.serial())
                .authenticationCode1(d.code(s - 1))
                .authenticationCode2(d.code(s)));

    try (IamClient alice =
        server.iam(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
      assertThat(alice.listMFADevices().mfaDevices())
          .extracting(MFADevice::serialNumber)
          .containsExactly(d.serial());
      AwsServiceException denied =
          catchThrowableOfType(
              AwsServiceException.class,
              () -> alice.deleteVirtualMFADevice(b -> b.serialNumber(d.serial())));
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(denied.awsErrorDetails().errorMessage())
          .startsWith(
              "User: "
                  + aliceArn
                  + " is not authorized to perform: iam:DeleteVirtualMFADevice on resource: "
                  + d.serial());
    }
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's tags(Consumer<Tag.Builder>...) varargs
  void aVirtualDeviceIsTaggedUntaggedAndItsTagsListed() {
    String serial = create("tagged").serial();
    iam.tagMFADevice(
        b ->
            b.serialNumber(serial)
                .tags(t -> t.key("team").value("a"), t -> t.key("env").value("dev")));
    iam.tagMFADevice(
        b ->
            b.serialNumber(serial)
                .tags(t -> t.key("TEAM").value("b"))); // keys without regard to case
    assertThat(iam.listMFADeviceTags(b -> b.serialNumber(serial)).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("TEAM=b", "env=dev");
    iam.untagMFADevice(b -> b.serialNumber(serial).tagKeys("team", "absent"));
    assertThat(iam.listMFADeviceTags(b -> b.serialNumber(serial)).tags())
        .extracting(t -> t.key())
        .containsExactly("env");
    assertThat(iam.listVirtualMFADevices().virtualMFADevices())
        .singleElement()
        .satisfies(v -> assertThat(v.tags()).extracting(t -> t.key()).containsExactly("env"));

    String ghost = "arn:aws:iam::" + TestServer.ACCOUNT + ":mfa/ghost";
    expectError(
        () -> iam.tagMFADevice(b -> b.serialNumber(ghost).tags(t -> t.key("k").value("v"))),
        "NoSuchEntity",
        404,
        "VirtualMFADevice with serial number " + ghost + " doesn't exist.");
    expectError(
        () -> iam.listMFADeviceTags(b -> b.serialNumber(ghost)),
        "NoSuchEntity",
        404,
        "VirtualMFADevice with serial number " + ghost + " doesn't exist.");
    var many = new java.util.ArrayList<software.amazon.awssdk.services.iam.model.Tag>();
    for (int i = 0; i < 50; i++) {
      many.add(
          software.amazon.awssdk.services.iam.model.Tag.builder().key("k" + i).value("v").build());
    }
    expectError(
        () -> iam.tagMFADevice(b -> b.serialNumber(serial).tags(many)),
        "ValidationError",
        400,
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    assertThat(iam.listMFADeviceTags(b -> b.serialNumber(serial)).tags())
        .hasSize(1); // all or nothing
  }
}
