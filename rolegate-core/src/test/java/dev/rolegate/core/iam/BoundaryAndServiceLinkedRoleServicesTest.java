package dev.rolegate.core.iam;

import static dev.rolegate.core.testing.AwsErrors.expect;
import static dev.rolegate.core.testing.TestIam.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.core.testing.TestIam;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BoundaryService and ServiceLinkedRoleService over the in-memory store. */
class BoundaryAndServiceLinkedRoleServicesTest {
  static final String BOUNDARY = "arn:aws:iam::aws:policy/PowerUserAccess";

  final TestIam t = new TestIam();
  final BoundaryService boundaries = new BoundaryService(t.iam);
  final ServiceLinkedRoleService linked = new ServiceLinkedRoleService(t.iam);
  final RoleService roles = new RoleService(t.iam);
  final Caller root = t.root();

  Role role(String name) {
    return t.read((Repositories r) -> r.roles().findByName(ACCOUNT, name)).orElseThrow();
  }

  User user(String name) {
    return t.read((Repositories r) -> r.users().findByName(ACCOUNT, name)).orElseThrow();
  }

  // ---------------------------------------------------------------- permissions boundaries

  @Test
  void aBoundaryIsPutReplacedAndDeletedOnRolesAndUsers() {
    t.ensureRole(ACCOUNT, "R", TestIam.TRUST_ACCOUNT);
    t.ensureUser(ACCOUNT, "u");
    boundaries.putRolePermissionsBoundary(root, t.info(), "r", BOUNDARY);
    boundaries.putUserPermissionsBoundary(root, t.info(), "U", BOUNDARY);
    assertThat(role("R").permissionsBoundaryArn()).isEqualTo(BOUNDARY);
    assertThat(user("u").permissionsBoundaryArn()).isEqualTo(BOUNDARY);
    new PolicyService(t.iam)
        .createPolicy(root, t.info(), "Mine", null, TestIam.allow("s3:*", "*"), null, List.of());
    boundaries.putRolePermissionsBoundary(
        root, t.info(), "R", "arn:aws:iam::123456789012:policy/Mine");
    assertThat(role("R").permissionsBoundaryArn())
        .isEqualTo("arn:aws:iam::123456789012:policy/Mine");
    boundaries.deleteRolePermissionsBoundary(root, t.info(), "R");
    boundaries.deleteRolePermissionsBoundary(root, t.info(), "R"); // not an error
    boundaries.deleteUserPermissionsBoundary(root, t.info(), "u");
    assertThat(role("R").permissionsBoundaryArn()).isNull();
    assertThat(user("u").permissionsBoundaryArn()).isNull();
  }

  @Test
  void aBoundaryMustBeAnExistingManagedPolicy() {
    t.ensureRole(ACCOUNT, "R", TestIam.TRUST_ACCOUNT);
    expect(
        () ->
            boundaries.putRolePermissionsBoundary(
                root, t.info(), "R", "arn:aws:iam::123456789012:role/NotAPolicy"),
        AwsErrorCode.INVALID_INPUT,
        "ARN arn:aws:iam::123456789012:role/NotAPolicy is not valid.");
    expect(
        () ->
            boundaries.putRolePermissionsBoundary(
                root, t.info(), "R", "arn:aws:iam::123456789012:policy/Missing"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Scope ARN: arn:aws:iam::123456789012:policy/Missing does not exist or is not attachable.");
    expect(
        () -> boundaries.putRolePermissionsBoundary(root, t.info(), "Ghost", BOUNDARY),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The role with name Ghost cannot be found.");
    expect(
        () -> boundaries.putUserPermissionsBoundary(root, t.info(), "ghost", BOUNDARY),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The user with name ghost cannot be found.");
    assertThat(role("R").permissionsBoundaryArn()).isNull();
  }

  @Test
  void iamPermissionsBoundaryIsTheConditionKeyOfPutAndDelete() {
    t.ensureRole(ACCOUNT, "R", TestIam.TRUST_ACCOUNT);
    String onlyPowerUser =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:PutRolePermissionsBoundary\","
            + "\"iam:DeleteRolePermissionsBoundary\"],\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"iam:PermissionsBoundary\":\""
            + BOUNDARY
            + "\"}}}]}";
    Caller admin = t.user("admin", onlyPowerUser);
    boundaries.putRolePermissionsBoundary(admin, t.info(), "R", BOUNDARY);
    expect(
        () ->
            boundaries.putRolePermissionsBoundary(
                admin, t.info(), "R", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
        AwsErrorCode.ACCESS_DENIED);
    boundaries.deleteRolePermissionsBoundary(
        admin, t.info(), "R"); // the key is the role's current boundary
    expect(
        () -> boundaries.deleteRolePermissionsBoundary(admin, t.info(), "R"),
        AwsErrorCode.ACCESS_DENIED);
  }

  // ---------------------------------------------------------------- service-linked roles

  @Test
  void aServiceLinkedRoleHasTheServicesPathTrustAndPolicy() {
    Role r = linked.create(root, t.info(), "autoscaling.amazonaws.com", "for ASG", null);
    assertThat(r.name()).isEqualTo("AWSServiceRoleForAutoScaling");
    assertThat(r.path()).isEqualTo("/aws-service-role/autoscaling.amazonaws.com/");
    assertThat(r.assumeRolePolicyDocument()).contains("\"Service\":\"autoscaling.amazonaws.com\"");
    assertThat(r.description()).isEqualTo("for ASG");
    assertThat(ServiceLinkedRoleService.isServiceLinked(r)).isTrue();
    assertThat(
            t.read((Repositories x) -> x.attachments().list(ACCOUNT, PrincipalType.ROLE, r.name())))
        .containsExactly("arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy");
    assertThat(linked.create(root, t.info(), "autoscaling.amazonaws.com", null, "fleet").name())
        .isEqualTo("AWSServiceRoleForAutoScaling_fleet");
    expect(
        () -> linked.create(root, t.info(), "autoscaling.amazonaws.com", null, null),
        AwsErrorCode.INVALID_INPUT,
        "Service role name AWSServiceRoleForAutoScaling has been taken in this account, please try a different suffix.");
    expect(
        () -> linked.create(root, t.info(), "rds.amazonaws.com", null, "x"),
        AwsErrorCode.INVALID_INPUT,
        "Custom suffix is not allowed for rds.amazonaws.com");
    expect(
        () -> linked.create(root, t.info(), "nothing.amazonaws.com", null, null),
        AwsErrorCode.NOT_SUPPORTED_SERVICE,
        "The specified service does not support service-linked roles: nothing.amazonaws.com");
  }

  @Test
  void onlyTheServiceMayModifyItsRole() {
    Role r = linked.create(root, t.info(), "ecs.amazonaws.com", null, null);
    String protectedRole =
        "Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS";
    expect(
        () -> roles.deleteRole(root, t.info(), r.name()),
        AwsErrorCode.UNMODIFIABLE_ENTITY,
        protectedRole);
    expect(
        () -> roles.putRolePolicy(root, t.info(), r.name(), "p", TestIam.allowAll()),
        AwsErrorCode.UNMODIFIABLE_ENTITY,
        protectedRole);
    expect(
        () -> boundaries.putRolePermissionsBoundary(root, t.info(), r.name(), BOUNDARY),
        AwsErrorCode.UNMODIFIABLE_ENTITY,
        protectedRole);
    expect(
        () -> boundaries.deleteRolePermissionsBoundary(root, t.info(), r.name()),
        AwsErrorCode.UNMODIFIABLE_ENTITY,
        protectedRole);
  }

  @Test
  void deletionRemovesTheRoleAndItsPoliciesAndLeavesASucceededTask() {
    Role r = linked.create(root, t.info(), "ssm.amazonaws.com", null, null);
    String task = linked.delete(root, t.info(), r.name());
    assertThat(task)
        .startsWith("task/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM/");
    assertThat(t.read((Repositories x) -> x.roles().findByName(ACCOUNT, r.name()))).isEmpty();
    assertThat(
            t.read((Repositories x) -> x.attachments().list(ACCOUNT, PrincipalType.ROLE, r.name())))
        .isEmpty();
    assertThat(linked.status(root, t.info(), task)).isEqualTo("SUCCEEDED");
    expect(
        () -> linked.status(root, t.info(), task + "x"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Deletion task " + task + "x cannot be found.");
    t.account(TestIam.OTHER_ACCOUNT);
    expect(
        () -> linked.status(t.root(TestIam.OTHER_ACCOUNT), t.info(), task),
        AwsErrorCode.NO_SUCH_ENTITY);
    t.ensureRole(ACCOUNT, "Plain", TestIam.TRUST_ACCOUNT);
    expect(
        () -> linked.delete(root, t.info(), "Plain"),
        AwsErrorCode.INVALID_INPUT,
        "Role Plain is not a service-linked role.");
    expect(
        () -> linked.delete(root, t.info(), "Ghost"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The role with name Ghost cannot be found.");
  }

  @Test
  void aServiceLinkedRoleInAnInstanceProfileCannotBeDeleted() {
    Role r = linked.create(root, t.info(), "ssm.amazonaws.com", null, null);
    InstanceProfileService profiles = new InstanceProfileService(t.iam);
    profiles.create(root, t.info(), "P", null, List.of());
    profiles.addRole(root, t.info(), "P", r.name());
    expect(
        () -> linked.delete(root, t.info(), r.name()),
        AwsErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must remove roles from instance profile first.");
    assertThat(t.read((Repositories x) -> x.roles().findByName(ACCOUNT, r.name()))).isPresent();
  }
}
