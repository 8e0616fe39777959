package dev.rolegate.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.policies.PolicyDocuments;
import dev.rolegate.policy.PolicyKind;
import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {
  static String message(String doc, PolicyKind kind, boolean managed) {
    try {
      PolicyDocuments.require(doc, kind, managed);
      return null;
    } catch (AwsServiceException e) {
      assertThat(e.code()).isEqualTo(AwsErrorCode.MALFORMED_POLICY_DOCUMENT);
      return e.getMessage();
    }
  }

  @Test
  void theFirstStageInAwsOrderIsReported() {
    // recorded against AWS: with no Resource, "must contain resources" wins over the action prefix
    assertThat(
            message(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"invalid\"}}",
                PolicyKind.IDENTITY,
                true))
        .isEqualTo("Policy statement must contain resources.");
    // version comes before legacy parsing
    assertThat(
            message(
                "{\"Statement\":{\"Effect\":\"denY\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b\"}}",
                PolicyKind.IDENTITY,
                true))
        .isEqualTo("Policy document must be version 2012-10-17 or greater.");
    assertThat(message("not json", PolicyKind.TRUST, false))
        .isEqualTo("This policy contains invalid Json");
    assertThat(message("not json", PolicyKind.IDENTITY, false))
        .isEqualTo("Syntax errors in policy.");
    assertThat(
            message(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"s3:*\"}}",
                PolicyKind.TRUST,
                false))
        .isEqualTo("AssumeRole policy may only specify STS AssumeRole actions.");
    assertThat(
            message(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}",
                PolicyKind.TRUST,
                false))
        .isNull();
  }

  @Test
  void pagesCutAndResumeWithOpaqueMarkers() {
    java.util.List<Integer> all = java.util.stream.IntStream.range(0, 5).boxed().toList();
    Page<Integer> first = Page.of(all, null, 2);
    assertThat(first.items()).containsExactly(0, 1);
    assertThat(first.truncated()).isTrue();
    Page<Integer> second = Page.of(all, first.marker(), 2);
    assertThat(second.items()).containsExactly(2, 3);
    Page<Integer> last = Page.of(all, second.marker(), 2);
    assertThat(last.items()).containsExactly(4);
    assertThat(last.truncated()).isFalse();
    assertThat(last.marker()).isNull();
    assertThat(Page.of(all, null, null).items()).hasSize(5);
    assertThatThrownBy(() -> Page.of(all, "garbage!", 2)).isInstanceOf(AwsServiceException.class);
    assertThatThrownBy(() -> Page.of(all, null, 0))
        .hasMessageContaining("Member must have value greater than or equal to 1");
  }
}
