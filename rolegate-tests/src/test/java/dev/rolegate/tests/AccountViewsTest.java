package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.decoded;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.trust;
import static dev.rolegate.tests.E2e.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.UserDetail;

/**
 * Issue 7: GetAccountSummary, account aliases and GetAccountAuthorizationDetails through the AWS
 * SDK for Java v2.
 */
class AccountViewsTest extends ServerTest {
  static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  static final String LIST_ROLES = allow("iam:ListRoles", "*");

  static String policyArn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":policy/" + name;
  }

  // ---------------------------------------------------------------- GetAccountSummary

  @Test
  void theSummaryCountsTheAccountsEntitiesAndShowsAwsQuotasUnderAwsKeys() {
    iam.createUser(b -> b.userName("alice"));
    iam.createUser(b -> b.userName("bob"));
    iam.createGroup(b -> b.groupName("devs"));
    iam.createRole(
        b ->
            b.roleName("app").assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root")));
    String local =
        iam.createPolicy(b -> b.policyName("local").policyDocument(LIST_ROLES)).policy().arn();
    iam.createPolicyVersion(b -> b.policyArn(local).policyDocument(allow("iam:GetRole", "*")));
    iam.attachUserPolicy(b -> b.userName("alice").policyArn(local));
    iam.attachGroupPolicy(b -> b.groupName("devs").policyArn(READ_ONLY));
    iam.attachRolePolicy(b -> b.roleName("app").policyArn(local));
    iam.createInstanceProfile(b -> b.instanceProfileName("ip"));
    iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("spare"));
    iam.createOpenIDConnectProvider(b -> b.url("https://oidc.example.com").clientIDList("x"));

    Map<String, Integer> m = iam.getAccountSummary().summaryMapAsStrings();
    assertThat(m.keySet())
        .containsExactlyInAnyOrder(
            "Users",
            "UsersQuota",
            "Groups",
            "GroupsQuota",
            "ServerCertificates",
            "ServerCertificatesQuota",
            "UserPolicySizeQuota",
            "GroupPolicySizeQuota",
            "GroupsPerUserQuota",
            "SigningCertificatesPerUserQuota",
            "AccessKeysPerUserQuota",
            "MFADevices",
            "MFADevicesInUse",
            "AccountMFAEnabled",
            "AccountAccessKeysPresent",
            "AccountPasswordPresent",
            "AccountSigningCertificatesPresent",
            "AttachedPoliciesPerGroupQuota",
            "AttachedPoliciesPerRoleQuota",
            "AttachedPoliciesPerUserQuota",
            "Policies",
            "PoliciesQuota",
            "PolicySizeQuota",
            "PolicyVersionsInUse",
            "PolicyVersionsInUseQuota",
            "VersionsPerPolicyQuota",
            "GlobalEndpointTokenVersion",
            "AssumeRolePolicySizeQuota",
            "InstanceProfiles",
            "InstanceProfilesQuota",
            "Providers",
            "RolePolicySizeQuota",
            "Roles",
            "RolesQuota");
    assertThat(m)
        .containsEntry("Users", 2)
        .containsEntry("Groups", 1)
        .containsEntry("Roles", 1)
        .containsEntry("Policies", 1)
        .containsEntry("InstanceProfiles", 1)
        .containsEntry("MFADevices", 1)
        .containsEntry("MFADevicesInUse", 0)
        .containsEntry("Providers", 1)
        .containsEntry("PolicyVersionsInUse", 3)
        .containsEntry("AccountAccessKeysPresent", 1)
        .containsEntry("AccountMFAEnabled", 0)
        .containsEntry("ServerCertificates", 0);
    assertThat(m)
        .containsEntry("UsersQuota", 5000)
        .containsEntry("GroupsQuota", 300)
        .containsEntry("RolesQuota", 1000)
        .containsEntry("PoliciesQuota", 1500)
        .containsEntry("AccessKeysPerUserQuota", 2)
        .containsEntry("GroupsPerUserQuota", 10)
        .containsEntry("VersionsPerPolicyQuota", 5)
        .containsEntry("AttachedPoliciesPerRoleQuota", 10)
        .containsEntry("RolePolicySizeQuota", 10240)
        .containsEntry("PolicySizeQuota", 6144);
  }

  @Test
  void anotherAccountsEntitiesAreNotCounted() {
    iam.createUser(b -> b.userName("alice"));
    AwsBasicCredentials otherRoot = server.newAccount("210987654321");
    try (IamClient other = server.iam(otherRoot)) {
      assertThat(other.getAccountSummary().summaryMapAsStrings())
          .containsEntry("Users", 0)
          .containsEntry("AccountAccessKeysPresent", 1);
    }
    assertThat(iam.getAccountSummary().summaryMapAsStrings()).containsEntry("Users", 1);
  }

  // ---------------------------------------------------------------- account aliases

  @Test
  void anAccountHasOneAliasANewOneReplacesItAndItIsDeletedByName() {
    assertThat(iam.listAccountAliases().accountAliases()).isEmpty();
    iam.createAccountAlias(b -> b.accountAlias("acme-prod"));
    assertThat(iam.listAccountAliases().accountAliases()).containsExactly("acme-prod");
    expectError(
        () -> iam.createAccountAlias(b -> b.accountAlias("acme-prod")),
        "EntityAlreadyExists",
        409,
        "The account alias acme-prod already exists.");
    iam.createAccountAlias(b -> b.accountAlias("acme-2"));
    assertThat(iam.listAccountAliases().accountAliases()).as("replaced").containsExactly("acme-2");
    expectError(
        () -> iam.deleteAccountAlias(b -> b.accountAlias("acme-prod")),
        "NoSuchEntity",
        404,
        "The account alias acme-prod does not exist.");
    iam.deleteAccountAlias(b -> b.accountAlias("acme-2"));
    assertThat(iam.listAccountAliases().accountAliases()).isEmpty();
    assertThat(iam.listAccountAliases().isTruncated()).isFalse();
  }

  @Test
  void anAliasIsUniqueAcrossAccounts() {
    iam.createAccountAlias(b -> b.accountAlias("shared-name"));
    AwsBasicCredentials otherRoot = server.newAccount("210987654321");
    try (IamClient other = server.iam(otherRoot)) {
      expectError(
          () -> other.createAccountAlias(b -> b.accountAlias("shared-name")),
          "EntityAlreadyExists",
          409,
          "The account alias shared-name already exists.");
      assertThat(other.listAccountAliases().accountAliases()).isEmpty();
      iam.deleteAccountAlias(b -> b.accountAlias("shared-name"));
      other.createAccountAlias(b -> b.accountAlias("shared-name"));
      assertThat(other.listAccountAliases().accountAliases()).containsExactly("shared-name");
    }
    assertThat(iam.listAccountAliases().accountAliases()).isEmpty();
  }

  @Test
  void aliasesFollowAwsRules() {
    String pattern = "^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$";
    for (String bad : List.of("Acme", "acme--prod", "-acme", "acme-", "acme_prod")) {
      expectError(
          () -> iam.createAccountAlias(b -> b.accountAlias(bad)),
          "ValidationError",
          400,
          "1 validation error detected: Value '"
              + bad
              + "' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: "
              + pattern);
    }
    expectError(
        () -> iam.createAccountAlias(b -> b.accountAlias("ab")),
        "ValidationError",
        400,
        "1 validation error detected: Value 'ab' at 'accountAlias' failed to satisfy constraint: Member must have length greater than or equal to 3");
    expectError(
        () -> iam.deleteAccountAlias(b -> b.accountAlias("x".repeat(64))),
        "ValidationError",
        400,
        "1 validation error detected: Value '"
            + "x".repeat(64)
            + "' at 'accountAlias' failed to satisfy constraint: Member must have length less than or equal to 63");
    iam.createAccountAlias(b -> b.accountAlias("a-1-b-2"));
    assertThat(iam.listAccountAliases().accountAliases()).containsExactly("a-1-b-2");
  }

  // ---------------------------------------------------------------- GetAccountAuthorizationDetails

  @SuppressWarnings("unchecked") // the SDK's tags(Consumer<Tag.Builder>...) varargs
  private String everything() {
    iam.createUser(b -> b.userName("alice").tags(t -> t.key("team").value("blue")));
    iam.putUserPolicy(
        b -> b.userName("alice").policyName("user-inline").policyDocument(LIST_ROLES));
    iam.attachUserPolicy(b -> b.userName("alice").policyArn(READ_ONLY));
    String boundary =
        iam.createPolicy(b -> b.policyName("boundary").policyDocument(allow("*", "*")))
            .policy()
            .arn();
    iam.putUserPermissionsBoundary(b -> b.userName("alice").permissionsBoundary(boundary));
    iam.createGroup(b -> b.groupName("devs"));
    iam.addUserToGroup(b -> b.groupName("devs").userName("alice"));
    iam.putGroupPolicy(
        b -> b.groupName("devs").policyName("group-inline").policyDocument(LIST_ROLES));
    String local =
        iam.createPolicy(
                b -> b.policyName("local").policyDocument(LIST_ROLES).description("two versions"))
            .policy()
            .arn();
    iam.createPolicyVersion(
        b -> b.policyArn(local).policyDocument(allow("iam:GetRole", "*")).setAsDefault(true));
    iam.attachGroupPolicy(b -> b.groupName("devs").policyArn(local));
    String trust = trust("arn:aws:iam::" + ACCOUNT + ":root");
    iam.createRole(
        b ->
            b.roleName("app")
                .assumeRolePolicyDocument(trust)
                .tags(t -> t.key("env").value("prod")));
    iam.putRolePolicy(b -> b.roleName("app").policyName("role-inline").policyDocument(LIST_ROLES));
    iam.attachRolePolicy(b -> b.roleName("app").policyArn(local));
    iam.createInstanceProfile(b -> b.instanceProfileName("ip"));
    iam.addRoleToInstanceProfile(b -> b.instanceProfileName("ip").roleName("app"));
    return local;
  }

  @Test
  void theDetailsShowEveryPermissionOfUsersGroupsRolesAndTheirPolicies() {
    String local = everything();
    GetAccountAuthorizationDetailsResponse d = iam.getAccountAuthorizationDetails();
    assertThat(d.isTruncated()).isFalse();

    UserDetail alice = d.userDetailList().get(0);
    assertThat(d.userDetailList()).hasSize(1);
    assertThat(alice.userName()).isEqualTo("alice");
    assertThat(alice.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/alice");
    assertThat(alice.userPolicyList())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.policyName()).isEqualTo("user-inline");
              assertThat(decoded(p.policyDocument())).isEqualTo(LIST_ROLES);
            });
    assertThat(alice.groupList()).containsExactly("devs");
    assertThat(alice.attachedManagedPolicies())
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(READ_ONLY);
    assertThat(alice.permissionsBoundary().permissionsBoundaryArn())
        .isEqualTo(policyArn("boundary"));
    assertThat(alice.tags())
        .singleElement()
        .satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=blue"));

    GroupDetail devs = d.groupDetailList().get(0);
    assertThat(d.groupDetailList()).hasSize(1);
    assertThat(devs.groupName()).isEqualTo("devs");
    assertThat(devs.groupPolicyList())
        .extracting(PolicyDetail::policyName)
        .containsExactly("group-inline");
    assertThat(devs.attachedManagedPolicies())
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(local);

    RoleDetail app = d.roleDetailList().get(0);
    assertThat(d.roleDetailList()).hasSize(1);
    assertThat(app.roleName()).isEqualTo("app");
    assertThat(decoded(app.assumeRolePolicyDocument()))
        .isEqualTo(trust("arn:aws:iam::" + ACCOUNT + ":root"));
    assertThat(app.rolePolicyList())
        .extracting(PolicyDetail::policyName)
        .containsExactly("role-inline");
    assertThat(app.attachedManagedPolicies())
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(local);
    assertThat(app.instanceProfileList())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.instanceProfileName()).isEqualTo("ip");
              assertThat(p.roles()).extracting(r -> r.roleName()).containsExactly("app");
            });
    assertThat(app.tags()).singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("env"));
    assertThat(app.roleLastUsed()).isNotNull();
    assertThat(app.roleLastUsed().lastUsedDate()).isNull();

    // local policies, and of the AWS managed ones only those attached
    assertThat(d.policies())
        .extracting(ManagedPolicyDetail::arn)
        .containsExactly(policyArn("boundary"), policyArn("local"), READ_ONLY);
    ManagedPolicyDetail localDetail = d.policies().get(1);
    assertThat(localDetail.attachmentCount()).isEqualTo(2);
    assertThat(localDetail.defaultVersionId()).isEqualTo("v2");
    assertThat(localDetail.description()).isEqualTo("two versions");
    assertThat(localDetail.policyVersionList())
        .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
        .containsExactly(tuple("v2", true), tuple("v1", false));
    assertThat(decoded(localDetail.policyVersionList().get(1).document())).isEqualTo(LIST_ROLES);
    assertThat(d.policies().get(0).permissionsBoundaryUsageCount()).isEqualTo(1);
    ManagedPolicyDetail readOnly = d.policies().get(2);
    assertThat(readOnly.attachmentCount()).isEqualTo(1);
    assertThat(readOnly.policyVersionList())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.isDefaultVersion()).isTrue();
              assertThat(decoded(v.document())).contains("\"Effect\"");
            });
  }

  @Test
  void theFilterSelectsEntityTypes() {
    everything();
    GetAccountAuthorizationDetailsResponse roles =
        iam.getAccountAuthorizationDetails(b -> b.filter(EntityType.ROLE));
    assertThat(roles.roleDetailList()).hasSize(1);
    assertThat(roles.userDetailList()).isEmpty();
    assertThat(roles.groupDetailList()).isEmpty();
    assertThat(roles.policies()).isEmpty();
    GetAccountAuthorizationDetailsResponse aws =
        iam.getAccountAuthorizationDetails(b -> b.filter(EntityType.AWS_MANAGED_POLICY));
    assertThat(aws.policies()).extracting(ManagedPolicyDetail::arn).containsExactly(READ_ONLY);
    GetAccountAuthorizationDetailsResponse mixed =
        iam.getAccountAuthorizationDetails(
            b -> b.filter(EntityType.USER, EntityType.LOCAL_MANAGED_POLICY));
    assertThat(mixed.userDetailList()).extracting(UserDetail::userName).containsExactly("alice");
    assertThat(mixed.policies())
        .extracting(ManagedPolicyDetail::policyName)
        .containsExactly("boundary", "local");
    assertThat(mixed.roleDetailList()).isEmpty();
    expectError(
        () -> iam.getAccountAuthorizationDetails(b -> b.filterWithStrings("Robot")),
        "ValidationError",
        400,
        "1 validation error detected: Value '[Robot]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: "
            + "[Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]]");
  }

  @Test
  void theDetailsArePagedAcrossAllEntityTypes() {
    everything();
    List<String> seen = new ArrayList<>();
    String marker = null;
    int pages = 0;
    do {
      String m = marker;
      GetAccountAuthorizationDetailsResponse page =
          iam.getAccountAuthorizationDetails(b -> b.maxItems(2).marker(m));
      page.userDetailList().forEach(u -> seen.add("user " + u.userName()));
      page.groupDetailList().forEach(g -> seen.add("group " + g.groupName()));
      page.roleDetailList().forEach(r -> seen.add("role " + r.roleName()));
      page.policies().forEach(p -> seen.add("policy " + p.policyName()));
      assertThat(seen.size()).isLessThanOrEqualTo(2 * (pages + 1));
      marker = page.isTruncated() ? page.marker() : null;
      pages++;
    } while (marker != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen)
        .containsExactly(
            "user alice",
            "group devs",
            "role app",
            "policy boundary",
            "policy local",
            "policy ReadOnlyAccess");
  }

  @Test
  void aUserAllowedToReadTheAccountSeesTheSummaryAliasesAndDetails() {
    AwsBasicCredentials auditor = userWithKey(iam, "auditor");
    iam.putUserPolicy(
        b ->
            b.userName("auditor")
                .policyName("audit")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:GetAccountSummary\","
                        + "\"iam:ListAccountAliases\",\"iam:GetAccountAuthorizationDetails\"],\"Resource\":\"*\"}]}"));
    iam.createAccountAlias(b -> b.accountAlias("audited"));
    try (IamClient asAuditor = server.iam(auditor)) {
      assertThat(asAuditor.getAccountSummary().summaryMapAsStrings()).containsEntry("Users", 1);
      assertThat(asAuditor.listAccountAliases().accountAliases()).containsExactly("audited");
      assertThat(asAuditor.getAccountAuthorizationDetails().userDetailList())
          .extracting(UserDetail::userName)
          .containsExactly("auditor");
      expectError(
          () -> asAuditor.createAccountAlias(b -> b.accountAlias("mine")),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/auditor is not authorized to perform: iam:CreateAccountAlias on resource: *"
              + " because no identity-based policy allows the iam:CreateAccountAlias action");
    }
    assertThat(iam.listAccountAliases().accountAliases()).containsExactly("audited");
  }

  // ----------------------------------------------------------------
  // ListPoliciesGrantingServiceAccess

  @Test
  void listPoliciesGrantingServiceAccessNamesTheInlineAndManagedPoliciesPerService() {
    iam.createUser(b -> b.userName("alice"));
    iam.createGroup(b -> b.groupName("devs"));
    iam.addUserToGroup(b -> b.groupName("devs").userName("alice"));
    iam.putUserPolicy(
        b -> b.userName("alice").policyName("s3-read").policyDocument(allow("s3:Get*", "*")));
    iam.putGroupPolicy(
        b ->
            b.groupName("devs")
                .policyName("not-iam")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}]}"));
    String local =
        iam.createPolicy(b -> b.policyName("ec2").policyDocument(allow("ec2:Describe*", "*")))
            .policy()
            .arn();
    iam.attachUserPolicy(b -> b.userName("alice").policyArn(local));
    iam.attachGroupPolicy(
        b -> b.groupName("devs").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));

    var r =
        iam.listPoliciesGrantingServiceAccess(
            b -> b.arn(E2e.userArn("alice")).serviceNamespaces("s3", "ec2", "iam", "sqs"));
    assertThat(r.isTruncated()).isFalse();
    assertThat(r.policiesGrantingServiceAccess())
        .extracting(
            e ->
                e.serviceNamespace()
                    + " "
                    + e.policies().stream()
                        .map(
                            p ->
                                p.policyName()
                                    + "/"
                                    + p.policyTypeAsString()
                                    + "/"
                                    + p.policyArn()
                                    + "/"
                                    + p.entityTypeAsString()
                                    + "/"
                                    + p.entityName())
                        .toList())
        .containsExactly(
            "s3 [s3-read/INLINE/null/USER/alice, not-iam/INLINE/null/GROUP/devs]",
            "ec2 [ec2/MANAGED/" + local + "/null/null, not-iam/INLINE/null/GROUP/devs]",
            "iam [IAMReadOnlyAccess/MANAGED/arn:aws:iam::aws:policy/IAMReadOnlyAccess/null/null]",
            "sqs [not-iam/INLINE/null/GROUP/devs]");
    assertThat(
            iam.listPoliciesGrantingServiceAccess(
                    b -> b.arn("arn:aws:iam::" + ACCOUNT + ":group/devs").serviceNamespaces("s3"))
                .policiesGrantingServiceAccess()
                .get(0)
                .policies())
        .extracting(p -> p.policyName())
        .containsExactly("not-iam");

    expectError(
        () ->
            iam.listPoliciesGrantingServiceAccess(
                b -> b.arn(E2e.userArn("ghost")).serviceNamespaces("s3")),
        "NoSuchEntity",
        404,
        "The user with name ghost cannot be found.");
    expectError(
        () ->
            iam.listPoliciesGrantingServiceAccess(
                b -> b.arn("arn:aws:s3:::bucket-name-long").serviceNamespaces("s3")),
        "InvalidInput",
        400,
        "ARN arn:aws:s3:::bucket-name-long is not valid.");
  }
}
