package dev.rolegate.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's console password (IAM's login profile).
 *
 * @param passwordHash the password's salted PBKDF2 hash ({@code PasswordHashes}), never the
 *     password
 */
public record LoginProfile(
    String accountId,
    String userName,
    String passwordHash,
    boolean passwordResetRequired,
    Instant createDate) {
  public LoginProfile {
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(userName, "userName is null");
    Objects.requireNonNull(passwordHash, "passwordHash is null");
    Objects.requireNonNull(createDate, "createDate is null");
  }

  /** The same profile with another password hash. */
  public LoginProfile withPasswordHash(String hash) {
    return new LoginProfile(accountId, userName, hash, passwordResetRequired, createDate);
  }

  public LoginProfile withPasswordResetRequired(boolean required) {
    return new LoginProfile(accountId, userName, passwordHash, required, createDate);
  }

  @Override
  public String toString() {
    return "LoginProfile["
        + accountId
        + ", "
        + userName
        + ", reset required "
        + passwordResetRequired
        + "]";
  }
}
