package dev.rolegate.core;

import java.util.Objects;

/**
 * The one exception use cases throw: an AWS error code and its message, written to the wire by the
 * one error writer. Carries no stack trace (it is an answer, not a bug).
 */
public final class AwsServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final AwsErrorCode code;

  public AwsServiceException(AwsErrorCode code, String message) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code is null");
  }

  public AwsErrorCode code() {
    return code;
  }

  public static AwsServiceException noSuchEntity(String message) {
    return new AwsServiceException(AwsErrorCode.NO_SUCH_ENTITY, message);
  }

  public static AwsServiceException validation(String message) {
    return new AwsServiceException(AwsErrorCode.VALIDATION_ERROR, message);
  }

  public static AwsServiceException invalidInput(String message) {
    return new AwsServiceException(AwsErrorCode.INVALID_INPUT, message);
  }
}
