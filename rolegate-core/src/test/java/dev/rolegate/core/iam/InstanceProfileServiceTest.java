package dev.rolegate.core.iam;

import static dev.rolegate.core.testing.AwsErrors.expect;
import static dev.rolegate.core.testing.TestIam.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.model.InstanceProfile;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.testing.TestIam;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * InstanceProfileService over the in-memory store: one role per profile, delete conflicts, listing,
 * authorization.
 */
class InstanceProfileServiceTest {
  final TestIam t = new TestIam();
  final InstanceProfileService profiles = new InstanceProfileService(t.iam);
  final Caller root = t.root();

  @Test
  void aProfileIsCreatedEmptyAndHoldsAtMostOneRole() {
    InstanceProfileService.View v =
        profiles.create(root, t.info(), "Web", "/web/", TestIam.tags("tier", "front"));
    assertThat(v.profile().arn()).isEqualTo("arn:aws:iam::123456789012:instance-profile/web/Web");
    assertThat(v.profile().instanceProfileId()).startsWith("AIPA");
    assertThat(v.roles()).isEmpty();
    t.ensureRole(ACCOUNT, "WebServer", TestIam.TRUST_ACCOUNT);
    t.ensureRole(ACCOUNT, "Other", TestIam.TRUST_ACCOUNT);
    profiles.addRole(root, t.info(), "web", "webserver");
    assertThat(profiles.get(root, t.info(), "WEB").roles())
        .extracting(Role::name)
        .containsExactly("WebServer");
    expect(
        () -> profiles.addRole(root, t.info(), "Web", "Other"),
        AwsErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
    expect(
        () -> profiles.addRole(root, t.info(), "Web", "Ghost"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The role with name Ghost cannot be found.");
    expect(
        () -> profiles.create(root, t.info(), "WEB", null, List.of()),
        AwsErrorCode.ENTITY_ALREADY_EXISTS,
        "Instance Profile WEB already exists.");
  }

  @Test
  void removeRoleNeedsTheRoleInTheProfileAndDeleteNeedsItEmpty() {
    profiles.create(root, t.info(), "Web", null, List.of());
    t.ensureRole(ACCOUNT, "WebServer", TestIam.TRUST_ACCOUNT);
    t.ensureRole(ACCOUNT, "Other", TestIam.TRUST_ACCOUNT);
    profiles.addRole(root, t.info(), "Web", "WebServer");
    expect(
        () -> profiles.delete(root, t.info(), "Web"),
        AwsErrorCode.DELETE_CONFLICT,
        "Cannot delete entity, must remove roles from instance profile first.");
    expect(
        () -> profiles.removeRole(root, t.info(), "Web", "Other"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The role with name Other cannot be found in instance profile Web.");
    profiles.removeRole(root, t.info(), "Web", "WEBSERVER");
    assertThat(profiles.get(root, t.info(), "Web").roles()).isEmpty();
    profiles.delete(root, t.info(), "Web");
    expect(
        () -> profiles.get(root, t.info(), "Web"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Instance Profile Web cannot be found.");
    expect(
        () -> profiles.delete(root, t.info(), "Web"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Instance Profile Web cannot be found.");
  }

  @Test
  void listsAreByNameAndPathAndPerRole() {
    for (String name : List.of("b", "A", "c")) {
      profiles.create(root, t.info(), name, name.equals("c") ? "/x/" : "/", List.of());
    }
    t.ensureRole(ACCOUNT, "R", TestIam.TRUST_ACCOUNT);
    profiles.addRole(root, t.info(), "c", "R");
    profiles.addRole(root, t.info(), "A", "R");
    assertThat(profiles.list(root, t.info(), null, null, null).items())
        .extracting(v -> v.profile().name())
        .containsExactly("A", "b", "c");
    assertThat(profiles.list(root, t.info(), "/x/", null, null).items())
        .extracting(v -> v.profile().name())
        .containsExactly("c");
    assertThat(profiles.listForRole(root, t.info(), "r", null, null).items())
        .extracting(v -> v.profile().name())
        .containsExactly("A", "c");
    Page<InstanceProfileService.View> first = profiles.list(root, t.info(), null, null, 2);
    assertThat(first.truncated()).isTrue();
    assertThat(profiles.list(root, t.info(), null, first.marker(), 2).items())
        .extracting(v -> v.profile().name())
        .containsExactly("c");
    expect(
        () -> profiles.listForRole(root, t.info(), "Ghost", null, null),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The role with name Ghost cannot be found.");
  }

  @Test
  void eachActionIsAuthorizedOnTheProfileArn() {
    profiles.create(root, t.info(), "Web", "/web/", List.of());
    Caller reader =
        t.user(
            "reader",
            TestIam.allow(
                "iam:GetInstanceProfile", "arn:aws:iam::123456789012:instance-profile/web/*"));
    assertThat(profiles.get(reader, t.info(), "Web").profile().name()).isEqualTo("Web");
    expect(
        () -> profiles.delete(reader, t.info(), "Web"),
        AwsErrorCode.ACCESS_DENIED,
        "User: arn:aws:iam::123456789012:user/reader is not authorized to perform: iam:DeleteInstanceProfile on resource: "
            + "instance profile Web because no identity-based policy allows the iam:DeleteInstanceProfile action");
    // a profile that does not exist: denied on the ARN it would have (no existence leak), else
    // NoSuchEntity
    expect(() -> profiles.get(reader, t.info(), "Ghost"), AwsErrorCode.ACCESS_DENIED);
    expect(() -> profiles.get(root, t.info(), "Ghost"), AwsErrorCode.NO_SUCH_ENTITY);
    assertThat(
            t.read(
                (dev.rolegate.core.port.Repositories r) -> r.instanceProfiles().list(ACCOUNT, "/")))
        .extracting(InstanceProfile::name)
        .containsExactly("Web");
  }
}
