package dev.rolegate.federation;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.federation.Verification;

/**
 * Inside a verifier: the input is refused with AWS's error code and message. Thrown from deep in a
 * parse and caught where the verifier answers, which turns it into a {@link Verification.Failed};
 * it never leaves this module. No stack trace: it is an answer, not a bug.
 */
public final class Refused extends Exception {
  private static final long serialVersionUID = 1L;

  private final AwsErrorCode code;

  public Refused(AwsErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public AwsErrorCode code() {
    return code;
  }

  /** The refusal as the verifier's answer. */
  public <T> Verification.Failed<T> failure() {
    return Verification.failed(code, getMessage());
  }
}
