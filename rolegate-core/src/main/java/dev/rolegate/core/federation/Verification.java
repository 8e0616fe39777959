package dev.rolegate.core.federation;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import java.util.Objects;

/**
 * What a verifier answers: the verified value, or why it refused it as AWS answers that refusal
 * (its error code and message). The use case turns a failure into the AwsServiceException it throws
 * ({@link #orThrow}).
 */
public sealed interface Verification<T> {
  /** The input verified: here is what it says. */
  record Verified<T>(T value) implements Verification<T> {
    public Verified {
      Objects.requireNonNull(value, "value is null");
    }
  }

  /** The input refused, with AWS's error code and message. */
  record Failed<T>(AwsErrorCode code, String message) implements Verification<T> {
    public Failed {
      Objects.requireNonNull(code, "code is null");
      Objects.requireNonNull(message, "message is null");
    }

    /** The same failure, as the answer of a verification of another value. */
    public <U> Failed<U> as() {
      return new Failed<>(code, message);
    }
  }

  static <T> Verification<T> verified(T value) {
    return new Verified<>(value);
  }

  static <T> Failed<T> failed(AwsErrorCode code, String message) {
    return new Failed<>(code, message);
  }

  /** The verified value, or the failure as the AwsServiceException AWS answers with. */
  default T orThrow() {
    if (this instanceof Verified<T> v) {
      return v.value();
    }
    Failed<T> f = (Failed<T>) this;
    throw new AwsServiceException(f.code(), f.message());
  }
}
