package dev.rolegate.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.Ids;
import dev.rolegate.core.auth.Authorizer;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.core.crypto.Totp;
import dev.rolegate.core.model.MfaDevice;
import dev.rolegate.core.model.User;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.core.testing.InMemoryStore;
import dev.rolegate.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MfaService over the in-memory store: enabling, the STS verifier, replay and drift, errors. */
class MfaServiceTest {
  static final String ACCOUNT = "123456789012";
  static final long S = 59_000_000L; // a time step: 2026-02-05T...Z
  static AwsManagedCatalog catalog;

  InMemoryStore store;
  TestClock clock;
  SecretBox master;
  MfaService mfa;
  UserService users;
  Caller root = Caller.root(ACCOUNT, "AKIAROOT000000000000");

  @BeforeAll
  static void loadCatalog() {
    catalog = AwsManagedCatalog.load();
  }

  @BeforeEach
  void setUp() {
    store = new InMemoryStore();
    clock = new TestClock(at(S, 10));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    master = new SecretBox(key, new SecureRandom());
    IamContext iam = new IamContext(store, new Authorizer(catalog), catalog, new Ids(), clock);
    mfa = new MfaService(iam, master);
    users = new UserService(iam, master);
    store.write(
        r -> {
          r.users()
              .insert(
                  new User(
                      ACCOUNT,
                      "AIDAALICE0000000000",
                      "Alice",
                      "/",
                      null,
                      List.of(),
                      Instant.EPOCH));
          r.users()
              .insert(
                  new User(
                      ACCOUNT, "AIDABOB00000000000", "Bob", "/", null, List.of(), Instant.EPOCH));
          return null;
        });
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  static Instant at(long step, int second) {
    return Instant.ofEpochSecond(step * 30 + second);
  }

  RequestInfo info() {
    return new RequestInfo("req", "127.0.0.1", false, "us-east-1", "test", clock.instant());
  }

  static void expect(ThrowingCallable call, AwsErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  /** Creates a device; returns its serial number and key. */
  record Device(String serial, byte[] key) {
    String code(long step) {
      return Totp.code(key, step);
    }
  }

  Device create(String name) {
    MfaService.NewVirtualDevice d = mfa.createVirtualMfaDevice(root, info(), name, null, List.of());
    return new Device(d.device().serialNumber(), Totp.base32Decode(d.base32StringSeed()));
  }

  Device enabledForAlice() {
    Device d = create("alice-phone");
    mfa.enableMfaDevice(root, info(), "Alice", d.serial(), d.code(S - 1), d.code(S));
    return d;
  }

  boolean verify(String serial, String user, String code) {
    return store.write(r -> mfa.verifyTotp(r, ACCOUNT, serial, user, code, clock.instant()));
  }

  MfaDevice stored(String serial) {
    return store.read((Repositories r) -> r.mfaDevices().find(serial)).orElseThrow();
  }

  @Test
  void createReturnsAFortyByteSeedAndAQrCodeAndKeepsTheSeedSealed() {
    MfaService.NewVirtualDevice d =
        mfa.createVirtualMfaDevice(root, info(), "phone", "/team/", List.of());
    assertThat(d.device().serialNumber()).isEqualTo("arn:aws:iam::123456789012:mfa/team/phone");
    assertThat(d.base32StringSeed()).hasSize(64).matches("[A-Z2-7]+");
    byte[] seed = Totp.base32Decode(d.base32StringSeed());
    assertThat(seed).hasSize(40);
    assertThat(d.qrCodePng()).startsWith(0x89, 'P', 'N', 'G');
    MfaDevice s = stored(d.device().serialNumber());
    assertThat(s.enabled()).isFalse();
    assertThat(s.encryptedSeed()).isNotEqualTo(seed);
    assertThat(master.open(s.encryptedSeed(), MfaService.SEED_AAD)).isEqualTo(seed);
    assertThat(
            master.open(
                s.encryptedSeed(),
                "rolegate access key secret v1".getBytes(StandardCharsets.UTF_8)))
        .isNull();

    expect(
        () -> mfa.createVirtualMfaDevice(root, info(), "PHONE", "/team/", List.of()),
        AwsErrorCode.ENTITY_ALREADY_EXISTS,
        "MFADevice entity at the same path and name already exists.");
  }

  @Test
  void enablingNeedsTwoConsecutiveValidCodes() {
    Device d = create("phone");
    String invalid = "Authentication code for device is not valid.";
    expect(
        () -> mfa.enableMfaDevice(root, info(), "Alice", d.serial(), d.code(S - 1), d.code(S + 1)),
        AwsErrorCode.INVALID_AUTHENTICATION_CODE,
        invalid);
    expect(
        () -> mfa.enableMfaDevice(root, info(), "Alice", d.serial(), d.code(S), d.code(S - 1)),
        AwsErrorCode.INVALID_AUTHENTICATION_CODE,
        invalid);
    expect(
        () -> mfa.enableMfaDevice(root, info(), "Alice", d.serial(), d.code(S), d.code(S)),
        AwsErrorCode.INVALID_AUTHENTICATION_CODE,
        invalid);
    expect(
        () -> mfa.enableMfaDevice(root, info(), "Alice", d.serial(), d.code(S - 4), d.code(S - 3)),
        AwsErrorCode.INVALID_AUTHENTICATION_CODE,
        invalid);
    expect(
        () -> mfa.enableMfaDevice(root, info(), "Alice", d.serial(), d.code(S + 1), d.code(S + 2)),
        AwsErrorCode.INVALID_AUTHENTICATION_CODE,
        invalid);
    assertThat(stored(d.serial()).enabled()).isFalse();
    assertThat(AwsErrorCode.INVALID_AUTHENTICATION_CODE.httpStatus()).isEqualTo(403);
    assertThat(AwsErrorCode.INVALID_AUTHENTICATION_CODE.code())
        .isEqualTo("InvalidAuthenticationCode");

    // a pair whose second code is one step ahead, or whose first code is two steps old, is accepted
    mfa.enableMfaDevice(root, info(), "alice", d.serial(), d.code(S), d.code(S + 1));
    MfaDevice s = stored(d.serial());
    assertThat(s.userName()).isEqualTo("Alice");
    assertThat(s.enableDate()).isEqualTo(clock.instant());
    assertThat(s.lastUsedStep()).isEqualTo(S + 1);
    Device late = create("late");
    mfa.enableMfaDevice(root, info(), "Bob", late.serial(), late.code(S - 2), late.code(S - 1));
    assertThat(stored(late.serial()).lastUsedStep()).isEqualTo(S - 1);

    expect(
        () -> mfa.enableMfaDevice(root, info(), "Bob", d.serial(), d.code(S - 1), d.code(S)),
        AwsErrorCode.ENTITY_ALREADY_EXISTS,
        "MFA Device is already in use.");
    expect(
        () -> mfa.enableMfaDevice(root, info(), "Nobody", d.serial(), d.code(S - 1), d.code(S)),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The user with name Nobody cannot be found.");
    String ghost = "arn:aws:iam::123456789012:mfa/ghost";
    expect(
        () -> mfa.enableMfaDevice(root, info(), "Alice", ghost, d.code(S - 1), d.code(S)),
        AwsErrorCode.NO_SUCH_ENTITY,
        "VirtualMFADevice with serial number " + ghost + " doesn't exist.");
  }

  @Test
  void aCodeUsedToEnableCannotBeUsedForSts() {
    Device d = enabledForAlice(); // codes of S-1 and S used
    assertThat(verify(d.serial(), "Alice", d.code(S))).isFalse();
    assertThat(verify(d.serial(), "Alice", d.code(S - 1))).isFalse();
  }

  @Test
  void verifyTotpAcceptsTheCurrentStepOnceAndRefusesItsReplay() {
    Device d = enabledForAlice();
    clock.set(at(S + 1, 3));
    assertThat(verify(d.serial(), "Alice", d.code(S + 1))).isTrue();
    assertThat(stored(d.serial()).lastUsedStep()).isEqualTo(S + 1);
    assertThat(verify(d.serial(), "Alice", d.code(S + 1))).as("replayed").isFalse();
    clock.set(at(S + 1, 29));
    assertThat(verify(d.serial(), "Alice", d.code(S + 1)))
        .as("replayed later in the step")
        .isFalse();
  }

  @Test
  void verifyTotpAcceptsOneStepOfDriftEitherSideAndNoMore() {
    Device d = enabledForAlice(); // last step S
    clock.set(at(S + 10, 0));
    assertThat(verify(d.serial(), "Alice", d.code(S + 12))).as("two steps ahead").isFalse();
    assertThat(verify(d.serial(), "Alice", d.code(S + 8))).as("two steps behind").isFalse();
    assertThat(verify(d.serial(), "Alice", d.code(S + 9))).as("one step behind").isTrue();
    assertThat(verify(d.serial(), "Alice", d.code(S + 11))).as("one step ahead").isTrue();
    assertThat(verify(d.serial(), "Alice", d.code(S + 10)))
        .as("the current step, but after a later one was used")
        .isFalse();
    assertThat(stored(d.serial()).lastUsedStep()).isEqualTo(S + 11);
  }

  @Test
  void verifyTotpRefusesOtherUsersAccountsDevicesAndMalformedCodes() {
    Device d = enabledForAlice();
    Device unassigned = create("spare");
    clock.set(at(S + 5, 0));
    String code = d.code(S + 5);
    assertThat(verify(d.serial(), "Bob", code)).isFalse();
    assertThat(verify(d.serial(), null, code)).isFalse();
    boolean otherAccount =
        store.write(
            r -> mfa.verifyTotp(r, "210987654321", d.serial(), "Alice", code, clock.instant()));
    assertThat(otherAccount).isFalse();
    assertThat(verify("arn:aws:iam::123456789012:mfa/ghost", "Alice", code)).isFalse();
    assertThat(verify(unassigned.serial(), "Alice", unassigned.code(S + 5))).isFalse();
    assertThat(verify(d.serial(), "Alice", null)).isFalse();
    assertThat(verify(d.serial(), "Alice", code.substring(1))).isFalse();
    assertThat(verify(d.serial(), "Alice", code + "0")).isFalse();
    assertThat(verify(d.serial(), "Alice", "ab" + code.substring(2))).isFalse();
    assertThat(stored(d.serial()).lastUsedStep()).isEqualTo(S);
    assertThat(
            verify(
                d.serial().toUpperCase(java.util.Locale.ROOT).replace("ARN:AWS:IAM", "arn:aws:iam"),
                "ALICE",
                code))
        .isTrue();
  }

  @Test
  void deactivateAndDeleteFollowAwsRules() {
    Device d = enabledForAlice();
    expect(
        () -> mfa.deleteVirtualMfaDevice(root, info(), d.serial()),
        AwsErrorCode.DELETE_CONFLICT,
        "MFA VirtualDevice in use. Must deactivate first.");
    expect(
        () -> users.deleteUser(root, info(), "Alice"),
        AwsErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must delete MFA device first.");
    expect(
        () -> mfa.deactivateMfaDevice(root, info(), "Bob", d.serial()),
        AwsErrorCode.NO_SUCH_ENTITY,
        "MFA Device invalid for user.");
    assertThat(mfa.listMfaDevices(root, info(), "Alice", null, null).items())
        .extracting(MfaDevice::serialNumber)
        .containsExactly(d.serial());
    assertThat(mfa.getMfaDevice(root, info(), d.serial(), "alice").userName()).isEqualTo("Alice");
    assertThat(mfa.listVirtualMfaDevices(root, info(), "Assigned", null, null).items())
        .singleElement()
        .satisfies(v -> assertThat(v.user().name()).isEqualTo("Alice"));

    mfa.deactivateMfaDevice(root, info(), "Alice", d.serial());
    assertThat(verify(d.serial(), "Alice", d.code(S + 1))).as("a deactivated device").isFalse();
    assertThat(mfa.listMfaDevices(root, info(), "Alice", null, null).items()).isEmpty();
    assertThat(mfa.listVirtualMfaDevices(root, info(), "Unassigned", null, null).items())
        .singleElement()
        .satisfies(v -> assertThat(v.user()).isNull());
    expect(
        () -> mfa.getMfaDevice(root, info(), d.serial(), "Alice"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "MFA Device invalid for user.");
    expect(
        () -> mfa.listVirtualMfaDevices(root, info(), "assigned", null, null),
        AwsErrorCode.VALIDATION_ERROR,
        "1 validation error detected: Value 'assigned' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Assigned, Unassigned, Any]");
    users.deleteUser(root, info(), "Alice");

    mfa.deleteVirtualMfaDevice(root, info(), d.serial());
    expect(
        () -> mfa.deleteVirtualMfaDevice(root, info(), d.serial()),
        AwsErrorCode.NO_SUCH_ENTITY,
        "VirtualMFADevice with serial number " + d.serial() + " doesn't exist.");
  }

  @Test
  void reEnablingAfterDeactivationStillRefusesOldCodes() {
    Device d = enabledForAlice(); // last S
    mfa.deactivateMfaDevice(root, info(), "Alice", d.serial());
    expect(
        () -> mfa.enableMfaDevice(root, info(), "Alice", d.serial(), d.code(S - 1), d.code(S)),
        AwsErrorCode.INVALID_AUTHENTICATION_CODE,
        "Authentication code for device is not valid.");
    clock.set(at(S + 2, 0));
    mfa.enableMfaDevice(root, info(), "Alice", d.serial(), d.code(S + 1), d.code(S + 2));
  }

  @Test
  void resyncChecksTwoConsecutiveCodesAndRecordsThem() {
    Device d = enabledForAlice();
    clock.set(at(S + 40, 0));
    expect(
        () ->
            mfa.resyncMfaDevice(root, info(), "Alice", d.serial(), d.code(S + 40), d.code(S + 42)),
        AwsErrorCode.INVALID_AUTHENTICATION_CODE,
        "Authentication code for device is not valid.");
    expect(
        () -> mfa.resyncMfaDevice(root, info(), "Bob", d.serial(), d.code(S + 39), d.code(S + 40)),
        AwsErrorCode.NO_SUCH_ENTITY,
        "MFA Device invalid for user.");
    mfa.resyncMfaDevice(root, info(), "Alice", d.serial(), d.code(S + 39), d.code(S + 40));
    assertThat(stored(d.serial()).lastUsedStep()).isEqualTo(S + 40);
    assertThat(verify(d.serial(), "Alice", d.code(S + 40))).isFalse();
    assertThat(verify(d.serial(), "Alice", d.code(S + 41))).isTrue();
  }

  @Test
  void aUserMayHaveAtMostEightDevices() {
    for (int i = 0;
        i
            < dev.rolegate.core.iam.IamQuotas.DEFAULTS.get(
                dev.rolegate.core.iam.IamQuotas.Quota.MFA_DEVICES_PER_USER);
        i++) {
      Device d = create("d" + i);
      mfa.enableMfaDevice(root, info(), "Alice", d.serial(), d.code(S - 1), d.code(S));
    }
    Device ninth = create("d9");
    expect(
        () ->
            mfa.enableMfaDevice(
                root, info(), "Alice", ninth.serial(), ninth.code(S - 1), ninth.code(S)),
        AwsErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for MFADevicesPerUser: 8");
    assertThat(mfa.listMfaDevices(root, info(), "Alice", null, 3).truncated()).isTrue();
  }
}
