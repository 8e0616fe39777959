package dev.rolegate.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Tag;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The tag rules of Tag* / Untag*: merging, the 50-tag limit on the result, case rules, key
 * validation.
 */
class TagServiceTest {
  private static Tag t(String key, String value) {
    return new Tag(key, value);
  }

  private static List<Tag> many(String prefix, int n) {
    List<Tag> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(t(prefix + i, "v" + i));
    }
    return out;
  }

  private static AwsServiceException error(ThrowingCallable call) {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call);
    assertThat(e).as("should fail with an AWS error").isNotNull();
    return e;
  }

  @Test
  void taggingAnExistingKeyReplacesItsValueInPlaceAndNewKeysAreAppended() {
    List<Tag> merged =
        TagService.merge(
            List.of(t("team", "a"), t("env", "dev")),
            List.of(t("env", "prod"), t("owner", "me")),
            true);
    assertThat(merged)
        .extracting(Tag::key, Tag::value)
        .containsExactly(tuple("team", "a"), tuple("env", "prod"), tuple("owner", "me"));
  }

  @Test
  void roleAndUserKeysMatchWithoutRegardToCasePolicyKeysExactly() {
    assertThat(TagService.merge(List.of(t("Team", "a")), List.of(t("TEAM", "b")), true))
        .extracting(Tag::key, Tag::value)
        .containsExactly(tuple("TEAM", "b"));
    assertThat(TagService.merge(List.of(t("Team", "a")), List.of(t("TEAM", "b")), false))
        .extracting(Tag::key, Tag::value)
        .containsExactly(tuple("Team", "a"), tuple("TEAM", "b"));

    assertThat(TagService.remove(List.of(t("Team", "a"), t("env", "x")), List.of("team"), true))
        .extracting(Tag::key)
        .containsExactly("env");
    assertThat(TagService.remove(List.of(t("Team", "a"), t("team", "x")), List.of("team"), false))
        .extracting(Tag::key)
        .containsExactly("Team");
  }

  @Test
  void duplicateKeysInOneRequestAreRefusedWithAwsWordingPerResourceKind() {
    AwsServiceException role =
        error(() -> TagService.merge(List.of(), List.of(t("a", "1"), t("A", "2")), true));
    assertThat(role.code()).isEqualTo(AwsErrorCode.INVALID_INPUT);
    assertThat(role.getMessage())
        .isEqualTo("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    AwsServiceException policy =
        error(() -> TagService.merge(List.of(), List.of(t("a", "1"), t("a", "2")), false));
    assertThat(policy.code()).isEqualTo(AwsErrorCode.INVALID_INPUT);
    assertThat(policy.getMessage()).isEqualTo("Duplicate tag keys found.");
    assertThat(TagService.merge(List.of(), List.of(t("a", "1"), t("A", "2")), false)).hasSize(2);
  }

  @Test
  void theFiftyTagLimitCountsTheResult() {
    String limit =
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50";
    // 40 + 10 new: exactly 50 is fine
    assertThat(TagService.merge(many("old", 40), many("new", 10), true)).hasSize(50);
    // 40 + 11 new: 51
    AwsServiceException over =
        error(() -> TagService.merge(many("old", 40), many("new", 11), true));
    assertThat(over.code()).isEqualTo(AwsErrorCode.VALIDATION_ERROR);
    assertThat(over.getMessage()).isEqualTo(limit);
    // replacing keys at the limit does not grow the set
    assertThat(
            TagService.merge(many("k", 50), List.of(t("k0", "changed"), t("K1", "changed")), true))
        .hasSize(50);
    // more than 50 in one request
    assertThat(error(() -> TagService.merge(List.of(), many("k", 51), false)).getMessage())
        .isEqualTo(limit);
  }

  @Test
  void untaggingAbsentKeysIsFine() {
    // the keys' shape is the service model's (ParameterValidatorTest, IamExtrasTest pin its
    // message)
    assertThat(TagService.remove(List.of(t("a", "1")), List.of("nothing", "b"), true))
        .extracting(Tag::key)
        .containsExactly("a");
    assertThat(TagService.remove(List.of(t("x".repeat(128), "")), List.of("x".repeat(128)), true))
        .isEmpty();
  }

  @Test
  void anEmptyTagValueIsKept() {
    // the keys' and values' shape is the service model's (IamExtrasTest, ModelValidationTest pin
    // its messages)
    assertThat(TagService.merge(List.of(), List.of(t("empty-value", "")), true))
        .extracting(Tag::value)
        .containsExactly("");
  }

  @Test
  void entitiesAreListedOncePerNameWithoutRegardToCase() {
    var a = new PolicyVersionService.PolicyEntity(PrincipalType.USER, "bob", "AIDA1");
    var b = new PolicyVersionService.PolicyEntity(PrincipalType.USER, "Alice", "AIDA2");
    var c = new PolicyVersionService.PolicyEntity(PrincipalType.USER, "alice", "AIDA3");
    assertThat(PolicyVersionService.sorted(List.of(a, b, a, c))).containsExactly(b, c, a);
  }
}
