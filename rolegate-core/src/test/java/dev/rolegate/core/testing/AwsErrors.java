package dev.rolegate.core.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the AWS errors use cases throw. */
public final class AwsErrors {
  private AwsErrors() {}

  /** The call throws an {@link AwsServiceException} with exactly this code and message. */
  public static void expect(ThrowingCallable call, AwsErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.code())
                  .as(e.getMessage())
                  .isEqualTo(code);
              org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  /** The call throws an {@link AwsServiceException} with this code (message not pinned). */
  public static void expect(ThrowingCallable call, AwsErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.code())
                    .as(e.getMessage())
                    .isEqualTo(code));
  }
}
