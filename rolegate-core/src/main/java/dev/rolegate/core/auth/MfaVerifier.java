package dev.rolegate.core.auth;

import dev.rolegate.core.port.Repositories;
import java.time.Instant;

/**
 * Checks a TOTP code of an MFA device inside the caller's transaction (a code is accepted once).
 */
@FunctionalInterface
public interface MfaVerifier {
  /**
   * @param userName the IAM user the device must be enabled for (null: the root user)
   */
  boolean verify(
      Repositories r,
      String accountId,
      String serialNumber,
      String userName,
      String code,
      Instant now);

  /** No MFA devices: every code is refused. */
  MfaVerifier NONE = (r, accountId, serialNumber, userName, code, now) -> false;
}
