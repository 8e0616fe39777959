package dev.rolegate.core.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import org.junit.jupiter.api.Test;

/** A verifier's answer and how a use case turns it into its result or AWS's error. */
class VerificationTest {
  @Test
  void aVerifiedValueIsReturned() {
    assertThat(Verification.verified("claims").orThrow()).isEqualTo("claims");
  }

  @Test
  void aFailureIsThrownAsAwssErrorWithItsCodeAndMessage() {
    Verification<String> refused =
        Verification.failed(AwsErrorCode.INVALID_IDENTITY_TOKEN, "Incorrect token audience");
    assertThatThrownBy(refused::orThrow)
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(AwsErrorCode.INVALID_IDENTITY_TOKEN);
              assertThat(e.getMessage()).isEqualTo("Incorrect token audience");
            });
  }

  @Test
  void aFailureKeepsItsCodeAndMessageAsTheAnswerOfAnotherVerification() {
    Verification.Failed<String> f =
        Verification.failed(AwsErrorCode.IDP_COMMUNICATION_ERROR, "unreachable");
    Verification.Failed<Integer> same = f.as();
    assertThat(same.code()).isEqualTo(AwsErrorCode.IDP_COMMUNICATION_ERROR);
    assertThat(same.message()).isEqualTo("unreachable");
  }
}
