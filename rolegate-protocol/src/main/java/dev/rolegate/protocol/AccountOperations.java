package dev.rolegate.protocol;

import dev.rolegate.core.iam.AccountViewService;
import dev.rolegate.core.iam.AuthorizationDetailsService;
import dev.rolegate.core.iam.AuthorizationDetailsService.Details;
import dev.rolegate.core.iam.Page;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IAM actions about the account as a whole: GetAccountSummary, the account alias
 * (Create/Delete/ListAccountAliases) and GetAccountAuthorizationDetails.
 */
public final class AccountOperations {
  private AccountOperations() {}

  public static void register(
      Map<String, Operation> ops,
      AccountViewService accounts,
      AuthorizationDetailsService details) {
    ops.put(
        "GetAccountSummary",
        c -> {
          // a map: <SummaryMap><entry><key>Users</key><value>3</value></entry>...</SummaryMap>
          List<Node> entries = new ArrayList<>();
          accounts
              .getAccountSummary(c.caller(), c.info())
              .forEach(
                  (k, v) ->
                      entries.add(
                          new Node.Struct(
                              "entry",
                              List.of(
                                  new Node.Text("key", k),
                                  new Node.Text("value", Integer.toString(v))))));
          return List.of(new Node.Struct("SummaryMap", entries));
        });
    ops.put(
        "CreateAccountAlias",
        c -> {
          accounts.createAccountAlias(c.caller(), c.info(), c.params().required("AccountAlias"));
          return null;
        });
    ops.put(
        "DeleteAccountAlias",
        c -> {
          accounts.deleteAccountAlias(c.caller(), c.info(), c.params().required("AccountAlias"));
          return null;
        });
    ops.put(
        "ListAccountAliases",
        c -> {
          Page<String> page =
              accounts.listAccountAliases(
                  c.caller(),
                  c.info(),
                  c.params().string("Marker"),
                  c.params().integer("MaxItems"));
          return IamOperations.page(Node.builder().texts("AccountAliases", page.items()), page);
        });
    ops.put(
        "ListPoliciesGrantingServiceAccess",
        c -> {
          Params p = c.params();
          Page<AuthorizationDetailsService.ServiceAccess> page =
              details.policiesGrantingServiceAccess(
                  c.caller(),
                  c.info(),
                  p.required("Arn"),
                  p.list("ServiceNamespaces"),
                  p.string("Marker"));
          return IamOperations.page(
              Node.builder()
                  .list(
                      "PoliciesGrantingServiceAccess",
                      page.items(),
                      (e, x) ->
                          x.text("ServiceNamespace", e.serviceNamespace())
                              .list(
                                  "Policies",
                                  e.policies(),
                                  (g, y) ->
                                      y.text("PolicyName", g.policyName())
                                          .text("PolicyType", g.policyType())
                                          .text("PolicyArn", g.policyArn())
                                          .text("EntityType", g.entityType())
                                          .text("EntityName", g.entityName()))),
              page);
        });
    ops.put(
        "GetAccountAuthorizationDetails",
        c -> {
          Params p = c.params();
          Details d =
              details.get(
                  c.caller(),
                  c.info(),
                  p.list("Filter"),
                  p.string("Marker"),
                  p.integer("MaxItems"));
          Node.Builder b =
              Node.builder()
                  .list(
                      "UserDetailList",
                      d.users(),
                      (u, x) -> {
                        var user = u.user();
                        x.text("Path", user.path())
                            .text("UserName", user.name())
                            .text("UserId", user.userId())
                            .text("Arn", user.arn())
                            .time("CreateDate", user.createDate())
                            .list("UserPolicyList", u.inline(), AccountOperations::inline)
                            .texts("GroupList", u.groups())
                            .list("AttachedManagedPolicies", u.attached(), IamOperations::attached);
                        boundary(x, user.permissionsBoundaryArn());
                        optionalTags(x, user.tags());
                      })
                  .list(
                      "GroupDetailList",
                      d.groups(),
                      (g, x) -> {
                        var group = g.group();
                        x.text("Path", group.path())
                            .text("GroupName", group.name())
                            .text("GroupId", group.groupId())
                            .text("Arn", group.arn())
                            .time("CreateDate", group.createDate())
                            .list("GroupPolicyList", g.inline(), AccountOperations::inline)
                            .list("AttachedManagedPolicies", g.attached(), IamOperations::attached);
                      })
                  .list(
                      "RoleDetailList",
                      d.roles(),
                      (r, x) -> {
                        Role role = r.role();
                        x.text("Path", role.path())
                            .text("RoleName", role.name())
                            .text("RoleId", role.roleId())
                            .text("Arn", role.arn())
                            .time("CreateDate", role.createDate())
                            .document("AssumeRolePolicyDocument", role.assumeRolePolicyDocument())
                            .list(
                                "InstanceProfileList",
                                r.instanceProfiles(),
                                (v, y) -> IamOperations.instanceProfile(y, v))
                            .list("RolePolicyList", r.inline(), AccountOperations::inline)
                            .list("AttachedManagedPolicies", r.attached(), IamOperations::attached);
                        boundary(x, role.permissionsBoundaryArn());
                        optionalTags(x, role.tags());
                        x.struct(
                            "RoleLastUsed",
                            y ->
                                y.time("LastUsedDate", role.lastUsedDate())
                                    .text("Region", role.lastUsedRegion()));
                      })
                  .list(
                      "Policies",
                      d.policies(),
                      (m, x) -> {
                        var v = m.policy();
                        x.text("PolicyName", v.name())
                            .text("PolicyId", v.policyId())
                            .text("Arn", v.arn())
                            .text("Path", v.path())
                            .text("DefaultVersionId", v.defaultVersionId())
                            .number("AttachmentCount", v.attachmentCount())
                            .number(
                                "PermissionsBoundaryUsageCount", v.permissionsBoundaryUsageCount())
                            .bool("IsAttachable", v.attachable())
                            .text("Description", v.description())
                            .time("CreateDate", v.createDate())
                            .time("UpdateDate", v.updateDate())
                            .list(
                                "PolicyVersionList",
                                m.versions(),
                                (ver, y) ->
                                    y.document("Document", ver.document())
                                        .text("VersionId", ver.versionId())
                                        .bool("IsDefaultVersion", ver.isDefault())
                                        .time("CreateDate", ver.createDate()));
                      });
          return IamOperations.page(b, new Page<>(List.of(), d.truncated(), d.marker()));
        });
  }

  private static void inline(InlinePolicy p, Node.Builder b) {
    b.text("PolicyName", p.name()).document("PolicyDocument", p.document());
  }

  private static void optionalTags(Node.Builder b, List<dev.rolegate.core.model.Tag> tags) {
    if (!tags.isEmpty()) {
      IamOperations.tags(b, tags);
    }
  }

  private static void boundary(Node.Builder b, String arn) {
    if (arn != null) {
      b.struct(
          "PermissionsBoundary",
          x -> x.text("PermissionsBoundaryType", "Policy").text("PermissionsBoundaryArn", arn));
    }
  }
}
