package dev.rolegate.core.iam;

import static dev.rolegate.core.testing.AwsErrors.expect;
import static dev.rolegate.core.testing.TestIam.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.testing.TestIam;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PolicyService and PolicyVersionService over the in-memory store: create, versions (the 5-version
 * limit, the default), delete.
 */
class ManagedPolicyServicesTest {
  static final String DOC = TestIam.allow("s3:GetObject", "*");
  static final String ARN = "arn:aws:iam::" + ACCOUNT + ":policy/Reader";

  final TestIam t = new TestIam();
  final PolicyService policies = new PolicyService(t.iam);
  final PolicyVersionService versions = new PolicyVersionService(t.iam);
  final Caller root = t.root();

  PolicyService.PolicyView create(String name) {
    return policies.createPolicy(root, t.info(), name, null, DOC, null, List.of());
  }

  static String doc(int n) {
    return TestIam.allow("s3:GetObject", "arn:aws:s3:::bucket-" + n + "/*");
  }

  @Test
  void createPolicyMakesVersionOneTheDefault() {
    PolicyService.PolicyView p =
        policies.createPolicy(
            root, t.info(), "Reader", "/team/", DOC, "reads", TestIam.tags("k", "v"));
    assertThat(p.arn()).isEqualTo("arn:aws:iam::123456789012:policy/team/Reader");
    assertThat(p.policyId()).startsWith("ANPA").hasSize(21);
    assertThat(p.defaultVersionId()).isEqualTo("v1");
    assertThat(p.attachmentCount()).isZero();
    assertThat(p.createDate()).isEqualTo(TestIam.START).isEqualTo(p.updateDate());
    assertThat(p.tags()).isEqualTo(TestIam.tags("k", "v"));
    assertThat(p.awsManaged()).isFalse();
    PolicyService.VersionView v1 = policies.getPolicyVersion(root, t.info(), p.arn(), "v1");
    assertThat(v1.document()).isEqualTo(DOC);
    assertThat(v1.isDefault()).isTrue();
  }

  @Test
  void createPolicyRefusesDuplicatesInAnyCaseAndBadInput() {
    create("Reader");
    expect(
        () -> create("READER"),
        AwsErrorCode.ENTITY_ALREADY_EXISTS,
        "A policy called READER already exists. Duplicate names are not allowed.");
    expect(
        () -> policies.createPolicy(root, t.info(), "P", null, "{not json", null, List.of()),
        AwsErrorCode.MALFORMED_POLICY_DOCUMENT);
    assertThat(
            t.read(
                (dev.rolegate.core.port.Repositories r) -> r.managedPolicies().list(ACCOUNT, "/")))
        .hasSize(1);
  }

  @Test
  void aPolicyHasAtMostFiveVersionsAndIdsAreNeverReused() {
    create("Reader");
    for (int n = 2; n <= 5; n++) {
      t.clock.advanceSeconds(10);
      assertThat(versions.createPolicyVersion(root, t.info(), ARN, doc(n), false).versionId())
          .isEqualTo("v" + n);
    }
    expect(
        () -> versions.createPolicyVersion(root, t.info(), ARN, doc(6), false),
        AwsErrorCode.LIMIT_EXCEEDED,
        "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.");
    versions.deletePolicyVersion(root, t.info(), ARN, "v2");
    assertThat(versions.createPolicyVersion(root, t.info(), ARN, doc(6), false).versionId())
        .as("v2 is not reused")
        .isEqualTo("v6");
    assertThat(versions.listPolicyVersions(root, t.info(), ARN, null, null).items())
        .extracting(PolicyService.VersionView::versionId)
        .containsExactly("v6", "v5", "v4", "v3", "v1");
    assertThat(policies.getPolicy(root, t.info(), ARN).defaultVersionId()).isEqualTo("v1");
  }

  @Test
  void theDefaultVersionMovesWithSetAsDefaultAndSetDefaultPolicyVersion() {
    create("Reader");
    t.clock.advanceSeconds(30);
    PolicyService.VersionView v2 = versions.createPolicyVersion(root, t.info(), ARN, doc(2), true);
    assertThat(v2.isDefault()).isTrue();
    PolicyService.PolicyView p = policies.getPolicy(root, t.info(), ARN);
    assertThat(p.defaultVersionId()).isEqualTo("v2");
    assertThat(p.updateDate()).isEqualTo(TestIam.START.plusSeconds(30));
    versions.setDefaultPolicyVersion(root, t.info(), ARN, "v1");
    assertThat(policies.getPolicyVersion(root, t.info(), ARN, "v1").isDefault()).isTrue();
    assertThat(policies.getPolicyVersion(root, t.info(), ARN, "v2").isDefault()).isFalse();
    expect(
        () -> versions.deletePolicyVersion(root, t.info(), ARN, "v1"),
        AwsErrorCode.DELETE_CONFLICT,
        "Cannot delete the default version of a policy.");
    expect(
        () -> versions.setDefaultPolicyVersion(root, t.info(), ARN, "v9"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Policy " + ARN + " version v9 does not exist or is not attachable.");
  }

  @Test
  void deletingTheNewestVersionMovesUpdateDateBackToTheNewestRemaining() {
    create("Reader");
    t.clock.advanceSeconds(60);
    versions.createPolicyVersion(root, t.info(), ARN, doc(2), false);
    assertThat(policies.getPolicy(root, t.info(), ARN).updateDate())
        .isEqualTo(TestIam.START.plusSeconds(60));
    versions.deletePolicyVersion(root, t.info(), ARN, "v2");
    assertThat(policies.getPolicy(root, t.info(), ARN).updateDate()).isEqualTo(TestIam.START);
  }

  @Test
  void deletePolicyRefusesWhileAttachedUsedAsABoundaryOrWithMoreVersions() {
    create("Reader");
    String conflict = "Cannot delete a policy attached to entities.";
    t.write(r -> r.attachments().attach(ACCOUNT, PrincipalType.ROLE, "R", ARN));
    assertThat(policies.getPolicy(root, t.info(), ARN).attachmentCount()).isEqualTo(1);
    expect(
        () -> policies.deletePolicy(root, t.info(), ARN), AwsErrorCode.DELETE_CONFLICT, conflict);
    t.write(r -> r.attachments().detach(ACCOUNT, PrincipalType.ROLE, "R", ARN));

    User u = t.ensureUser(ACCOUNT, "bounded");
    t.write(
        r ->
            r.users()
                .update(
                    new User(
                        u.accountId(),
                        u.userId(),
                        u.name(),
                        u.path(),
                        ARN,
                        u.tags(),
                        u.createDate())));
    assertThat(policies.getPolicy(root, t.info(), ARN).permissionsBoundaryUsageCount())
        .isEqualTo(1);
    expect(
        () -> policies.deletePolicy(root, t.info(), ARN), AwsErrorCode.DELETE_CONFLICT, conflict);
    t.write(r -> r.users().delete(ACCOUNT, "bounded"));

    versions.createPolicyVersion(root, t.info(), ARN, doc(2), false);
    expect(
        () -> policies.deletePolicy(root, t.info(), ARN),
        AwsErrorCode.DELETE_CONFLICT,
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
    versions.deletePolicyVersion(root, t.info(), ARN, "v2");
    policies.deletePolicy(root, t.info(), ARN);
    expect(
        () -> policies.getPolicy(root, t.info(), ARN),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Policy " + ARN + " was not found.");
    create("Reader"); // the name is free again
  }

  @Test
  void awsManagedPoliciesAreReadableButNotWritable() {
    String admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    PolicyService.PolicyView p = policies.getPolicy(root, t.info(), admin);
    assertThat(p.awsManaged()).isTrue();
    assertThat(p.name()).isEqualTo("AdministratorAccess");
    assertThat(versions.listPolicyVersions(root, t.info(), admin, null, null).items())
        .singleElement()
        .satisfies(v -> assertThat(v.isDefault()).isTrue());
    expect(() -> policies.deletePolicy(root, t.info(), admin), AwsErrorCode.ACCESS_DENIED);
    expect(
        () -> versions.createPolicyVersion(root, t.info(), admin, DOC, false),
        AwsErrorCode.ACCESS_DENIED);
    expect(
        () -> policies.getPolicy(root, t.info(), "arn:aws:iam::aws:policy/NoSuchPolicy"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Policy arn:aws:iam::aws:policy/NoSuchPolicy was not found.");
  }

  @Test
  void anotherAccountsPolicyIsNotFound() {
    create("Reader");
    t.account(TestIam.OTHER_ACCOUNT);
    Caller other = t.root(TestIam.OTHER_ACCOUNT);
    expect(
        () -> policies.getPolicy(other, t.info(), ARN),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Policy " + ARN + " was not found.");
    expect(
        () -> versions.createPolicyVersion(other, t.info(), ARN, DOC, false),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Policy " + ARN + " does not exist or is not attachable.");
  }

  @Test
  void listPoliciesFiltersByScopeAttachmentAndBoundaryUse() {
    create("Zeta");
    create("alpha");
    t.write(
        r ->
            r.attachments()
                .attach(ACCOUNT, PrincipalType.USER, "u", "arn:aws:iam::123456789012:policy/Zeta"));
    assertThat(
            policies.listPolicies(root, t.info(), "Local", false, null, null, null, null).items())
        .extracting(PolicyService.PolicyView::name)
        .containsExactly("alpha", "Zeta");
    assertThat(policies.listPolicies(root, t.info(), "Local", true, null, null, null, null).items())
        .extracting(PolicyService.PolicyView::name)
        .containsExactly("Zeta");
    Page<PolicyService.PolicyView> aws =
        policies.listPolicies(root, t.info(), "AWS", false, null, null, null, 1000);
    assertThat(aws.truncated()).as("the catalog has more than 1,000 policies").isTrue();
    assertThat(aws.items()).hasSize(1000).allSatisfy(p -> assertThat(p.awsManaged()).isTrue());
    Role role = t.ensureRole(ACCOUNT, "Bounded", TestIam.TRUST_ACCOUNT);
    t.write(
        r ->
            r.roles()
                .update(
                    new Role(
                        role.accountId(),
                        role.roleId(),
                        role.name(),
                        role.path(),
                        role.assumeRolePolicyDocument(),
                        null,
                        3600,
                        "arn:aws:iam::123456789012:policy/alpha",
                        List.of(),
                        role.createDate(),
                        null,
                        null)));
    assertThat(
            policies
                .listPolicies(root, t.info(), "All", false, "PermissionsBoundary", null, null, null)
                .items())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.name()).isEqualTo("alpha");
              assertThat(p.permissionsBoundaryUsageCount()).isEqualTo(1);
            });
  }

  @Test
  void listEntitiesForPolicyListsGroupsUsersAndRolesOnceEach() {
    create("Reader");
    t.write(
        r -> {
          r.groups()
              .insert(
                  new dev.rolegate.core.model.Group(
                      ACCOUNT, "AGPADEVS0000000000000", "devs", "/", TestIam.START));
          r.attachments().attach(ACCOUNT, PrincipalType.GROUP, "devs", ARN);
        });
    User bob = t.ensureUser(ACCOUNT, "bob");
    t.ensureUser(ACCOUNT, "Alice");
    t.write(
        r -> {
          r.attachments().attach(ACCOUNT, PrincipalType.USER, "bob", ARN);
          r.attachments().attach(ACCOUNT, PrincipalType.USER, "alice", ARN);
          r.users()
              .update(
                  new User(
                      bob.accountId(),
                      bob.userId(),
                      bob.name(),
                      bob.path(),
                      ARN,
                      bob.tags(),
                      bob.createDate()));
        });
    assertThat(
            versions
                .listEntitiesForPolicy(root, t.info(), ARN, null, null, null, null, null)
                .items())
        .extracting(
            PolicyVersionService.PolicyEntity::type, PolicyVersionService.PolicyEntity::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(PrincipalType.GROUP, "devs"),
            org.assertj.core.groups.Tuple.tuple(PrincipalType.USER, "Alice"),
            org.assertj.core.groups.Tuple.tuple(PrincipalType.USER, "bob"));
    assertThat(
            versions
                .listEntitiesForPolicy(
                    root, t.info(), ARN, "User", null, "PermissionsBoundary", null, null)
                .items())
        .extracting(PolicyVersionService.PolicyEntity::name)
        .containsExactly("bob");
  }

  @Test
  void aUserNeedsPermissionForEachPolicyAction() {
    create("Reader");
    Caller reader = t.user("reader", TestIam.allow("iam:GetPolicy", ARN));
    assertThat(policies.getPolicy(reader, t.info(), ARN).name()).isEqualTo("Reader");
    expect(
        () -> versions.createPolicyVersion(reader, t.info(), ARN, DOC, false),
        AwsErrorCode.ACCESS_DENIED,
        "User: arn:aws:iam::123456789012:user/reader is not authorized to perform: iam:CreatePolicyVersion on resource: policy "
            + ARN
            + " because no identity-based policy allows the iam:CreatePolicyVersion action");
  }
}
