package dev.rolegate.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PolicyVersion;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.core.testing.TestIam;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inline and managed policy operations of roles, users and groups, one table over the three
 * kinds, through the services' public methods: what they store and answer, and each error with
 * AWS's code and text (NoSuchEntity for the owner and the policy, AccessDenied on the would-be ARN,
 * name validation, DeleteConflict, the quotas).
 */
class PrincipalPoliciesTest {
  static final String A = TestIam.ACCOUNT;
  static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  static final String TEAM_POLICY = "arn:aws:iam::" + A + ":policy/team/Team";
  static final String DOC = TestIam.allow("s3:GetObject", "*");
  static final String DOC2 = TestIam.allow("s3:PutObject", "*");

  /** The services a row calls. */
  record Services(RoleService roles, UserService users, GroupService groups) {}

  @FunctionalInterface
  interface Create {
    void create(Services s, Caller c, RequestInfo info, String name);
  }

  @FunctionalInterface
  interface Put {
    void put(
        Services s, Caller c, RequestInfo info, String owner, String policyName, String document);
  }

  @FunctionalInterface
  interface Get {
    InlinePolicy get(Services s, Caller c, RequestInfo info, String owner, String policyName);
  }

  /** Delete*Policy, Attach*Policy, Detach*Policy: an owner and one more name or ARN. */
  @FunctionalInterface
  interface OnOwner {
    void run(Services s, Caller c, RequestInfo info, String owner, String nameOrArn);
  }

  @FunctionalInterface
  interface ListNames {
    Page<String> list(
        Services s, Caller c, RequestInfo info, String owner, String marker, Integer maxItems);
  }

  @FunctionalInterface
  interface ListAttached {
    Page<AttachmentRules.AttachedPolicy> list(
        Services s,
        Caller c,
        RequestInfo info,
        String owner,
        String prefix,
        String marker,
        Integer maxItems);
  }

  @FunctionalInterface
  interface Delete {
    void delete(Services s, Caller c, RequestInfo info, String name);
  }

  /**
   * One kind: its owner type, the words of its messages and actions ("role", "Role"), its size
   * quota, and its operations.
   */
  record Kind(
      PrincipalType type,
      String noun,
      String actionNoun,
      String sizeQuota,
      String attachedQuota,
      Create create,
      Put put,
      Get get,
      OnOwner deletePolicy,
      ListNames list,
      OnOwner attach,
      OnOwner detach,
      ListAttached listAttached,
      Delete delete) {
    @Override
    public String toString() {
      return noun;
    }

    String action(String verb) {
      return switch (verb) {
        case "Put", "Get", "Delete", "Attach", "Detach" -> "iam:" + verb + actionNoun + "Policy";
        case "List" -> "iam:List" + actionNoun + "Policies";
        case "ListAttached" -> "iam:ListAttached" + actionNoun + "Policies";
        default -> throw new IllegalArgumentException(verb);
      };
    }
  }

  static Stream<Kind> kinds() {
    return Stream.of(
        new Kind(
            PrincipalType.ROLE,
            "role",
            "Role",
            "RolePolicySize",
            "PoliciesPerRole",
            (s, c, i, n) ->
                s.roles()
                    .createRole(c, i, n, null, TestIam.TRUST_ACCOUNT, null, null, null, List.of()),
            (s, c, i, o, p, d) -> s.roles().putRolePolicy(c, i, o, p, d),
            (s, c, i, o, p) -> s.roles().getRolePolicy(c, i, o, p),
            (s, c, i, o, p) -> s.roles().deleteRolePolicy(c, i, o, p),
            (s, c, i, o, m, x) -> s.roles().listRolePolicies(c, i, o, m, x),
            (s, c, i, o, a) -> s.roles().attachRolePolicy(c, i, o, a),
            (s, c, i, o, a) -> s.roles().detachRolePolicy(c, i, o, a),
            (s, c, i, o, p, m, x) -> s.roles().listAttachedRolePolicies(c, i, o, p, m, x),
            (s, c, i, n) -> s.roles().deleteRole(c, i, n)),
        new Kind(
            PrincipalType.USER,
            "user",
            "User",
            "UserPolicySize",
            "PoliciesPerUser",
            (s, c, i, n) -> s.users().createUser(c, i, n, null, null, List.of()),
            (s, c, i, o, p, d) -> s.users().putUserPolicy(c, i, o, p, d),
            (s, c, i, o, p) -> s.users().getUserPolicy(c, i, o, p),
            (s, c, i, o, p) -> s.users().deleteUserPolicy(c, i, o, p),
            (s, c, i, o, m, x) -> s.users().listUserPolicies(c, i, o, m, x),
            (s, c, i, o, a) -> s.users().attachUserPolicy(c, i, o, a),
            (s, c, i, o, a) -> s.users().detachUserPolicy(c, i, o, a),
            (s, c, i, o, p, m, x) -> s.users().listAttachedUserPolicies(c, i, o, p, m, x),
            (s, c, i, n) -> s.users().deleteUser(c, i, n)),
        new Kind(
            PrincipalType.GROUP,
            "group",
            "Group",
            "GroupPolicySize",
            "PoliciesPerGroup",
            (s, c, i, n) -> s.groups().createGroup(c, i, n, null),
            (s, c, i, o, p, d) -> s.groups().putGroupPolicy(c, i, o, p, d),
            (s, c, i, o, p) -> s.groups().getGroupPolicy(c, i, o, p),
            (s, c, i, o, p) -> s.groups().deleteGroupPolicy(c, i, o, p),
            (s, c, i, o, m, x) -> s.groups().listGroupPolicies(c, i, o, m, x),
            (s, c, i, o, a) -> s.groups().attachGroupPolicy(c, i, o, a),
            (s, c, i, o, a) -> s.groups().detachGroupPolicy(c, i, o, a),
            (s, c, i, o, p, m, x) -> s.groups().listAttachedGroupPolicies(c, i, o, p, m, x),
            (s, c, i, n) -> s.groups().deleteGroup(c, i, n)));
  }

  TestIam t;
  Services s;
  Caller root;

  @BeforeEach
  void setUp() {
    t = new TestIam();
    s =
        new Services(
            new RoleService(t.iam), new UserService(t.iam, t.master), new GroupService(t.iam));
    root = t.root();
    t.write(
        r -> {
          ManagedPolicy team =
              new ManagedPolicy(
                  A,
                  "ANPATEAM0000000000000",
                  "Team",
                  "/team/",
                  null,
                  "v1",
                  2,
                  List.of(),
                  TestIam.START,
                  TestIam.START);
          r.managedPolicies().insert(team);
          r.managedPolicies()
              .insertVersion(new PolicyVersion(team.arn(), "v1", DOC, TestIam.START));
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

  // ---------------------------------------------------------------- inline policies

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void inlinePoliciesArePutReplacedListedReadAndDeleted(Kind k) {
    k.create().create(s, root, t.info(), "Owner");
    k.put().put(s, root, t.info(), "Owner", "b", DOC);
    k.put().put(s, root, t.info(), "owner", "a", DOC); // the owner is found without regard to case
    k.put().put(s, root, t.info(), "Owner", "b", DOC2); // replaced

    assertThat(k.list().list(s, root, t.info(), "Owner", null, null).items())
        .containsExactly("a", "b");
    InlinePolicy b = k.get().get(s, root, t.info(), "OWNER", "b");
    assertThat(b)
        .isEqualTo(
            new InlinePolicy(A, k.type(), "Owner", "b", DOC2)); // named after the owner as stored
    assertThat(t.read((Repositories r) -> r.inlinePolicies().list(A, k.type(), "Owner")))
        .extracting(InlinePolicy::ownerName)
        .containsOnly("Owner");

    Page<String> first = k.list().list(s, root, t.info(), "Owner", null, 1);
    assertThat(first.items()).containsExactly("a");
    assertThat(first.truncated()).isTrue();
    assertThat(k.list().list(s, root, t.info(), "Owner", first.marker(), 1).items())
        .containsExactly("b");

    k.deletePolicy().run(s, root, t.info(), "Owner", "a");
    assertThat(k.list().list(s, root, t.info(), "Owner", null, null).items()).containsExactly("b");
    String missing = "The " + k.noun() + " policy with name a cannot be found.";
    expect(
        () -> k.get().get(s, root, t.info(), "Owner", "a"), AwsErrorCode.NO_SUCH_ENTITY, missing);
    expect(
        () -> k.deletePolicy().run(s, root, t.info(), "Owner", "a"),
        AwsErrorCode.NO_SUCH_ENTITY,
        missing);
    expect(
        () -> k.get().get(s, root, t.info(), "Owner", "B"),
        AwsErrorCode.NO_SUCH_ENTITY, // policy names are case-sensitive
        "The " + k.noun() + " policy with name B cannot be found.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aMissingOwnerIsNoSuchEntityForEveryOperation(Kind k) {
    String missing = "The " + k.noun() + " with name Nope cannot be found.";
    Caller c = root;
    RequestInfo i = t.info();
    expect(() -> k.put().put(s, c, i, "Nope", "p", DOC), AwsErrorCode.NO_SUCH_ENTITY, missing);
    expect(() -> k.get().get(s, c, i, "Nope", "p"), AwsErrorCode.NO_SUCH_ENTITY, missing);
    expect(() -> k.deletePolicy().run(s, c, i, "Nope", "p"), AwsErrorCode.NO_SUCH_ENTITY, missing);
    expect(() -> k.list().list(s, c, i, "Nope", null, null), AwsErrorCode.NO_SUCH_ENTITY, missing);
    expect(() -> k.attach().run(s, c, i, "Nope", READ_ONLY), AwsErrorCode.NO_SUCH_ENTITY, missing);
    expect(() -> k.detach().run(s, c, i, "Nope", READ_ONLY), AwsErrorCode.NO_SUCH_ENTITY, missing);
    expect(
        () -> k.listAttached().list(s, c, i, "Nope", null, null, null),
        AwsErrorCode.NO_SUCH_ENTITY,
        missing);
  }

  /**
   * A caller not allowed learns nothing: AccessDenied on the would-be ARN, whether the owner exists
   * or not.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aCallerNotAllowedIsDeniedOnTheOwnersArnWhetherItExistsOrNot(Kind k) {
    k.create().create(s, root, t.info(), "Owner");
    Caller alice = t.user("alice", TestIam.allow("iam:Get*", "*"));
    String shown = k.noun() + " ";
    record Call(String verb, ThrowingCallable onExisting, ThrowingCallable onMissing) {}
    List<Call> calls =
        List.of(
            new Call(
                "Put",
                () -> k.put().put(s, alice, t.info(), "Owner", "p", DOC),
                () -> k.put().put(s, alice, t.info(), "Nope", "p", DOC)),
            new Call(
                "Delete",
                () -> k.deletePolicy().run(s, alice, t.info(), "Owner", "p"),
                () -> k.deletePolicy().run(s, alice, t.info(), "Nope", "p")),
            new Call(
                "List",
                () -> k.list().list(s, alice, t.info(), "Owner", null, null),
                () -> k.list().list(s, alice, t.info(), "Nope", null, null)),
            new Call(
                "Attach",
                () -> k.attach().run(s, alice, t.info(), "Owner", READ_ONLY),
                () -> k.attach().run(s, alice, t.info(), "Nope", READ_ONLY)),
            new Call(
                "Detach",
                () -> k.detach().run(s, alice, t.info(), "Owner", READ_ONLY),
                () -> k.detach().run(s, alice, t.info(), "Nope", READ_ONLY)),
            new Call(
                "ListAttached",
                () -> k.listAttached().list(s, alice, t.info(), "Owner", null, null, null),
                () -> k.listAttached().list(s, alice, t.info(), "Nope", null, null, null)));
    for (Call call : calls) {
      String action = k.action(call.verb());
      expect(call.onExisting(), AwsErrorCode.ACCESS_DENIED, denied(alice, action, shown + "Owner"));
      expect(call.onMissing(), AwsErrorCode.ACCESS_DENIED, denied(alice, action, shown + "Nope"));
    }
    // allowed (iam:Get*): the answer itself
    expect(
        () -> k.get().get(s, alice, t.info(), "Owner", "p"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The " + k.noun() + " policy with name p cannot be found.");
    expect(
        () -> k.get().get(s, alice, t.info(), "Nope", "p"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The " + k.noun() + " with name Nope cannot be found.");
  }

  /**
   * The action is authorized on the owner's ARN (with its path): a policy on that ARN allows
   * exactly that owner.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void theActionIsAuthorizedOnTheOwnersArn(Kind k) {
    k.create().create(s, root, t.info(), "Owner");
    k.create().create(s, root, t.info(), "Other");
    String arn = "arn:aws:iam::" + A + ":" + k.noun() + "/Owner";
    Caller bob = t.user("bob", TestIam.allow(k.action("Put"), arn));
    k.put().put(s, bob, t.info(), "Owner", "p", DOC);
    assertThat(k.get().get(s, root, t.info(), "Owner", "p").document()).isEqualTo(DOC);
    expect(
        () -> k.put().put(s, bob, t.info(), "Other", "p", DOC),
        AwsErrorCode.ACCESS_DENIED,
        denied(bob, k.action("Put"), k.noun() + " Other"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aPolicyArnIsRequired(Kind k) {
    // the owner's and the policy's names are the service model's (ParameterValidatorTest,
    // ErrorPathsTest, GroupErrorPathsTest);
    // a policy ARN's shape is core's own (Validation.policyArn)
    expect(
        () -> k.attach().run(s, root, t.info(), "Owner", null),
        AwsErrorCode.VALIDATION_ERROR,
        "1 validation error detected: Value null at 'policyArn' failed to satisfy constraint: Member must not be null");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aPolicyThatIsNotAnIdentityPolicyIsMalformed(Kind k) {
    k.create().create(s, root, t.info(), "Owner");
    String withPrincipal =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    expect(
        () -> k.put().put(s, root, t.info(), "Owner", "p", withPrincipal),
        AwsErrorCode.MALFORMED_POLICY_DOCUMENT,
        "Policy document should not specify a principal.");
    assertThat(k.list().list(s, root, t.info(), "Owner", null, null).items()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void theInlineSizeQuotaCountsEveryOtherPolicyOfTheOwner(Kind k) {
    k.create().create(s, root, t.info(), "Owner");
    int one = IamQuotas.policySize(DOC);
    t.write(r -> r.accounts().putQuota(A, k.sizeQuota(), 2 * one));
    k.put().put(s, root, t.info(), "Owner", "a", DOC);
    k.put().put(s, root, t.info(), "Owner", "b", DOC);
    k.put().put(s, root, t.info(), "Owner", "b", DOC); // a replacement counts once
    expect(
        () -> k.put().put(s, root, t.info(), "Owner", "c", DOC),
        AwsErrorCode.LIMIT_EXCEEDED,
        "Maximum policy size of " + 2 * one + " bytes exceeded for " + k.noun() + " Owner");
  }

  // ---------------------------------------------------------------- managed policies

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void managedPoliciesAreAttachedListedByPathAndDetached(Kind k) {
    k.create().create(s, root, t.info(), "Owner");
    k.attach().run(s, root, t.info(), "Owner", TEAM_POLICY);
    k.attach().run(s, root, t.info(), "owner", READ_ONLY);
    k.attach().run(s, root, t.info(), "Owner", TEAM_POLICY); // twice: no error, once in the list

    assertThat(k.listAttached().list(s, root, t.info(), "Owner", null, null, null).items())
        .containsExactly(
            new AttachmentRules.AttachedPolicy("Team", TEAM_POLICY, "/team/"),
            new AttachmentRules.AttachedPolicy("ReadOnlyAccess", READ_ONLY, "/"));
    assertThat(k.listAttached().list(s, root, t.info(), "Owner", "/team/", null, null).items())
        .extracting(AttachmentRules.AttachedPolicy::name)
        .containsExactly("Team");
    Page<AttachmentRules.AttachedPolicy> first =
        k.listAttached().list(s, root, t.info(), "Owner", null, null, 1);
    assertThat(first.items())
        .extracting(AttachmentRules.AttachedPolicy::name)
        .containsExactly("Team");
    assertThat(first.truncated()).isTrue();

    k.detach().run(s, root, t.info(), "Owner", TEAM_POLICY);
    assertThat(k.listAttached().list(s, root, t.info(), "Owner", null, null, null).items())
        .extracting(AttachmentRules.AttachedPolicy::arn)
        .containsExactly(READ_ONLY);
    expect(
        () -> k.detach().run(s, root, t.info(), "Owner", TEAM_POLICY),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Policy " + TEAM_POLICY + " was not found.");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void onlyAnExistingPolicyOfTheAccountOrOfAwsIsAttachable(Kind k) {
    k.create().create(s, root, t.info(), "Owner");
    for (String arn :
        List.of(
            "arn:aws:iam::aws:policy/NoSuchAwsPolicy",
            "arn:aws:iam::" + A + ":policy/Missing",
            "arn:aws:iam::" + TestIam.OTHER_ACCOUNT + ":policy/team/Team")) {
      expect(
          () -> k.attach().run(s, root, t.info(), "Owner", arn),
          AwsErrorCode.NO_SUCH_ENTITY,
          "Policy " + arn + " does not exist or is not attachable.");
    }
    assertThat(k.listAttached().list(s, root, t.info(), "Owner", null, null, null).items())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void theAttachedPoliciesQuotaCountsDistinctPolicies(Kind k) {
    k.create().create(s, root, t.info(), "Owner");
    t.write(r -> r.accounts().putQuota(A, k.attachedQuota(), 1));
    k.attach().run(s, root, t.info(), "Owner", READ_ONLY);
    k.attach().run(s, root, t.info(), "Owner", READ_ONLY); // already attached: no room needed
    expect(
        () -> k.attach().run(s, root, t.info(), "Owner", TEAM_POLICY),
        AwsErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for " + k.attachedQuota() + ": 1");
  }

  // ---------------------------------------------------------------- deleting the owner

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void anOwnerIsDeletedOnlyWithoutInlineThenWithoutAttachedPolicies(Kind k) {
    k.create().create(s, root, t.info(), "Owner");
    k.put().put(s, root, t.info(), "Owner", "p", DOC);
    k.attach().run(s, root, t.info(), "Owner", READ_ONLY);
    expect(
        () -> k.delete().delete(s, root, t.info(), "Owner"),
        AwsErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must delete policies first.");
    k.deletePolicy().run(s, root, t.info(), "Owner", "p");
    expect(
        () -> k.delete().delete(s, root, t.info(), "Owner"),
        AwsErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must detach all policies first.");
    k.detach().run(s, root, t.info(), "Owner", READ_ONLY);
    k.delete().delete(s, root, t.info(), "Owner");
    expect(
        () -> k.list().list(s, root, t.info(), "Owner", null, null),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The " + k.noun() + " with name Owner cannot be found.");
  }

  // ---------------------------------------------------------------- what differs

  @Test
  void aServiceLinkedRolesPoliciesAreReadOnly() {
    Role linked =
        new Role(
            A,
            "AROALINKED0000000000",
            "AWSServiceRoleForTest",
            "/aws-service-role/test.amazonaws.com/",
            TestIam.TRUST_ACCOUNT,
            null,
            3600,
            null,
            List.of(),
            TestIam.START,
            null,
            null);
    t.write(r -> r.roles().insert(linked));
    String refused =
        "Cannot perform the operation on the protected role 'AWSServiceRoleForTest' - this role is only modifiable by AWS";
    String n = linked.name();
    expect(
        () -> s.roles().putRolePolicy(root, t.info(), n, "p", DOC),
        AwsErrorCode.UNMODIFIABLE_ENTITY,
        refused);
    expect(
        () -> s.roles().deleteRolePolicy(root, t.info(), n, "p"),
        AwsErrorCode.UNMODIFIABLE_ENTITY,
        refused);
    expect(
        () -> s.roles().attachRolePolicy(root, t.info(), n, READ_ONLY),
        AwsErrorCode.UNMODIFIABLE_ENTITY,
        refused);
    expect(
        () -> s.roles().detachRolePolicy(root, t.info(), n, READ_ONLY),
        AwsErrorCode.UNMODIFIABLE_ENTITY,
        refused);
    // reading is allowed
    assertThat(s.roles().listRolePolicies(root, t.info(), n, null, null).items()).isEmpty();
    assertThat(s.roles().listAttachedRolePolicies(root, t.info(), n, null, null, null).items())
        .isEmpty();
    expect(
        () -> s.roles().getRolePolicy(root, t.info(), n, "p"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The role policy with name p cannot be found.");
    // a caller not allowed is denied before the role's own refusal
    Caller alice = t.user("alice");
    expect(
        () -> s.roles().putRolePolicy(alice, t.info(), n, "p", DOC),
        AwsErrorCode.ACCESS_DENIED,
        denied(alice, "iam:PutRolePolicy", "role " + n));
  }

  /** Renames carry a user's and a group's policies along, attachment order kept. */
  @Test
  void renamedUsersAndGroupsKeepTheirPolicies() {
    s.users().createUser(root, t.info(), "alice", null, null, List.of());
    s.groups().createGroup(root, t.info(), "devs", null);
    for (String arn : List.of(TEAM_POLICY, READ_ONLY)) {
      s.users().attachUserPolicy(root, t.info(), "alice", arn);
      s.groups().attachGroupPolicy(root, t.info(), "devs", arn);
    }
    s.users().putUserPolicy(root, t.info(), "alice", "p", DOC);
    s.groups().putGroupPolicy(root, t.info(), "devs", "p", DOC);

    s.users().updateUser(root, t.info(), "alice", "alicia", null);
    s.groups().updateGroup(root, t.info(), "devs", "developers", null);

    assertThat(s.users().getUserPolicy(root, t.info(), "alicia", "p").ownerName())
        .isEqualTo("alicia");
    assertThat(s.groups().getGroupPolicy(root, t.info(), "developers", "p").ownerName())
        .isEqualTo("developers");
    assertThat(
            s.users().listAttachedUserPolicies(root, t.info(), "alicia", null, null, null).items())
        .extracting(AttachmentRules.AttachedPolicy::arn)
        .containsExactly(TEAM_POLICY, READ_ONLY);
    assertThat(
            s.groups()
                .listAttachedGroupPolicies(root, t.info(), "developers", null, null, null)
                .items())
        .extracting(AttachmentRules.AttachedPolicy::arn)
        .containsExactly(TEAM_POLICY, READ_ONLY);
    assertThat(t.read((Repositories r) -> r.inlinePolicies().list(A, PrincipalType.USER, "alice")))
        .isEmpty();
    assertThat(t.read((Repositories r) -> r.attachments().list(A, PrincipalType.GROUP, "devs")))
        .isEmpty();
    Group renamed = t.read(r -> r.groups().findByName(A, "developers")).orElseThrow();
    assertThat(renamed.arn()).isEqualTo("arn:aws:iam::" + A + ":group/developers");
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
