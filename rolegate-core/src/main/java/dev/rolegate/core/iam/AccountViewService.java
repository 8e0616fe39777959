package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.MfaDeviceRepository.AssignmentStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account as a whole: GetAccountSummary and the account alias
 * (Create/Delete/ListAccountAliases).
 */
public final class AccountViewService {
  private final IamContext iam;

  public AccountViewService(IamContext iam) {
    this.iam = iam;
  }

  /**
   * GetAccountSummary's SummaryMap: the account's entity counts and its quotas (AWS's defaults
   * unless set for the account), keys as AWS's summaryKeyType names them. Rolegate has no server
   * certificates, signing certificates or passwords, and no MFA for the root user, so those count
   * 0. PolicyVersionsInUse counts the managed policies attached to users, groups and roles (each
   * attachment uses its policy's default version).
   */
  public Map<String, Integer> getAccountSummary(Caller c, RequestInfo info) {
    return iam.store()
        .read(
            r -> {
              iam.authorizer().require(r, c, info, "iam:GetAccountSummary", "*");
              String a = c.accountId();
              List<User> users = r.users().list(a, "/");
              List<Group> groups = r.groups().list(a, "/");
              List<Role> roles = r.roles().list(a, "/");
              List<ManagedPolicy> policies = r.managedPolicies().list(a, "/");
              int attachments = 0;
              for (User u : users) {
                attachments += r.attachments().list(a, PrincipalType.USER, u.name()).size();
              }
              for (Group g : groups) {
                attachments += r.attachments().list(a, PrincipalType.GROUP, g.name()).size();
              }
              for (Role role : roles) {
                attachments += r.attachments().list(a, PrincipalType.ROLE, role.name()).size();
              }
              IamQuotas quotas = IamQuotas.of(r, a);
              Map<String, Integer> m = new LinkedHashMap<>();
              m.put("Users", users.size());
              m.put("UsersQuota", quotas.summary("UsersQuota"));
              m.put("Groups", groups.size());
              m.put("GroupsQuota", quotas.summary("GroupsQuota"));
              m.put("ServerCertificates", 0);
              m.put("ServerCertificatesQuota", 20);
              m.put("UserPolicySizeQuota", quotas.summary("UserPolicySizeQuota"));
              m.put("GroupPolicySizeQuota", quotas.summary("GroupPolicySizeQuota"));
              m.put("GroupsPerUserQuota", quotas.summary("GroupsPerUserQuota"));
              m.put("SigningCertificatesPerUserQuota", 2);
              m.put("AccessKeysPerUserQuota", quotas.summary("AccessKeysPerUserQuota"));
              m.put("MFADevices", r.mfaDevices().listVirtual(a, AssignmentStatus.ANY).size());
              m.put(
                  "MFADevicesInUse",
                  r.mfaDevices().listVirtual(a, AssignmentStatus.ASSIGNED).size());
              m.put("AccountMFAEnabled", 0);
              m.put(
                  "AccountAccessKeysPresent",
                  r.accessKeys().listForUser(a, null).isEmpty() ? 0 : 1);
              m.put("AccountPasswordPresent", 0);
              m.put("AccountSigningCertificatesPresent", 0);
              m.put(
                  "AttachedPoliciesPerGroupQuota", quotas.summary("AttachedPoliciesPerGroupQuota"));
              m.put("AttachedPoliciesPerRoleQuota", quotas.summary("AttachedPoliciesPerRoleQuota"));
              m.put("AttachedPoliciesPerUserQuota", quotas.summary("AttachedPoliciesPerUserQuota"));
              m.put("Policies", policies.size());
              m.put("PoliciesQuota", quotas.summary("PoliciesQuota"));
              m.put("PolicySizeQuota", quotas.summary("PolicySizeQuota"));
              m.put("PolicyVersionsInUse", attachments);
              m.put("PolicyVersionsInUseQuota", 10000);
              m.put("VersionsPerPolicyQuota", quotas.summary("VersionsPerPolicyQuota"));
              m.put("GlobalEndpointTokenVersion", 1);
              m.put("AssumeRolePolicySizeQuota", quotas.summary("AssumeRolePolicySizeQuota"));
              m.put("InstanceProfiles", r.instanceProfiles().list(a, "/").size());
              m.put("InstanceProfilesQuota", quotas.summary("InstanceProfilesQuota"));
              m.put(
                  "Providers", r.oidcProviders().list(a).size() + r.samlProviders().list(a).size());
              m.put("RolePolicySizeQuota", quotas.summary("RolePolicySizeQuota"));
              m.put("Roles", roles.size());
              m.put("RolesQuota", quotas.summary("RolesQuota"));
              return m;
            });
  }

  /**
   * Gives the account the alias. An account has one alias: a new one replaces it (as AWS does). An
   * alias is unique across all accounts; asking again for the account's own alias is refused as
   * well.
   */
  public void createAccountAlias(Caller c, RequestInfo info, String alias) {
    iam.store()
        .write(
            r -> {
              iam.authorizer().require(r, c, info, "iam:CreateAccountAlias", "*");
              AwsServiceException taken =
                  new AwsServiceException(
                      AwsErrorCode.ENTITY_ALREADY_EXISTS,
                      "The account alias " + alias + " already exists.");
              if (r.accounts().alias(c.accountId()).filter(alias::equals).isPresent()) {
                throw taken;
              }
              try {
                r.accounts().setAlias(c.accountId(), alias);
              } catch (DuplicateKeyException e) {
                throw taken;
              }
              return null;
            });
  }

  public void deleteAccountAlias(Caller c, RequestInfo info, String alias) {
    iam.store()
        .write(
            r -> {
              iam.authorizer().require(r, c, info, "iam:DeleteAccountAlias", "*");
              if (!r.accounts().deleteAlias(c.accountId(), alias)) {
                throw AwsServiceException.noSuchEntity(
                    "The account alias " + alias + " does not exist.");
              }
              return null;
            });
  }

  public Page<String> listAccountAliases(
      Caller c, RequestInfo info, String marker, Integer maxItems) {
    List<String> aliases =
        iam.store()
            .read(
                r -> {
                  iam.authorizer().require(r, c, info, "iam:ListAccountAliases", "*");
                  return r.accounts().alias(c.accountId()).stream().toList();
                });
    return Page.of(aliases, marker, maxItems);
  }
}
