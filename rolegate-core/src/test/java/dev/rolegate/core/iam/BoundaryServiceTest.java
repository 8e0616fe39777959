package dev.rolegate.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.core.testing.TestIam;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Put/Delete*PermissionsBoundary of roles and users, one table over both: stored, keyed, refused.
 */
class BoundaryServiceTest {
  static final String A = TestIam.ACCOUNT;
  static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  static final String POWER_USER = "arn:aws:iam::aws:policy/PowerUserAccess";

  @FunctionalInterface
  interface Put {
    void put(BoundaryService s, Caller c, RequestInfo info, String name, String boundary);
  }

  @FunctionalInterface
  interface Delete {
    void delete(BoundaryService s, Caller c, RequestInfo info, String name);
  }

  record Kind(
      String noun,
      String actionNoun,
      Put put,
      Delete delete,
      BiFunction<Repositories, String, String> boundaryOf) {
    @Override
    public String toString() {
      return noun;
    }
  }

  static Stream<Kind> kinds() {
    return Stream.of(
        new Kind(
            "role",
            "Role",
            BoundaryService::putRolePermissionsBoundary,
            BoundaryService::deleteRolePermissionsBoundary,
            (r, n) -> r.roles().findByName(A, n).map(Role::permissionsBoundaryArn).orElse(null)),
        new Kind(
            "user",
            "User",
            BoundaryService::putUserPermissionsBoundary,
            BoundaryService::deleteUserPermissionsBoundary,
            (r, n) -> r.users().findByName(A, n).map(User::permissionsBoundaryArn).orElse(null)));
  }

  TestIam t;
  BoundaryService boundaries;
  Caller root;

  @BeforeEach
  void setUp() {
    t = new TestIam();
    boundaries = new BoundaryService(t.iam);
    root = t.root();
    t.ensureRole(A, "Owner", TestIam.TRUST_ACCOUNT);
    t.ensureUser(A, "Owner");
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

  String boundary(Kind k) {
    return t.read((Repositories r) -> k.boundaryOf().apply(r, "Owner"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aBoundaryIsSetReplacedAndRemoved(Kind k) {
    k.put().put(boundaries, root, t.info(), "Owner", READ_ONLY);
    assertThat(boundary(k)).isEqualTo(READ_ONLY);
    k.put().put(boundaries, root, t.info(), "owner", POWER_USER);
    assertThat(boundary(k)).isEqualTo(POWER_USER);
    k.delete().delete(boundaries, root, t.info(), "Owner");
    assertThat(boundary(k)).isNull();
    k.delete().delete(boundaries, root, t.info(), "Owner"); // none: not an error
    assertThat(boundary(k)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void theBoundaryMustBeAnExistingManagedPolicy(Kind k) {
    String missing = "arn:aws:iam::" + A + ":policy/Missing";
    expect(
        () -> k.put().put(boundaries, root, t.info(), "Owner", missing),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Scope ARN: " + missing + " does not exist or is not attachable.");
    String notAPolicy = "arn:aws:iam::" + A + ":role/Owner";
    expect(
        () -> k.put().put(boundaries, root, t.info(), "Owner", notAPolicy),
        AwsErrorCode.INVALID_INPUT,
        "ARN " + notAPolicy + " is not valid.");
    expect(
        () -> k.put().put(boundaries, root, t.info(), "Nope", READ_ONLY),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The " + k.noun() + " with name Nope cannot be found.");
    assertThat(boundary(k)).isNull();
  }

  /**
   * Put is authorized with the new boundary as iam:PermissionsBoundary, Delete with the current
   * one.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void theActionsAreAuthorizedWithIamPermissionsBoundary(Kind k) {
    String put = "iam:Put" + k.actionNoun() + "PermissionsBoundary";
    String delete = "iam:Delete" + k.actionNoun() + "PermissionsBoundary";
    Caller alice =
        t.user(
            "alice",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\""
                + put
                + "\",\""
                + delete
                + "\"],\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"iam:PermissionsBoundary\":\""
                + READ_ONLY
                + "\"}}}]}");
    String denied =
        " on resource: " + k.noun() + " Owner because no identity-based policy allows the ";
    expect(
        () -> k.put().put(boundaries, alice, t.info(), "Owner", POWER_USER),
        AwsErrorCode.ACCESS_DENIED,
        "User: "
            + alice.arn()
            + " is not authorized to perform: "
            + put
            + denied
            + put
            + " action");
    expect(
        () -> k.delete().delete(boundaries, alice, t.info(), "Owner"),
        AwsErrorCode.ACCESS_DENIED, // no current boundary: no key
        "User: "
            + alice.arn()
            + " is not authorized to perform: "
            + delete
            + denied
            + delete
            + " action");
    k.put().put(boundaries, alice, t.info(), "Owner", READ_ONLY);
    k.delete().delete(boundaries, alice, t.info(), "Owner");
    assertThat(boundary(k)).isNull();
  }

  @Test
  void aServiceLinkedRolesBoundaryIsOnlyAwssToChange() {
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
    expect(
        () -> boundaries.putRolePermissionsBoundary(root, t.info(), linked.name(), READ_ONLY),
        AwsErrorCode.UNMODIFIABLE_ENTITY,
        refused);
    expect(
        () -> boundaries.deleteRolePermissionsBoundary(root, t.info(), linked.name()),
        AwsErrorCode.UNMODIFIABLE_ENTITY,
        refused);
  }
}
