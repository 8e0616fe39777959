package dev.rolegate.core.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A virtual MFA device: a TOTP seed, and the IAM user it is enabled for (if any).
 *
 * @param serialNumber the device's ARN, {@code arn:aws:iam::ACCOUNT:mfa/PATH+NAME}; unique without
 *     regard to case
 * @param encryptedSeed the TOTP key (the raw bytes behind Base32StringSeed), sealed with the
 *     store's master key (never the plain seed)
 * @param userName the user the device is enabled for; null while unassigned
 * @param enableDate when it was enabled; null while unassigned
 * @param lastUsedStep the last TOTP time step accepted (30-second steps since the epoch): a code of
 *     this step or an earlier one is refused, so a code cannot be used twice
 */
public record MfaDevice(
    String accountId,
    String serialNumber,
    String path,
    String name,
    byte[] encryptedSeed,
    String userName,
    Instant enableDate,
    long lastUsedStep,
    List<Tag> tags,
    Instant createDate) {
  public MfaDevice {
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(serialNumber, "serialNumber is null");
    Objects.requireNonNull(path, "path is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(encryptedSeed, "encryptedSeed is null");
    encryptedSeed = encryptedSeed.clone();
    if ((userName == null) != (enableDate == null)) {
      throw new IllegalArgumentException(
          "userName and enableDate are set together (enabled) or both null (unassigned)");
    }
    tags = List.copyOf(tags);
    Objects.requireNonNull(createDate, "createDate is null");
  }

  /** The serial number (ARN) of a virtual device. */
  public static String serialNumber(String accountId, String path, String name) {
    return Arns.mfa(accountId, path, name);
  }

  @Override
  public byte[] encryptedSeed() {
    return encryptedSeed.clone();
  }

  public boolean enabled() {
    return userName != null;
  }

  /** Enabled for the user (name as stored), with the last step accepted. */
  public MfaDevice enable(String user, Instant date, long step) {
    return new MfaDevice(
        accountId, serialNumber, path, name, encryptedSeed, user, date, step, tags, createDate);
  }

  /** Unassigned; the last step accepted stays (a code used before cannot come back). */
  public MfaDevice deactivate() {
    return new MfaDevice(
        accountId,
        serialNumber,
        path,
        name,
        encryptedSeed,
        null,
        null,
        lastUsedStep,
        tags,
        createDate);
  }

  public MfaDevice withTags(List<Tag> newTags) {
    return new MfaDevice(
        accountId,
        serialNumber,
        path,
        name,
        encryptedSeed,
        userName,
        enableDate,
        lastUsedStep,
        newTags,
        createDate);
  }

  public MfaDevice withLastUsedStep(long step) {
    return new MfaDevice(
        accountId,
        serialNumber,
        path,
        name,
        encryptedSeed,
        userName,
        enableDate,
        step,
        tags,
        createDate);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MfaDevice d
        && d.accountId.equals(accountId)
        && d.serialNumber.equals(serialNumber)
        && d.path.equals(path)
        && d.name.equals(name)
        && Arrays.equals(d.encryptedSeed, encryptedSeed)
        && Objects.equals(d.userName, userName)
        && Objects.equals(d.enableDate, enableDate)
        && d.lastUsedStep == lastUsedStep
        && d.tags.equals(tags)
        && d.createDate.equals(createDate);
  }

  @Override
  public int hashCode() {
    return serialNumber.hashCode();
  }

  @Override
  public String toString() {
    return "MfaDevice["
        + serialNumber
        + ", user "
        + userName
        + ", enabled "
        + enableDate
        + ", last step "
        + lastUsedStep
        + "]";
  }
}
