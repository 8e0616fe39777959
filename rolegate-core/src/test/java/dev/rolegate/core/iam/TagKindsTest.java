package dev.rolegate.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.InstanceProfile;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.model.User;
import dev.rolegate.core.testing.TestIam;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tag*, Untag* and List*Tags of roles, users, customer managed policies and instance profiles, one
 * table over the four kinds through TagService: what is stored, the case rules, the 50-tag limit,
 * the condition keys the actions are authorized with, and each kind's errors.
 */
class TagKindsTest {
  static final String A = TestIam.ACCOUNT;

  @FunctionalInterface
  interface TagCall {
    void tag(TagService s, Caller c, RequestInfo info, String id, List<Tag> tags);
  }

  @FunctionalInterface
  interface UntagCall {
    void untag(TagService s, Caller c, RequestInfo info, String id, List<String> keys);
  }

  @FunctionalInterface
  interface ListCall {
    Page<Tag> list(
        TagService s, Caller c, RequestInfo info, String id, String marker, Integer maxItems);
  }

  /**
   * One kind: its actions' noun ("Role"), whether keys differ only by case, the id of the existing
   * entity and of a missing one, how a denial names the entity, and the missing one's message.
   */
  record Kind(
      String label,
      String actionNoun,
      boolean caseInsensitive,
      String id,
      String missingId,
      String shownInDenial,
      String missingMessage,
      TagCall tag,
      UntagCall untag,
      ListCall list) {
    @Override
    public String toString() {
      return label;
    }
  }

  static final String POLICY = "arn:aws:iam::" + A + ":policy/Owner";
  static final String MISSING_POLICY = "arn:aws:iam::" + A + ":policy/Nope";

  static Stream<Kind> kinds() {
    return Stream.of(
        new Kind(
            "role",
            "Role",
            true,
            "Owner",
            "Nope",
            "role Owner",
            "The role with name Nope cannot be found.",
            TagService::tagRole,
            TagService::untagRole,
            TagService::listRoleTags),
        new Kind(
            "user",
            "User",
            true,
            "Owner",
            "Nope",
            "user Owner",
            "The user with name Nope cannot be found.",
            TagService::tagUser,
            TagService::untagUser,
            TagService::listUserTags),
        new Kind(
            "policy",
            "Policy",
            false,
            POLICY,
            MISSING_POLICY,
            "policy " + POLICY,
            "Policy " + MISSING_POLICY + " was not found.",
            TagService::tagPolicy,
            TagService::untagPolicy,
            TagService::listPolicyTags),
        new Kind(
            "instance profile",
            "InstanceProfile",
            true,
            "Owner",
            "Nope",
            "instance profile Owner",
            "Instance Profile Nope cannot be found.",
            TagService::tagInstanceProfile,
            TagService::untagInstanceProfile,
            TagService::listInstanceProfileTags));
  }

  TestIam t;
  TagService tags;
  Caller root;

  @BeforeEach
  void setUp() {
    t = new TestIam();
    tags = new TagService(t.iam);
    root = t.root();
    t.write(
        r -> {
          r.roles()
              .insert(
                  new Role(
                      A,
                      "AROAOWNER00000000000",
                      "Owner",
                      "/",
                      TestIam.TRUST_ACCOUNT,
                      null,
                      3600,
                      null,
                      List.of(),
                      TestIam.START,
                      null,
                      null));
          r.users()
              .insert(
                  new User(
                      A, "AIDAOWNER00000000000", "Owner", "/", null, List.of(), TestIam.START));
          r.managedPolicies()
              .insert(
                  new ManagedPolicy(
                      A,
                      "ANPAOWNER00000000000",
                      "Owner",
                      "/",
                      null,
                      "v1",
                      2,
                      List.of(),
                      TestIam.START,
                      TestIam.START));
          r.instanceProfiles()
              .insert(
                  new InstanceProfile(
                      A, "AIPAOWNER00000000000", "Owner", "/", null, List.of(), TestIam.START));
        });
  }

  static void expect(ThrowingCallable call, AwsErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.code()).as("code of: %s", e.getMessage()).isEqualTo(code);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  List<Tag> listed(Kind k) {
    return k.list().list(tags, root, t.info(), k.id(), null, null).items();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void tagsAreMergedInPlaceAndUntagged(Kind k) {
    k.tag().tag(tags, root, t.info(), k.id(), TestIam.tags("team", "blue", "env", "dev"));
    k.tag().tag(tags, root, t.info(), k.id(), TestIam.tags("env", "prod", "owner", "me"));
    assertThat(listed(k))
        .containsExactly(new Tag("team", "blue"), new Tag("env", "prod"), new Tag("owner", "me"));

    Page<Tag> first = k.list().list(tags, root, t.info(), k.id(), null, 2);
    assertThat(first.items()).hasSize(2);
    assertThat(first.truncated()).isTrue();
    assertThat(k.list().list(tags, root, t.info(), k.id(), first.marker(), 2).items())
        .containsExactly(new Tag("owner", "me"));

    k.untag()
        .untag(
            tags,
            root,
            t.info(),
            k.id(),
            List.of("env", "absent")); // a key the entity does not have is no error
    assertThat(listed(k)).containsExactly(new Tag("team", "blue"), new Tag("owner", "me"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void keysDifferingOnlyInCaseAreOneKeyExceptOnAPolicy(Kind k) {
    k.tag().tag(tags, root, t.info(), k.id(), TestIam.tags("Team", "a"));
    k.tag().tag(tags, root, t.info(), k.id(), TestIam.tags("TEAM", "b"));
    if (k.caseInsensitive()) {
      assertThat(listed(k)).containsExactly(new Tag("TEAM", "b"));
      k.untag().untag(tags, root, t.info(), k.id(), List.of("team"));
      assertThat(listed(k)).isEmpty();
    } else {
      assertThat(listed(k)).containsExactly(new Tag("Team", "a"), new Tag("TEAM", "b"));
      k.untag().untag(tags, root, t.info(), k.id(), List.of("team"));
      assertThat(listed(k)).hasSize(2);
      k.untag().untag(tags, root, t.info(), k.id(), List.of("Team"));
      assertThat(listed(k)).containsExactly(new Tag("TEAM", "b"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void theFiftyTagLimitCountsTheResult(Kind k) {
    List<Tag> forty = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      forty.add(new Tag("k" + i, "v"));
    }
    k.tag().tag(tags, root, t.info(), k.id(), forty);
    List<Tag> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(new Tag("n" + i, "v"));
    }
    expect(
        () -> k.tag().tag(tags, root, t.info(), k.id(), eleven),
        AwsErrorCode.VALIDATION_ERROR,
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    assertThat(listed(k)).hasSize(40);
    k.tag().tag(tags, root, t.info(), k.id(), eleven.subList(0, 10));
    assertThat(listed(k)).hasSize(50);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aMissingEntityIsNoSuchEntityForEveryCall(Kind k) {
    expect(
        () -> k.tag().tag(tags, root, t.info(), k.missingId(), TestIam.tags("a", "b")),
        AwsErrorCode.NO_SUCH_ENTITY,
        k.missingMessage());
    expect(
        () -> k.untag().untag(tags, root, t.info(), k.missingId(), List.of("a")),
        AwsErrorCode.NO_SUCH_ENTITY,
        k.missingMessage());
    expect(
        () -> k.list().list(tags, root, t.info(), k.missingId(), null, null),
        AwsErrorCode.NO_SUCH_ENTITY,
        k.missingMessage());
  }

  /**
   * Tag actions are authorized with aws:RequestTag/KEY and aws:TagKeys, untag actions with
   * aws:TagKeys.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void tagActionsAreAuthorizedWithTheRequestsTagKeys(Kind k) {
    String tagAction = "iam:Tag" + k.actionNoun();
    String untagAction = "iam:Untag" + k.actionNoun();
    Caller alice =
        t.user(
            "alice",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
                + tagAction
                + "\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:RequestTag/team\":\"blue\"},\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\""
                + untagAction
                + "\",\"Resource\":\"*\","
                + "\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]}}}]}");
    k.tag().tag(tags, alice, t.info(), k.id(), TestIam.tags("team", "blue"));
    expect(
        () -> k.tag().tag(tags, alice, t.info(), k.id(), TestIam.tags("team", "red")),
        AwsErrorCode.ACCESS_DENIED,
        denied(alice, tagAction, k.shownInDenial()));
    expect(
        () ->
            k.tag().tag(tags, alice, t.info(), k.id(), TestIam.tags("team", "blue", "env", "dev")),
        AwsErrorCode.ACCESS_DENIED,
        denied(alice, tagAction, k.shownInDenial()));
    expect(
        () -> k.untag().untag(tags, alice, t.info(), k.id(), List.of("env")),
        AwsErrorCode.ACCESS_DENIED,
        denied(alice, untagAction, k.shownInDenial()));
    String listAction = "iam:List" + k.actionNoun() + "Tags";
    expect(
        () -> k.list().list(tags, alice, t.info(), k.id(), null, null),
        AwsErrorCode.ACCESS_DENIED,
        denied(alice, listAction, k.shownInDenial()));
    k.untag().untag(tags, alice, t.info(), k.id(), List.of("team"));
    assertThat(listed(k)).isEmpty();
  }

  @Test
  void anAwsManagedPolicyHasNoTagsAndCannotBeTaggedEvenByTheRoot() {
    String readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    assertThat(tags.listPolicyTags(root, t.info(), readOnly, null, null).items()).isEmpty();
    String because = " because no resource-based policy allows the ";
    expect(
        () -> tags.tagPolicy(root, t.info(), readOnly, TestIam.tags("a", "b")),
        AwsErrorCode.ACCESS_DENIED,
        "User: "
            + root.arn()
            + " is not authorized to perform: iam:TagPolicy on resource: "
            + readOnly
            + because
            + "iam:TagPolicy action");
    expect(
        () -> tags.untagPolicy(root, t.info(), readOnly, List.of("a")),
        AwsErrorCode.ACCESS_DENIED,
        "User: "
            + root.arn()
            + " is not authorized to perform: iam:UntagPolicy on resource: "
            + readOnly
            + because
            + "iam:UntagPolicy action");
    String missing = "arn:aws:iam::aws:policy/NoSuchAwsPolicy";
    expect(
        () -> tags.listPolicyTags(root, t.info(), missing, null, null),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Policy " + missing + " was not found.");
  }

  @Test
  void aPolicyOfAnotherAccountIsNotFound() {
    String other = "arn:aws:iam::" + TestIam.OTHER_ACCOUNT + ":policy/Owner";
    expect(
        () -> tags.listPolicyTags(root, t.info(), other, null, null),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Policy " + other + " was not found.");
  }

  static String denied(Caller c, String action, String shownResource) {
    return "User: "
        + c.arn()
        + " is not authorized to perform: "
        + action
        + " on resource: "
        + shownResource
        + " because no identity-based policy allows the "
        + action
        + " action";
  }
}
