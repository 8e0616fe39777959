package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.trust;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.InstanceProfile;

/**
 * Issue 7: the undoing operations through the SDK, success and their documented errors:
 * RemoveRoleFromInstanceProfile, DeleteInstanceProfile (DeleteConflict while it holds a role) and
 * DetachUserPolicy (NoSuchEntity for a policy that is not attached).
 */
class DetachAndRemoveTest extends ServerTest {
  @Test
  void anInstanceProfileLosesItsRoleThenCanBeDeleted() {
    iam.createRole(
        b ->
            b.roleName("app").assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root")));
    iam.createInstanceProfile(b -> b.instanceProfileName("web"));
    iam.addRoleToInstanceProfile(b -> b.instanceProfileName("web").roleName("app"));

    expectError(
        () -> iam.deleteInstanceProfile(b -> b.instanceProfileName("web")),
        "DeleteConflict",
        409,
        "Cannot delete entity, must remove roles from instance profile first.");
    expectError(
        () ->
            iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName("web").roleName("other")),
        "NoSuchEntity",
        404,
        "The role with name other cannot be found.");

    iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName("web").roleName("app"));
    InstanceProfile web =
        iam.getInstanceProfile(b -> b.instanceProfileName("web")).instanceProfile();
    assertThat(web.roles()).isEmpty();
    assertThat(iam.listInstanceProfilesForRole(b -> b.roleName("app")).instanceProfiles())
        .isEmpty();

    iam.deleteInstanceProfile(b -> b.instanceProfileName("web"));
    expectError(
        () -> iam.getInstanceProfile(b -> b.instanceProfileName("web")),
        "NoSuchEntity",
        404,
        "Instance Profile web cannot be found.");
    expectError(
        () -> iam.deleteInstanceProfile(b -> b.instanceProfileName("web")),
        "NoSuchEntity",
        404,
        "Instance Profile web cannot be found.");
  }

  @Test
  void aDetachedUserPolicyNoLongerCountsAndDetachingTwiceIsNoSuchEntity() {
    iam.createUser(b -> b.userName("bob"));
    String arn =
        iam.createPolicy(b -> b.policyName("read").policyDocument(allow("s3:GetObject", "*")))
            .policy()
            .arn();
    iam.attachUserPolicy(b -> b.userName("bob").policyArn(arn));
    assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().attachmentCount()).isEqualTo(1);

    iam.detachUserPolicy(b -> b.userName("bob").policyArn(arn));
    assertThat(iam.listAttachedUserPolicies(b -> b.userName("bob")).attachedPolicies()).isEmpty();
    assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().attachmentCount()).isZero();
    expectError(
        () -> iam.detachUserPolicy(b -> b.userName("bob").policyArn(arn)),
        "NoSuchEntity",
        404,
        "Policy " + arn + " was not found."); // AWS words a policy not attached so
    expectError(
        () -> iam.detachUserPolicy(b -> b.userName("nobody").policyArn(arn)),
        "NoSuchEntity",
        404,
        "The user with name nobody cannot be found.");
  }
}
