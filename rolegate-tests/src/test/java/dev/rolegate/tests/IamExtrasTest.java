package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.awsError;
import static dev.rolegate.tests.E2e.decoded;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.roleArn;
import static dev.rolegate.tests.E2e.trust;
import static dev.rolegate.tests.E2e.userArn;
import static dev.rolegate.tests.E2e.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyUser;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Managed policy versions, ListEntitiesForPolicy and PermissionsBoundaryUsageCount, permissions
 * boundaries and tags, through the AWS SDK for Java v2, with AWS's errors (docs/aws-reference.md
 * §4.4).
 */
class IamExtrasTest extends ServerTest {
  static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  static final String LIST_ROLES = allow("iam:ListRoles", "*");
  static final String GET_USER = allow("iam:GetUser", "*");

  static String policyArn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":policy/" + name;
  }

  static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  static List<String> versionIds(String arn) {
    return iam.listPolicyVersions(b -> b.policyArn(arn)).versions().stream()
        .map(PolicyVersion::versionId)
        .toList();
  }

  // ---------------------------------------------------------------- versions

  @Test
  void versionsAreNumberedNeverReusedListedNewestFirstAndLimitedToFive() {
    String arn =
        iam.createPolicy(b -> b.policyName("Evolving").policyDocument(GET_USER)).policy().arn();
    PolicyVersion v2 =
        iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(allow("iam:GetRole", "*")))
            .policyVersion();
    assertThat(v2.versionId()).isEqualTo("v2");
    assertThat(v2.isDefaultVersion()).isFalse();
    assertThat(v2.document()).as("CreatePolicyVersion shows no Document").isNull();
    assertThat(v2.createDate()).isNotNull();
    PolicyVersion v3 =
        iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(LIST_ROLES).setAsDefault(true))
            .policyVersion();
    assertThat(v3.versionId()).isEqualTo("v3");
    assertThat(v3.isDefaultVersion()).isTrue();
    iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(allow("iam:GetPolicy", "*")));
    iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(allow("iam:ListUsers", "*")));

    List<PolicyVersion> listed = iam.listPolicyVersions(b -> b.policyArn(arn)).versions();
    assertThat(listed)
        .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
        .containsExactly(
            tuple("v5", false),
            tuple("v4", false),
            tuple("v3", true),
            tuple("v2", false),
            tuple("v1", false));
    assertThat(listed)
        .allSatisfy(
            v -> assertThat(v.document()).as("ListPolicyVersions shows no Document").isNull());
    Policy p = iam.getPolicy(b -> b.policyArn(arn)).policy();
    assertThat(p.defaultVersionId()).isEqualTo("v3");
    assertThat(p.updateDate()).isAfterOrEqualTo(p.createDate());

    expectError(
        () -> iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(GET_USER)),
        "LimitExceeded",
        409,
        "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.");

    iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v2"));
    PolicyVersion v6 =
        iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(allow("s3:GetObject", "*")))
            .policyVersion();
    assertThat(v6.versionId()).as("version ids are never reused").isEqualTo("v6");
    assertThat(versionIds(arn)).containsExactly("v6", "v5", "v4", "v3", "v1");
    PolicyVersion got = iam.getPolicyVersion(b -> b.policyArn(arn).versionId("v6")).policyVersion();
    assertThat(decoded(got.document())).isEqualTo(allow("s3:GetObject", "*"));
    assertThat(got.isDefaultVersion()).isFalse();

    // paging
    var first = iam.listPolicyVersions(b -> b.policyArn(arn).maxItems(2));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.versions()).extracting(PolicyVersion::versionId).containsExactly("v6", "v5");
    var rest = iam.listPolicyVersions(b -> b.policyArn(arn).marker(first.marker()));
    assertThat(rest.isTruncated()).isFalse();
    assertThat(rest.versions())
        .extracting(PolicyVersion::versionId)
        .containsExactly("v4", "v3", "v1");
  }

  @Test
  void theDefaultVersionCannotBeDeletedAndDeletePolicyWorksOnceOnlyItIsLeft() {
    String arn =
        iam.createPolicy(b -> b.policyName("Doomed").policyDocument(GET_USER)).policy().arn();
    iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(LIST_ROLES).setAsDefault(true));
    iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(allow("iam:GetRole", "*")));

    expectError(
        () -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v2")),
        "DeleteConflict",
        409,
        "Cannot delete the default version of a policy.");
    expectError(
        () -> iam.deletePolicy(b -> b.policyArn(arn)),
        "DeleteConflict",
        409,
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
    iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v1"));
    iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v3"));
    assertThat(versionIds(arn)).containsExactly("v2");
    iam.deletePolicy(b -> b.policyArn(arn));
    expectError(
        () -> iam.getPolicy(b -> b.policyArn(arn)),
        "NoSuchEntity",
        404,
        "Policy " + arn + " was not found.");
  }

  @Test
  void versionErrorsAreAwsOwn() {
    String arn = iam.createPolicy(b -> b.policyName("P").policyDocument(GET_USER)).policy().arn();
    String missing = policyArn("Missing");
    expectError(
        () -> iam.setDefaultPolicyVersion(b -> b.policyArn(arn).versionId("v9")),
        "NoSuchEntity",
        404,
        "Policy " + arn + " version v9 does not exist or is not attachable.");
    expectError(
        () -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v9")),
        "NoSuchEntity",
        404,
        "Policy " + arn + " version v9 does not exist or is not attachable.");
    expectError(
        () -> iam.setDefaultPolicyVersion(b -> b.policyArn(missing).versionId("v1")),
        "NoSuchEntity",
        404,
        "Policy " + missing + " version v1 does not exist or is not attachable.");
    String badId =
        "1 validation error detected: Value at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?";
    expectError(
        () -> iam.setDefaultPolicyVersion(b -> b.policyArn(arn).versionId("1")),
        "ValidationError",
        400,
        badId);
    expectError(
        () -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v0")),
        "ValidationError",
        400,
        badId);
    expectError(
        () -> iam.createPolicyVersion(b -> b.policyArn(missing).policyDocument(GET_USER)),
        "NoSuchEntity",
        404,
        "Policy " + missing + " does not exist or is not attachable.");
    expectError(
        () -> iam.listPolicyVersions(b -> b.policyArn(missing)),
        "NoSuchEntity",
        404,
        "Policy " + missing + " was not found.");
    expectError(
        () ->
            iam.createPolicyVersion(
                b -> b.policyArn("not-an-arn-at-all-really").policyDocument(GET_USER)),
        "ValidationError",
        400,
        "ARN not-an-arn-at-all-really is not valid.");
    // documents are validated as managed identity policies
    expectError(
        () ->
            iam.createPolicyVersion(
                b ->
                    b.policyArn(arn)
                        .policyDocument(
                            "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")),
        "MalformedPolicyDocument",
        400,
        "Policy document must be version 2012-10-17 or greater.");
    expectError(
        () -> iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument("not json")),
        "MalformedPolicyDocument",
        400,
        "Syntax errors in policy.");
    assertThat(versionIds(arn)).containsExactly("v1");
  }

  /**
   * Pinned choice: writes to AWS managed policies are AccessDenied (the policy is in account
   * "aws"), even for root.
   */
  @Test
  void awsManagedPoliciesAreReadOnly() {
    String denied =
        "User: arn:aws:iam::"
            + ACCOUNT
            + ":root is not authorized to perform: %s on resource: "
            + READ_ONLY
            + " because no resource-based policy allows the %s action";
    expectError(
        () ->
            iam.createPolicyVersion(
                b -> b.policyArn(READ_ONLY).policyDocument(GET_USER).setAsDefault(true)),
        "AccessDenied",
        403,
        denied.formatted("iam:CreatePolicyVersion", "iam:CreatePolicyVersion"));
    expectError(
        () -> iam.setDefaultPolicyVersion(b -> b.policyArn(READ_ONLY).versionId("v1")),
        "AccessDenied",
        403,
        denied.formatted("iam:SetDefaultPolicyVersion", "iam:SetDefaultPolicyVersion"));
    expectError(
        () -> iam.deletePolicyVersion(b -> b.policyArn(READ_ONLY).versionId("v1")),
        "AccessDenied",
        403,
        denied.formatted("iam:DeletePolicyVersion", "iam:DeletePolicyVersion"));
    expectError(
        () -> iam.tagPolicy(b -> b.policyArn(READ_ONLY).tags(tag("a", "b"))),
        "AccessDenied",
        403,
        denied.formatted("iam:TagPolicy", "iam:TagPolicy"));
    expectError(
        () -> iam.untagPolicy(b -> b.policyArn(READ_ONLY).tagKeys("a")),
        "AccessDenied",
        403,
        denied.formatted("iam:UntagPolicy", "iam:UntagPolicy"));
    // reading works: one default version, no tags
    Policy p = iam.getPolicy(b -> b.policyArn(READ_ONLY)).policy();
    List<PolicyVersion> versions = iam.listPolicyVersions(b -> b.policyArn(READ_ONLY)).versions();
    assertThat(versions)
        .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
        .containsExactly(tuple(p.defaultVersionId(), true));
    assertThat(iam.listPolicyTags(b -> b.policyArn(READ_ONLY)).tags()).isEmpty();
  }

  @Test
  void setAsDefaultSwitchesWhatThePolicyGrants() {
    AwsBasicCredentials alice = userWithKey(iam, "alice");
    iam.createRole(b -> b.roleName("Worker").assumeRolePolicyDocument(trust(userArn("alice"))));
    String arn =
        iam.createPolicy(b -> b.policyName("WorkerPolicy").policyDocument(GET_USER)).policy().arn();
    iam.attachRolePolicy(b -> b.roleName("Worker").policyArn(arn));
    Credentials session;
    try (StsClient asAlice = server.sts(alice)) {
      session =
          asAlice.assumeRole(b -> b.roleArn(roleArn("Worker")).roleSessionName("s1")).credentials();
    }
    try (IamClient asRole = server.iam(TestServer.session(session))) {
      AwsServiceException before = awsError(asRole::listRoles);
      assertThat(before.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(before.statusCode()).isEqualTo(403);

      // a new version that is not the default grants nothing yet
      iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(LIST_ROLES));
      assertThat(awsError(asRole::listRoles).statusCode()).isEqualTo(403);

      iam.setDefaultPolicyVersion(b -> b.policyArn(arn).versionId("v2"));
      assertThat(asRole.listRoles().roles())
          .extracting(r -> r.roleName())
          .containsExactly("Worker");
      assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v2");

      iam.setDefaultPolicyVersion(b -> b.policyArn(arn).versionId("v1"));
      assertThat(awsError(asRole::listRoles).statusCode()).isEqualTo(403);

      // SetAsDefault on create takes effect at once
      iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(LIST_ROLES).setAsDefault(true));
      assertThat(asRole.listRoles().roles()).hasSize(1);
    }
  }

  // ---------------------------------------------------------------- who uses a policy

  @Test
  void listEntitiesForPolicyListsAttachedAndBoundedRolesAndUsers() {
    String arn =
        iam.createPolicy(b -> b.policyName("Shared").policyDocument(GET_USER)).policy().arn();
    iam.createRole(b -> b.roleName("zeta").path("/app/").assumeRolePolicyDocument(trust(ACCOUNT)));
    iam.createRole(b -> b.roleName("Alpha").assumeRolePolicyDocument(trust(ACCOUNT)));
    iam.createRole(
        b ->
            b.roleName("bounded")
                .assumeRolePolicyDocument(trust(ACCOUNT))
                .permissionsBoundary(arn));
    iam.createUser(b -> b.userName("carol").path("/app/"));
    iam.createUser(b -> b.userName("bob"));
    iam.attachRolePolicy(b -> b.roleName("zeta").policyArn(arn));
    iam.attachRolePolicy(b -> b.roleName("Alpha").policyArn(arn));
    iam.attachUserPolicy(b -> b.userName("carol").policyArn(arn));
    iam.putUserPermissionsBoundary(b -> b.userName("bob").permissionsBoundary(arn));

    ListEntitiesForPolicyResponse all = iam.listEntitiesForPolicy(b -> b.policyArn(arn));
    assertThat(all.policyRoles())
        .extracting(PolicyRole::roleName)
        .containsExactly("Alpha", "bounded", "zeta");
    assertThat(all.policyRoles()).allSatisfy(r -> assertThat(r.roleId()).startsWith("AROA"));
    assertThat(all.policyUsers()).extracting(PolicyUser::userName).containsExactly("bob", "carol");
    assertThat(all.policyUsers()).allSatisfy(u -> assertThat(u.userId()).startsWith("AIDA"));
    assertThat(all.policyGroups()).isEmpty();
    assertThat(all.isTruncated()).isFalse();

    assertThat(
            iam.listEntitiesForPolicy(
                b -> b.policyArn(arn).policyUsageFilter(PolicyUsageType.PERMISSIONS_POLICY)))
        .satisfies(
            r -> {
              assertThat(r.policyRoles())
                  .extracting(PolicyRole::roleName)
                  .containsExactly("Alpha", "zeta");
              assertThat(r.policyUsers()).extracting(PolicyUser::userName).containsExactly("carol");
            });
    assertThat(
            iam.listEntitiesForPolicy(
                b -> b.policyArn(arn).policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY)))
        .satisfies(
            r -> {
              assertThat(r.policyRoles())
                  .extracting(PolicyRole::roleName)
                  .containsExactly("bounded");
              assertThat(r.policyUsers()).extracting(PolicyUser::userName).containsExactly("bob");
            });
    assertThat(iam.listEntitiesForPolicy(b -> b.policyArn(arn).entityFilter(EntityType.USER)))
        .satisfies(
            r -> {
              assertThat(r.policyRoles()).isEmpty();
              assertThat(r.policyUsers())
                  .extracting(PolicyUser::userName)
                  .containsExactly("bob", "carol");
            });
    assertThat(iam.listEntitiesForPolicy(b -> b.policyArn(arn).pathPrefix("/app/")))
        .satisfies(
            r -> {
              assertThat(r.policyRoles()).extracting(PolicyRole::roleName).containsExactly("zeta");
              assertThat(r.policyUsers()).extracting(PolicyUser::userName).containsExactly("carol");
            });

    // pages run over users, then roles
    List<String> seen = new ArrayList<>();
    String marker = null;
    do {
      String m = marker;
      ListEntitiesForPolicyResponse page =
          iam.listEntitiesForPolicy(b -> b.policyArn(arn).maxItems(2).marker(m));
      assertThat(page.policyUsers().size() + page.policyRoles().size()).isBetween(1, 2);
      page.policyUsers().forEach(u -> seen.add("user:" + u.userName()));
      page.policyRoles().forEach(r -> seen.add("role:" + r.roleName()));
      marker = page.isTruncated() ? page.marker() : null;
    } while (marker != null);
    assertThat(seen)
        .containsExactly("user:bob", "user:carol", "role:Alpha", "role:bounded", "role:zeta");

    // counts on GetPolicy and ListPolicies
    Policy p = iam.getPolicy(b -> b.policyArn(arn)).policy();
    assertThat(p.attachmentCount()).isEqualTo(3);
    assertThat(p.permissionsBoundaryUsageCount()).isEqualTo(2);
    Policy listed = iam.listPolicies(b -> b.scope("Local")).policies().get(0);
    assertThat(listed.permissionsBoundaryUsageCount()).isEqualTo(2);
    assertThat(listed.attachmentCount()).isEqualTo(3);

    // an AWS managed policy used as a boundary counts too
    iam.putRolePermissionsBoundary(b -> b.roleName("Alpha").permissionsBoundary(READ_ONLY));
    assertThat(iam.getPolicy(b -> b.policyArn(READ_ONLY)).policy().permissionsBoundaryUsageCount())
        .isEqualTo(1);
    assertThat(iam.listEntitiesForPolicy(b -> b.policyArn(READ_ONLY)).policyRoles())
        .extracting(PolicyRole::roleName)
        .containsExactly("Alpha");

    String missing = policyArn("Missing");
    expectError(
        () -> iam.listEntitiesForPolicy(b -> b.policyArn(missing)),
        "NoSuchEntity",
        404,
        "Policy " + missing + " was not found.");
    expectError(
        () -> iam.listEntitiesForPolicy(b -> b.policyArn(arn).entityFilter("Nobody")),
        "ValidationError",
        400,
        "1 validation error detected: Value 'Nobody' at 'entityFilter' failed to satisfy constraint: Member must satisfy enum value set: "
            + "[User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]");
  }

  // ---------------------------------------------------------------- permissions boundaries

  @Test
  void aBoundaryNarrowsAUsersPermissionsAndRemovingItRestoresThem() {
    AwsBasicCredentials bob = userWithKey(iam, "bob");
    iam.putUserPolicy(
        b ->
            b.userName("bob")
                .policyName("wide")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:ListRoles\",\"iam:ListUsers\"],\"Resource\":\"*\"}]}"));
    String boundary =
        iam.createPolicy(
                b -> b.policyName("OnlyListUsers").policyDocument(allow("iam:ListUsers", "*")))
            .policy()
            .arn();
    try (IamClient asBob = server.iam(bob)) {
      assertThat(asBob.listRoles().roles()).isEmpty();

      iam.putUserPermissionsBoundary(b -> b.userName("bob").permissionsBoundary(boundary));
      var u = iam.getUser(b -> b.userName("bob")).user();
      assertThat(u.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
      assertThat(u.permissionsBoundary().permissionsBoundaryTypeAsString()).isEqualTo("Policy");
      assertThat(asBob.listUsers().users()).extracting(x -> x.userName()).containsExactly("bob");
      AwsServiceException e = awsError(asBob::listRoles);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorMessage())
          .startsWith(
              "User: "
                  + userArn("bob")
                  + " is not authorized to perform: iam:ListRoles on resource: ")
          .contains("permissions boundary");

      // the boundary policy is in use: it cannot be deleted
      assertThat(iam.getPolicy(b -> b.policyArn(boundary)).policy().permissionsBoundaryUsageCount())
          .isEqualTo(1);
      expectError(
          () -> iam.deletePolicy(b -> b.policyArn(boundary)),
          "DeleteConflict",
          409,
          "Cannot delete a policy attached to entities.");

      iam.deleteUserPermissionsBoundary(b -> b.userName("bob"));
      assertThat(iam.getUser(b -> b.userName("bob")).user().permissionsBoundary()).isNull();
      assertThat(asBob.listRoles().roles()).isEmpty();
      iam.deleteUserPermissionsBoundary(b -> b.userName("bob")); // none left: not an error
      assertThat(iam.getPolicy(b -> b.policyArn(boundary)).policy().permissionsBoundaryUsageCount())
          .isZero();
      iam.deletePolicy(b -> b.policyArn(boundary));
    }
  }

  @Test
  void roleBoundariesAreSetShownReplacedAndRemoved() {
    iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(trust(ACCOUNT)));
    String boundary =
        iam.createPolicy(b -> b.policyName("B").policyDocument(GET_USER)).policy().arn();
    iam.putRolePermissionsBoundary(b -> b.roleName("r").permissionsBoundary(boundary));
    var role = iam.getRole(b -> b.roleName("r")).role();
    assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
    assertThat(role.permissionsBoundary().permissionsBoundaryTypeAsString()).isEqualTo("Policy");
    iam.putRolePermissionsBoundary(b -> b.roleName("r").permissionsBoundary(READ_ONLY));
    assertThat(
            iam.getRole(b -> b.roleName("r")).role().permissionsBoundary().permissionsBoundaryArn())
        .isEqualTo(READ_ONLY);
    iam.deleteRolePermissionsBoundary(b -> b.roleName("r"));
    assertThat(iam.getRole(b -> b.roleName("r")).role().permissionsBoundary()).isNull();
  }

  @Test
  void boundaryErrorsAreAwsOwn() {
    iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(trust(ACCOUNT)));
    iam.createUser(b -> b.userName("u"));
    String nonexistent = policyArn("nonexistent-policy");
    String malformed = "arn:aws:iam::" + ACCOUNT + ":not_a_policy/invalid";
    expectError(
        () -> iam.putRolePermissionsBoundary(b -> b.roleName("r").permissionsBoundary(nonexistent)),
        "NoSuchEntity",
        404,
        "Scope ARN: " + nonexistent + " does not exist or is not attachable.");
    expectError(
        () -> iam.putUserPermissionsBoundary(b -> b.userName("u").permissionsBoundary(nonexistent)),
        "NoSuchEntity",
        404,
        "Scope ARN: " + nonexistent + " does not exist or is not attachable.");
    expectError(
        () -> iam.putRolePermissionsBoundary(b -> b.roleName("r").permissionsBoundary(malformed)),
        "InvalidInput",
        400,
        "ARN " + malformed + " is not valid.");
    expectError(
        () -> iam.putUserPermissionsBoundary(b -> b.userName("u").permissionsBoundary(malformed)),
        "InvalidInput",
        400,
        "ARN " + malformed + " is not valid.");
    expectError(
        () ->
            iam.putRolePermissionsBoundary(
                b -> b.roleName("test-nonexistent-role").permissionsBoundary(READ_ONLY)),
        "NoSuchEntity",
        404,
        "The role with name test-nonexistent-role cannot be found.");
    expectError(
        () -> iam.deleteRolePermissionsBoundary(b -> b.roleName("test-nonexistent-role")),
        "NoSuchEntity",
        404,
        "The role with name test-nonexistent-role cannot be found.");
    expectError(
        () ->
            iam.putUserPermissionsBoundary(
                b -> b.userName("nobody").permissionsBoundary(READ_ONLY)),
        "NoSuchEntity",
        404,
        "The user with name nobody cannot be found.");
    expectError(
        () -> iam.deleteUserPermissionsBoundary(b -> b.userName("nobody")),
        "NoSuchEntity",
        404,
        "The user with name nobody cannot be found.");
    assertThat(iam.getRole(b -> b.roleName("r")).role().permissionsBoundary()).isNull();
  }

  // ---------------------------------------------------------------- tags

  @Test
  void roleTagsMergeListPageAndUntag() {
    iam.createRole(
        b ->
            b.roleName("r")
                .assumeRolePolicyDocument(trust(ACCOUNT))
                .tags(tag("team", "a"), tag("env", "dev")));
    iam.tagRole(b -> b.roleName("r").tags(tag("ENV", "prod"), tag("owner", "me")));
    ListRoleTagsResponse tags = iam.listRoleTags(b -> b.roleName("r"));
    assertThat(tags.tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(tuple("team", "a"), tuple("ENV", "prod"), tuple("owner", "me"));
    assertThat(tags.isTruncated()).isFalse();
    assertThat(iam.getRole(b -> b.roleName("r")).role().tags()).hasSize(3);

    var first = iam.listRoleTags(b -> b.roleName("r").maxItems(2));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.tags()).extracting(Tag::key).containsExactly("team", "ENV");
    assertThat(iam.listRoleTags(b -> b.roleName("r").marker(first.marker())).tags())
        .extracting(Tag::key)
        .containsExactly("owner");

    iam.untagRole(b -> b.roleName("r").tagKeys("env", "absent"));
    assertThat(iam.listRoleTags(b -> b.roleName("r")).tags())
        .extracting(Tag::key)
        .containsExactly("team", "owner");

    expectError(
        () -> iam.tagRole(b -> b.roleName("r").tags(tag("a", "1"), tag("A", "2"))),
        "InvalidInput",
        400,
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    expectError(
        () -> iam.tagRole(b -> b.roleName("test-nonexistent-role").tags(tag("a", "1"))),
        "NoSuchEntity",
        404,
        "The role with name test-nonexistent-role cannot be found.");
    expectError(
        () -> iam.untagRole(b -> b.roleName("test-nonexistent-role").tagKeys("a")),
        "NoSuchEntity",
        404,
        "The role with name test-nonexistent-role cannot be found.");
    expectError(
        () -> iam.listRoleTags(b -> b.roleName("test-nonexistent-role")),
        "NoSuchEntity",
        404,
        "The role with name test-nonexistent-role cannot be found.");
    expectError(
        () -> iam.untagRole(b -> b.roleName("r").tagKeys("bad;key")),
        "ValidationError",
        400,
        "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: "
            + "[Member must have length less than or equal to 128, Member must have length greater than or equal to 1, "
            + "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+, Member must not be null]");
    expectError(
        () -> iam.tagRole(b -> b.roleName("r").tags(tag("k".repeat(129), "v"))),
        "ValidationError",
        400,
        "1 validation error detected: Value '"
            + "k".repeat(129)
            + "' at 'tags.1.member.key' failed to satisfy constraint: "
            + "Member must have length less than or equal to 128");
    expectError(
        () -> iam.tagRole(b -> b.roleName("r").tags(tag("k", "v".repeat(257)))),
        "ValidationError",
        400,
        "1 validation error detected: Value at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256");
  }

  @Test
  void theFiftyTagLimitCountsTheResult() {
    String limit =
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50";
    iam.createUser(b -> b.userName("u"));
    List<Tag> forty = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      forty.add(tag("k" + i, "v"));
    }
    iam.tagUser(b -> b.userName("u").tags(forty));
    List<Tag> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(tag("n" + i, "v"));
    }
    iam.tagUser(b -> b.userName("u").tags(ten));
    assertThat(iam.listUserTags(b -> b.userName("u")).tags()).hasSize(50);
    // replacing at the limit is fine, one more is not
    iam.tagUser(b -> b.userName("u").tags(tag("K0", "replaced")));
    expectError(
        () -> iam.tagUser(b -> b.userName("u").tags(tag("one-more", "v"))),
        "ValidationError",
        400,
        limit);
    List<Tag> fiftyOne = new ArrayList<>(forty);
    fiftyOne.addAll(ten);
    fiftyOne.add(tag("x", "y"));
    expectError(
        () -> iam.tagUser(b -> b.userName("u").tags(fiftyOne)), "ValidationError", 400, limit);
    List<Tag> now = iam.listUserTags(b -> b.userName("u")).tags();
    assertThat(now).hasSize(50).contains(tag("K0", "replaced")).doesNotContain(tag("k0", "v"));

    iam.untagUser(b -> b.userName("u").tagKeys("k1", "N2"));
    assertThat(iam.listUserTags(b -> b.userName("u")).tags()).hasSize(48);
    assertThat(iam.getUser(b -> b.userName("u")).user().tags()).hasSize(48);
    expectError(
        () -> iam.tagUser(b -> b.userName("nobody").tags(tag("a", "b"))),
        "NoSuchEntity",
        404,
        "The user with name nobody cannot be found.");
    expectError(
        () -> iam.listUserTags(b -> b.userName("nobody")),
        "NoSuchEntity",
        404,
        "The user with name nobody cannot be found.");
  }

  @Test
  void policyTagKeysAreCaseSensitive() {
    String arn =
        iam.createPolicy(b -> b.policyName("P").policyDocument(GET_USER).tags(tag("a", "1")))
            .policy()
            .arn();
    iam.tagPolicy(b -> b.policyArn(arn).tags(tag("A", "2"), tag("a", "3")));
    assertThat(iam.listPolicyTags(b -> b.policyArn(arn)).tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(tuple("a", "3"), tuple("A", "2"));
    assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().tags()).hasSize(2);
    expectError(
        () -> iam.tagPolicy(b -> b.policyArn(arn).tags(tag("b", "1"), tag("b", "2"))),
        "InvalidInput",
        400,
        "Duplicate tag keys found.");
    iam.untagPolicy(b -> b.policyArn(arn).tagKeys("A"));
    assertThat(iam.listPolicyTags(b -> b.policyArn(arn)).tags())
        .extracting(Tag::key)
        .containsExactly("a");
    String missing = policyArn("NotAPolicy");
    expectError(
        () -> iam.tagPolicy(b -> b.policyArn(missing).tags(tag("a", "b"))),
        "NoSuchEntity",
        404,
        "Policy " + missing + " was not found.");
    expectError(
        () -> iam.untagPolicy(b -> b.policyArn(missing).tagKeys("a")),
        "NoSuchEntity",
        404,
        "Policy " + missing + " was not found.");
    expectError(
        () -> iam.listPolicyTags(b -> b.policyArn(missing)),
        "NoSuchEntity",
        404,
        "Policy " + missing + " was not found.");
  }

  @Test
  void instanceProfileTagsMergeAndUntag() {
    iam.createInstanceProfile(b -> b.instanceProfileName("ip").tags(tag("Team", "a")));
    iam.tagInstanceProfile(
        b -> b.instanceProfileName("ip").tags(tag("team", "b"), tag("env", "x")));
    assertThat(iam.listInstanceProfileTags(b -> b.instanceProfileName("ip")).tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(tuple("team", "b"), tuple("env", "x"));
    iam.untagInstanceProfile(b -> b.instanceProfileName("ip").tagKeys("TEAM"));
    assertThat(iam.getInstanceProfile(b -> b.instanceProfileName("ip")).instanceProfile().tags())
        .extracting(Tag::key)
        .containsExactly("env");
    expectError(
        () -> iam.tagInstanceProfile(b -> b.instanceProfileName("nope").tags(tag("a", "b"))),
        "NoSuchEntity",
        404,
        "Instance Profile nope cannot be found.");
    expectError(
        () -> iam.listInstanceProfileTags(b -> b.instanceProfileName("nope")),
        "NoSuchEntity",
        404,
        "Instance Profile nope cannot be found.");
  }

  @Test
  void tagActionsAreAuthorizedWithRequestTagsAndTagKeys() {
    AwsBasicCredentials dana = userWithKey(iam, "dana");
    iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(trust(ACCOUNT)));
    iam.putUserPolicy(
        b ->
            b.userName("dana")
                .policyName("tagging")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:TagRole\",\"iam:UntagRole\"],\"Resource\":\"*\","
                        + "\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\"]},\"StringEqualsIfExists\":{\"aws:RequestTag/team\":\"blue\"}}}]}"));
    try (IamClient asDana = server.iam(dana)) {
      asDana.tagRole(b -> b.roleName("r").tags(tag("team", "blue")));
      assertThat(
              awsError(() -> asDana.tagRole(b -> b.roleName("r").tags(tag("team", "red"))))
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              awsError(() -> asDana.tagRole(b -> b.roleName("r").tags(tag("owner", "dana"))))
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              awsError(() -> asDana.untagRole(b -> b.roleName("r").tagKeys("owner"))).statusCode())
          .isEqualTo(403);
      asDana.untagRole(b -> b.roleName("r").tagKeys("team"));
    }
    assertThat(iam.listRoleTags(b -> b.roleName("r")).tags()).isEmpty();
  }

  @Test
  void listPoliciesFiltersByUsageAsPermissionsPolicyOrAsPermissionsBoundary() {
    String attached =
        iam.createPolicy(b -> b.policyName("Attached").policyDocument(GET_USER)).policy().arn();
    String bounding =
        iam.createPolicy(b -> b.policyName("Bounding").policyDocument(GET_USER)).policy().arn();
    iam.createPolicy(b -> b.policyName("Unused").policyDocument(GET_USER));
    iam.createUser(b -> b.userName("alice"));
    iam.attachUserPolicy(b -> b.userName("alice").policyArn(attached));
    iam.createRole(
        b ->
            b.roleName("app")
                .assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root"))
                .permissionsBoundary(bounding));
    iam.createGroup(b -> b.groupName("devs"));
    iam.attachGroupPolicy(b -> b.groupName("devs").policyArn(READ_ONLY));

    assertThat(
            iam.listPolicies(
                    b -> b.scope("Local").policyUsageFilter(PolicyUsageType.PERMISSIONS_POLICY))
                .policies())
        .extracting(Policy::policyName)
        .containsExactly("Attached");
    assertThat(
            iam.listPolicies(
                    b -> b.scope("Local").policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY))
                .policies())
        .extracting(Policy::policyName)
        .containsExactly("Bounding");
    assertThat(
            iam.listPolicies(b -> b.policyUsageFilter(PolicyUsageType.PERMISSIONS_POLICY))
                .policies())
        .extracting(Policy::arn)
        .containsExactly(attached, READ_ONLY);
    assertThat(iam.listPolicies(b -> b.scope("Local")).policies()).as("no filter: all").hasSize(3);
    expectError(
        () -> iam.listPolicies(b -> b.policyUsageFilter("Other")),
        "ValidationError",
        400,
        "1 validation error detected: Value 'Other' at 'policyUsageFilter' failed to satisfy constraint: Member must satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]");
  }
}
