package dev.rolegate.sigv4;

import java.util.Objects;

/** What {@link SigV4#verify} decided. */
public sealed interface VerifyResult permits VerifyResult.Verified, VerifyResult.Failure {

  /** The signature is right and the request is within its time window. */
  record Verified() implements VerifyResult {}

  /** Why the request is rejected; {@code message} is AWS's wording. */
  record Failure(SigV4Error error, String message) implements VerifyResult {
    public Failure {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
    }
  }
}
