package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.crypto.QrCodePng;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.core.crypto.Totp;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.MfaDevice;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.MfaDeviceRepository.AssignmentStatus;
import dev.rolegate.core.port.Repositories;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Virtual MFA devices (create, enable for a user with two consecutive codes, resync, deactivate,
 * delete, list) and the TOTP check STS runs for {@code SerialNumber} + {@code TokenCode}.
 *
 * <p>Seeds are 40 random bytes (64 base32 characters, as AWS's), sealed at rest with the master
 * key. Every accepted code records its time step on the device, and only later steps are accepted
 * after it: a code works once, for enabling, resyncing and STS alike.
 */
public final class MfaService {
  /** The associated data that binds a sealed seed to its purpose. */
  public static final byte[] SEED_AAD = "rolegate mfa seed v1".getBytes(StandardCharsets.US_ASCII);

  public static final int SEED_BYTES = 40;

  /**
   * Enable and resync accept two consecutive codes (steps s and s+1) with s from the current step
   * minus this to the current step: the second code may be one step ahead, the first up to a minute
   * old (reading one code, waiting for the next and typing both takes time).
   */
  public static final int PAIR_STEPS_BEHIND = 2;

  private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");

  /** A new device: the only time its seed is shown. */
  public record NewVirtualDevice(MfaDevice device, String base32StringSeed, byte[] qrCodePng) {
    @Override
    public String toString() {
      return "NewVirtualDevice[" + device.serialNumber() + "]";
    }
  }

  /** A device with its user resolved (null while unassigned, or if the user is gone). */
  public record DeviceView(MfaDevice device, User user) {}

  private final IamContext iam;
  private final SecretBox master;
  private final SecureRandom random;

  public MfaService(IamContext iam, SecretBox master) {
    this(iam, master, new SecureRandom());
  }

  public MfaService(IamContext iam, SecretBox master, SecureRandom random) {
    this.iam = iam;
    this.master = master;
    this.random = random;
  }

  // ---------------------------------------------------------------- errors, as AWS words them

  static AwsServiceException noSuchDevice(String serialNumber) {
    return AwsServiceException.noSuchEntity(
        "VirtualMFADevice with serial number " + serialNumber + " doesn't exist.");
  }

  static AwsServiceException notForUser() {
    return AwsServiceException.noSuchEntity("MFA Device invalid for user.");
  }

  static AwsServiceException invalidCode() {
    return new AwsServiceException(
        AwsErrorCode.INVALID_AUTHENTICATION_CODE, "Authentication code for device is not valid.");
  }

  /**
   * The resource a call on a device is authorized against: its ARN (a bare serial number is put
   * under mfa/).
   */
  private static String deviceResource(Caller c, String serialNumber) {
    return serialNumber.startsWith("arn:")
        ? serialNumber
        : Arns.mfa(c.accountId(), "/", serialNumber);
  }

  // ---------------------------------------------------------------- lookups

  private User authorizedUser(
      Repositories r, Caller c, RequestInfo info, String action, String name) {
    User user = r.users().findByName(c.accountId(), name).orElse(null);
    iam.authorizer()
        .require(
            r, c, info, action, user != null ? user.arn() : Arns.user(c.accountId(), "/", name));
    if (user == null) {
      throw UserService.noSuchUser(name);
    }
    return user;
  }

  /**
   * The user a call without a required UserName is about: the named user, or the calling user. The
   * root user has no devices of its own here (it cannot enable one): null.
   */
  private User owner(Repositories r, Caller c, RequestInfo info, String action, String userName) {
    if (userName != null) {
      return authorizedUser(r, c, info, action, userName);
    }
    if (c.kind() == Caller.Kind.ROOT) {
      return null;
    }
    if (c.kind() == Caller.Kind.USER) {
      iam.authorizer().require(r, c, info, action, c.identityArn());
      return r.users()
          .findByName(c.accountId(), c.name())
          .orElseThrow(() -> UserService.noSuchUser(c.name()));
    }
    throw Validation.error("userName", null, "not be null");
  }

  /**
   * The caller's account's device with that serial number (one of another account does not exist
   * here).
   */
  private static MfaDevice device(Repositories r, Caller c, String serialNumber) {
    MfaDevice d = r.mfaDevices().find(serialNumber).orElse(null);
    if (d == null || !d.accountId().equals(c.accountId())) {
      throw noSuchDevice(serialNumber);
    }
    return d;
  }

  private static boolean enabledFor(MfaDevice d, User user) {
    return user != null && d.enabled() && d.userName().equalsIgnoreCase(user.name());
  }

  private byte[] seed(MfaDevice d) {
    byte[] seed = master.open(d.encryptedSeed(), SEED_AAD);
    if (seed == null) {
      throw new IllegalStateException(
          "the seed of " + d.serialNumber() + " cannot be opened with this master key");
    }
    return seed;
  }

  // ---------------------------------------------------------------- TOTP

  /**
   * The first step s of two consecutive codes (code1 of step s, code2 of step s+1), s in [now -
   * {@link #PAIR_STEPS_BEHIND}, now] and after the device's last accepted step; -1 when there is
   * none.
   */
  @SuppressWarnings(
      "ShortCircuitBoolean") // every step's code is compared whatever the others gave (constant
  // time)
  private long consecutivePair(MfaDevice d, String code1, String code2, Instant now) {
    byte[] seed = seed(d);
    try {
      long current = Totp.step(now);
      long found = -1;
      for (long s = current - PAIR_STEPS_BEHIND; s <= current; s++) {
        boolean first = Totp.same(Totp.code(seed, s), code1);
        boolean second = Totp.same(Totp.code(seed, s + 1), code2);
        if (first & second & s > d.lastUsedStep()) {
          found = s;
        }
      }
      return found;
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * Checks an MFA code for STS (AssumeRole and GetSessionToken with SerialNumber and TokenCode):
   * true when the device exists in the account, is enabled for the user, and the code is its RFC
   * 6238 code (HMAC-SHA1, 30-second steps, 6 digits) of the current step or one step before or
   * after, later than the last step the device accepted. Then it records that step on the device,
   * so the same code (or an earlier one) is refused from then on: run it inside {@code
   * store().write}. Never throws for bad input: any malformed value, unknown device or wrong user
   * is false.
   *
   * @param accountId the caller's account (a device of another account never matches)
   * @param userName the IAM user whose device it must be (matched without regard to case); null (a
   *     root or role caller) never matches, as devices are enabled only for IAM users here
   * @param now the request time (the server's clock)
   */
  @SuppressWarnings(
      "ShortCircuitBoolean") // every step's code is compared whatever the others gave (constant
  // time)
  public boolean verifyTotp(
      Repositories r,
      String accountId,
      String serialNumber,
      String userName,
      String code,
      Instant now) {
    if (accountId == null
        || serialNumber == null
        || userName == null
        || code == null
        || !SIX_DIGITS.matcher(code).matches()) {
      return false;
    }
    MfaDevice d = r.mfaDevices().find(serialNumber).orElse(null);
    if (d == null
        || !d.accountId().equals(accountId)
        || !d.enabled()
        || !d.userName().equalsIgnoreCase(userName)) {
      return false;
    }
    byte[] seed = master.open(d.encryptedSeed(), SEED_AAD);
    if (seed == null) {
      return false;
    }
    long current = Totp.step(now);
    long accepted = Long.MIN_VALUE;
    try {
      for (long s = current - 1; s <= current + 1; s++) {
        if (Totp.same(Totp.code(seed, s), code) & s > d.lastUsedStep()) {
          accepted = s;
        }
      }
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
    if (accepted == Long.MIN_VALUE) {
      return false;
    }
    r.mfaDevices().update(d.withLastUsedStep(accepted));
    return true;
  }

  /**
   * What the QR code encodes: {@code otpauth://totp/NAME@ACCOUNT?secret=SEED}, as AWS documents
   * QRCodePNG.
   */
  public static String otpauthUri(String deviceName, String accountName, String base32Seed) {
    return "otpauth://totp/"
        + uriEncode(deviceName)
        + "@"
        + uriEncode(accountName)
        + "?secret="
        + base32Seed;
  }

  private static String uriEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---------------------------------------------------------------- the IAM actions

  public NewVirtualDevice createVirtualMfaDevice(
      Caller c, RequestInfo info, String name, String path, List<Tag> tags) {
    String p = path == null ? "/" : path;
    List<Tag> t = Tags.validate(tags, true);
    byte[] seed = new byte[SEED_BYTES];
    random.nextBytes(seed);
    String base32 = Totp.base32(seed);
    byte[] png = QrCodePng.encode(otpauthUri(name, c.accountId(), base32));
    Instant now = iam.clock().instant();
    MfaDevice device =
        new MfaDevice(
            c.accountId(),
            MfaDevice.serialNumber(c.accountId(), p, name),
            p,
            name,
            master.seal(seed, SEED_AAD),
            null,
            null,
            0,
            t,
            now);
    Arrays.fill(seed, (byte) 0);
    iam.store()
        .write(
            r -> {
              iam.authorizer()
                  .require(r, c, info, "iam:CreateVirtualMFADevice", device.serialNumber());
              try {
                r.mfaDevices().insert(device);
              } catch (DuplicateKeyException e) {
                throw new AwsServiceException(
                    AwsErrorCode.ENTITY_ALREADY_EXISTS,
                    "MFADevice entity at the same path and name already exists.");
              }
              return null;
            });
    return new NewVirtualDevice(device, base32, png);
  }

  public void enableMfaDevice(
      Caller c,
      RequestInfo info,
      String userName,
      String serialNumber,
      String code1,
      String code2) {
    Instant now = iam.clock().instant();
    iam.store()
        .write(
            r -> {
              User user = authorizedUser(r, c, info, "iam:EnableMFADevice", userName);
              MfaDevice d = device(r, c, serialNumber);
              if (d.enabled()) {
                throw new AwsServiceException(
                    AwsErrorCode.ENTITY_ALREADY_EXISTS, "MFA Device is already in use.");
              }
              IamQuotas.of(r, c.accountId())
                  .requireRoom(
                      IamQuotas.Quota.MFA_DEVICES_PER_USER,
                      r.mfaDevices().listForUser(c.accountId(), user.name()).size());
              long s = consecutivePair(d, code1, code2, now);
              if (s < 0) {
                throw invalidCode();
              }
              r.mfaDevices().update(d.enable(user.name(), now, s + 1));
              return null;
            });
  }

  public void resyncMfaDevice(
      Caller c,
      RequestInfo info,
      String userName,
      String serialNumber,
      String code1,
      String code2) {
    Instant now = iam.clock().instant();
    iam.store()
        .write(
            r -> {
              User user = authorizedUser(r, c, info, "iam:ResyncMFADevice", userName);
              MfaDevice d = device(r, c, serialNumber);
              if (!enabledFor(d, user)) {
                throw notForUser();
              }
              long s = consecutivePair(d, code1, code2, now);
              if (s < 0) {
                throw invalidCode();
              }
              r.mfaDevices().update(d.withLastUsedStep(s + 1));
              return null;
            });
  }

  /**
   * @param userName null: the calling user's device
   */
  public void deactivateMfaDevice(
      Caller c, RequestInfo info, String userName, String serialNumber) {
    iam.store()
        .write(
            r -> {
              User owner = owner(r, c, info, "iam:DeactivateMFADevice", userName);
              MfaDevice d = device(r, c, serialNumber);
              if (!enabledFor(d, owner)) {
                throw notForUser();
              }
              r.mfaDevices().update(d.deactivate());
              return null;
            });
  }

  public void deleteVirtualMfaDevice(Caller c, RequestInfo info, String serialNumber) {
    iam.store()
        .write(
            r -> {
              iam.authorizer()
                  .require(
                      r, c, info, "iam:DeleteVirtualMFADevice", deviceResource(c, serialNumber));
              MfaDevice d = device(r, c, serialNumber);
              if (d.enabled()) {
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT,
                    "MFA VirtualDevice in use. Must deactivate first.");
              }
              r.mfaDevices().delete(d.serialNumber());
              return null;
            });
  }

  /** The devices enabled for the user (null: the calling user; the root user has none here). */
  public Page<MfaDevice> listMfaDevices(
      Caller c, RequestInfo info, String userName, String marker, Integer maxItems) {
    List<MfaDevice> all =
        iam.store()
            .read(
                r -> {
                  User owner = owner(r, c, info, "iam:ListMFADevices", userName);
                  return owner == null
                      ? List.<MfaDevice>of()
                      : r.mfaDevices().listForUser(c.accountId(), owner.name());
                });
    return Page.of(all, marker, maxItems);
  }

  /**
   * @param assignmentStatus Assigned, Unassigned or Any (null: Any)
   */
  public Page<DeviceView> listVirtualMfaDevices(
      Caller c, RequestInfo info, String assignmentStatus, String marker, Integer maxItems) {
    AssignmentStatus status;
    if (assignmentStatus == null || assignmentStatus.equals("Any")) {
      status = AssignmentStatus.ANY;
    } else if (assignmentStatus.equals("Assigned")) {
      status = AssignmentStatus.ASSIGNED;
    } else if (assignmentStatus.equals("Unassigned")) {
      status = AssignmentStatus.UNASSIGNED;
    } else {
      throw Validation.error(
          "assignmentStatus",
          assignmentStatus,
          "satisfy enum value set: [Assigned, Unassigned, Any]");
    }
    List<DeviceView> all =
        iam.store()
            .read(
                r -> {
                  iam.authorizer()
                      .require(
                          r,
                          c,
                          info,
                          "iam:ListVirtualMFADevices",
                          Arns.mfa(c.accountId(), "/", ""));
                  return r.mfaDevices().listVirtual(c.accountId(), status).stream()
                      .map(
                          d ->
                              new DeviceView(
                                  d,
                                  d.enabled()
                                      ? r.users()
                                          .findByName(c.accountId(), d.userName())
                                          .orElse(null)
                                      : null))
                      .toList();
                });
    return Page.of(all, marker, maxItems);
  }

  /** The device, when it is enabled for the user (null: the calling user). */
  public MfaDevice getMfaDevice(Caller c, RequestInfo info, String serialNumber, String userName) {
    return iam.store()
        .read(
            r -> {
              User owner = owner(r, c, info, "iam:GetMFADevice", userName);
              MfaDevice d = device(r, c, serialNumber);
              if (!enabledFor(d, owner)) {
                throw notForUser();
              }
              return d;
            });
  }

  // ---------------------------------------------------------------- tags (TagMFADevice,
  // UntagMFADevice, ListMFADeviceTags)

  private MfaDevice taggable(
      Repositories r,
      Caller c,
      RequestInfo info,
      String action,
      String serialNumber,
      java.util.function.Consumer<dev.rolegate.policy.RequestContext.Builder> keys) {
    KeyedAuthorization.require(iam, r, c, info, action, deviceResource(c, serialNumber), keys);
    return device(r, c, serialNumber);
  }

  /**
   * Merges the tags into the device's (a key it has gets the new value, keys without regard to
   * case), at most 50 in all.
   */
  public void tagMfaDevice(Caller c, RequestInfo info, String serialNumber, List<Tag> tags) {
    Tags.validate(tags, true);
    iam.store()
        .write(
            r -> {
              MfaDevice d =
                  taggable(r, c, info, "iam:TagMFADevice", serialNumber, TagService.tagKeys(tags));
              r.mfaDevices().update(d.withTags(TagService.merge(d.tags(), tags, true)));
              return null;
            });
  }

  /** Removes the keys (a key the device does not have is not an error). */
  public void untagMfaDevice(Caller c, RequestInfo info, String serialNumber, List<String> keys) {
    iam.store()
        .write(
            r -> {
              MfaDevice d =
                  taggable(
                      r, c, info, "iam:UntagMFADevice", serialNumber, TagService.untagKeys(keys));
              r.mfaDevices().update(d.withTags(TagService.remove(d.tags(), keys, true)));
              return null;
            });
  }

  public Page<Tag> listMfaDeviceTags(
      Caller c, RequestInfo info, String serialNumber, String marker, Integer maxItems) {
    List<Tag> tags =
        iam.store()
            .read(r -> taggable(r, c, info, "iam:ListMFADeviceTags", serialNumber, b -> {}).tags());
    return Page.of(tags, marker, maxItems);
  }
}
