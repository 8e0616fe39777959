package dev.rolegate.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A long-term access key ({@code AKIA...}).
 *
 * @param userName the owning user, or null for the account's root user
 * @param encryptedSecret the secret access key, sealed with the store's master key (never the plain
 *     secret)
 * @param active Active or Inactive
 */
public record AccessKey(
    String accessKeyId,
    String accountId,
    String userName,
    byte[] encryptedSecret,
    boolean active,
    Instant createDate) {
  public AccessKey {
    Objects.requireNonNull(accessKeyId, "accessKeyId is null");
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(encryptedSecret, "encryptedSecret is null");
    Objects.requireNonNull(createDate, "createDate is null");
    encryptedSecret = encryptedSecret.clone();
  }

  @Override
  public byte[] encryptedSecret() {
    return encryptedSecret.clone();
  }

  public boolean isRoot() {
    return userName == null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessKey k && k.accessKeyId.equals(accessKeyId);
  }

  @Override
  public int hashCode() {
    return accessKeyId.hashCode();
  }

  @Override
  public String toString() {
    return "AccessKey["
        + accessKeyId
        + ", account "
        + accountId
        + ", user "
        + userName
        + ", "
        + (active ? "Active" : "Inactive")
        + "]";
  }
}
