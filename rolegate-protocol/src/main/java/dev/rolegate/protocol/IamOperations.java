package dev.rolegate.protocol;

import dev.rolegate.core.iam.AttachmentRules.AttachedPolicy;
import dev.rolegate.core.iam.Page;
import dev.rolegate.core.iam.PolicyService.PolicyView;
import dev.rolegate.core.model.AccessKey;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.model.User;
import java.util.List;
import java.util.Map;

/** The IAM actions Rolegate implements, each binding AWS's parameter names to a use case. */
final class IamOperations {
  private IamOperations() {}

  static void register(Map<String, Operation> ops, Services s) {
    // roles
    ops.put(
        "CreateRole",
        c -> {
          Params p = c.params();
          Role r =
              s.roles()
                  .createRole(
                      c.caller(),
                      c.info(),
                      p.required("RoleName"),
                      p.string("Path"),
                      p.required("AssumeRolePolicyDocument"),
                      p.string("Description"),
                      p.integer("MaxSessionDuration"),
                      p.string("PermissionsBoundary"),
                      p.tags("Tags"));
          return Node.builder().struct("Role", b -> role(b, r, View.CREATE)).build();
        });
    ops.put(
        "GetRole",
        c -> {
          Role r = s.roles().getRole(c.caller(), c.info(), c.params().required("RoleName"));
          return Node.builder().struct("Role", b -> role(b, r, View.GET)).build();
        });
    ops.put(
        "ListRoles",
        c -> {
          Page<Role> page =
              s.roles()
                  .listRoles(
                      c.caller(),
                      c.info(),
                      c.params().string("PathPrefix"),
                      c.params().string("Marker"),
                      c.params().integer("MaxItems"));
          return page(
              Node.builder().list("Roles", page.items(), (r, b) -> role(b, r, View.LIST)), page);
        });
    ops.put(
        "UpdateRole",
        c -> {
          s.roles()
              .updateRole(
                  c.caller(),
                  c.info(),
                  c.params().required("RoleName"),
                  c.params().string("Description"),
                  c.params().integer("MaxSessionDuration"));
          return List.of();
        });
    ops.put(
        "UpdateRoleDescription",
        c -> {
          Role r =
              s.roles()
                  .updateRoleDescription(
                      c.caller(),
                      c.info(),
                      c.params().required("RoleName"),
                      c.params().required("Description"));
          return Node.builder().struct("Role", b -> role(b, r, View.CREATE)).build();
        });
    ops.put(
        "UpdateAssumeRolePolicy",
        c -> {
          s.roles()
              .updateAssumeRolePolicy(
                  c.caller(),
                  c.info(),
                  c.params().required("RoleName"),
                  c.params().required("PolicyDocument"));
          return null;
        });
    ops.put(
        "DeleteRole",
        c -> {
          s.roles().deleteRole(c.caller(), c.info(), c.params().required("RoleName"));
          return null;
        });
    ops.put(
        "PutRolePolicy",
        c -> {
          s.roles()
              .putRolePolicy(
                  c.caller(),
                  c.info(),
                  c.params().required("RoleName"),
                  c.params().required("PolicyName"),
                  c.params().required("PolicyDocument"));
          return null;
        });
    ops.put(
        "GetRolePolicy",
        c -> {
          InlinePolicy p =
              s.roles()
                  .getRolePolicy(
                      c.caller(),
                      c.info(),
                      c.params().required("RoleName"),
                      c.params().required("PolicyName"));
          return Node.builder()
              .text("RoleName", p.ownerName())
              .text("PolicyName", p.name())
              .document("PolicyDocument", p.document())
              .build();
        });
    ops.put(
        "DeleteRolePolicy",
        c -> {
          s.roles()
              .deleteRolePolicy(
                  c.caller(),
                  c.info(),
                  c.params().required("RoleName"),
                  c.params().required("PolicyName"));
          return null;
        });
    ops.put(
        "ListRolePolicies",
        c -> {
          Page<String> page =
              s.roles()
                  .listRolePolicies(
                      c.caller(),
                      c.info(),
                      c.params().required("RoleName"),
                      c.params().string("Marker"),
                      c.params().integer("MaxItems"));
          return page(Node.builder().texts("PolicyNames", page.items()), page);
        });
    ops.put(
        "AttachRolePolicy",
        c -> {
          s.roles()
              .attachRolePolicy(
                  c.caller(),
                  c.info(),
                  c.params().required("RoleName"),
                  c.params().required("PolicyArn"));
          return null;
        });
    ops.put(
        "DetachRolePolicy",
        c -> {
          s.roles()
              .detachRolePolicy(
                  c.caller(),
                  c.info(),
                  c.params().required("RoleName"),
                  c.params().required("PolicyArn"));
          return null;
        });
    ops.put(
        "ListAttachedRolePolicies",
        c -> {
          Page<AttachedPolicy> page =
              s.roles()
                  .listAttachedRolePolicies(
                      c.caller(),
                      c.info(),
                      c.params().required("RoleName"),
                      c.params().string("PathPrefix"),
                      c.params().string("Marker"),
                      c.params().integer("MaxItems"));
          return page(
              Node.builder().list("AttachedPolicies", page.items(), IamOperations::attached), page);
        });
    // managed policies
    ops.put(
        "CreatePolicy",
        c -> {
          Params p = c.params();
          PolicyView v =
              s.policies()
                  .createPolicy(
                      c.caller(),
                      c.info(),
                      p.required("PolicyName"),
                      p.string("Path"),
                      p.required("PolicyDocument"),
                      p.string("Description"),
                      p.tags("Tags"));
          return Node.builder().struct("Policy", b -> policy(b, v, false)).build();
        });
    ops.put(
        "GetPolicy",
        c -> {
          PolicyView v =
              s.policies().getPolicy(c.caller(), c.info(), c.params().required("PolicyArn"));
          return Node.builder().struct("Policy", b -> policy(b, v, true)).build();
        });
    ops.put(
        "GetPolicyVersion",
        c -> {
          var v =
              s.policies()
                  .getPolicyVersion(
                      c.caller(),
                      c.info(),
                      c.params().required("PolicyArn"),
                      c.params().required("VersionId"));
          return Node.builder()
              .struct(
                  "PolicyVersion",
                  b ->
                      b.document("Document", v.document())
                          .text("VersionId", v.versionId())
                          .bool("IsDefaultVersion", v.isDefault())
                          .time("CreateDate", v.createDate()))
              .build();
        });
    ops.put(
        "ListPolicies",
        c -> {
          Params p = c.params();
          Page<PolicyView> page =
              s.policies()
                  .listPolicies(
                      c.caller(),
                      c.info(),
                      p.string("Scope"),
                      p.bool("OnlyAttached"),
                      p.string("PolicyUsageFilter"),
                      p.string("PathPrefix"),
                      p.string("Marker"),
                      p.integer("MaxItems"));
          return page(
              Node.builder().list("Policies", page.items(), (v, b) -> policy(b, v, false)), page);
        });
    ops.put(
        "DeletePolicy",
        c -> {
          s.policies().deletePolicy(c.caller(), c.info(), c.params().required("PolicyArn"));
          return null;
        });
    // service-linked roles
    ops.put(
        "CreateServiceLinkedRole",
        c -> {
          Role r =
              s.serviceLinkedRoles()
                  .create(
                      c.caller(),
                      c.info(),
                      c.params().required("AWSServiceName"),
                      c.params().string("Description"),
                      c.params().string("CustomSuffix"));
          return Node.builder().struct("Role", b -> role(b, r, View.CREATE)).build();
        });
    ops.put(
        "DeleteServiceLinkedRole",
        c ->
            Node.builder()
                .text(
                    "DeletionTaskId",
                    s.serviceLinkedRoles()
                        .delete(c.caller(), c.info(), c.params().required("RoleName")))
                .build());
    ops.put(
        "GetServiceLinkedRoleDeletionStatus",
        c ->
            Node.builder()
                .text(
                    "Status",
                    s.serviceLinkedRoles()
                        .status(c.caller(), c.info(), c.params().required("DeletionTaskId")))
                .build());
    // instance profiles
    ops.put(
        "CreateInstanceProfile",
        c -> {
          var v =
              s.instanceProfiles()
                  .create(
                      c.caller(),
                      c.info(),
                      c.params().required("InstanceProfileName"),
                      c.params().string("Path"),
                      c.params().tags("Tags"));
          return Node.builder().struct("InstanceProfile", b -> instanceProfile(b, v)).build();
        });
    ops.put(
        "GetInstanceProfile",
        c -> {
          var v =
              s.instanceProfiles()
                  .get(c.caller(), c.info(), c.params().required("InstanceProfileName"));
          return Node.builder().struct("InstanceProfile", b -> instanceProfile(b, v)).build();
        });
    ops.put(
        "ListInstanceProfiles",
        c -> {
          var page =
              s.instanceProfiles()
                  .list(
                      c.caller(),
                      c.info(),
                      c.params().string("PathPrefix"),
                      c.params().string("Marker"),
                      c.params().integer("MaxItems"));
          return page(
              Node.builder()
                  .list("InstanceProfiles", page.items(), (v, b) -> instanceProfile(b, v)),
              page);
        });
    ops.put(
        "ListInstanceProfilesForRole",
        c -> {
          var page =
              s.instanceProfiles()
                  .listForRole(
                      c.caller(),
                      c.info(),
                      c.params().required("RoleName"),
                      c.params().string("Marker"),
                      c.params().integer("MaxItems"));
          return page(
              Node.builder()
                  .list("InstanceProfiles", page.items(), (v, b) -> instanceProfile(b, v)),
              page);
        });
    ops.put(
        "DeleteInstanceProfile",
        c -> {
          s.instanceProfiles()
              .delete(c.caller(), c.info(), c.params().required("InstanceProfileName"));
          return null;
        });
    ops.put(
        "AddRoleToInstanceProfile",
        c -> {
          s.instanceProfiles()
              .addRole(
                  c.caller(),
                  c.info(),
                  c.params().required("InstanceProfileName"),
                  c.params().required("RoleName"));
          return null;
        });
    ops.put(
        "RemoveRoleFromInstanceProfile",
        c -> {
          s.instanceProfiles()
              .removeRole(
                  c.caller(),
                  c.info(),
                  c.params().required("InstanceProfileName"),
                  c.params().required("RoleName"));
          return null;
        });
    // users and access keys
    ops.put(
        "CreateUser",
        c -> {
          Params p = c.params();
          User u =
              s.users()
                  .createUser(
                      c.caller(),
                      c.info(),
                      p.required("UserName"),
                      p.string("Path"),
                      p.string("PermissionsBoundary"),
                      p.tags("Tags"));
          return Node.builder().struct("User", b -> user(b, u, true)).build();
        });
    ops.put(
        "GetUser",
        c -> {
          User u = s.users().getUser(c.caller(), c.info(), c.params().string("UserName"));
          if (c.params().string("UserName") == null
              && c.caller().kind() == dev.rolegate.core.auth.Caller.Kind.ROOT) {
            // the root user, as AWS shows it: the account id and the root ARN, no name or path
            return Node.builder()
                .struct(
                    "User",
                    b ->
                        b.text("UserId", u.userId())
                            .text("Arn", c.caller().identityArn())
                            .time("CreateDate", u.createDate()))
                .build();
          }
          return Node.builder().struct("User", b -> user(b, u, true)).build();
        });
    ops.put(
        "ListUsers",
        c -> {
          Page<User> page =
              s.users()
                  .listUsers(
                      c.caller(),
                      c.info(),
                      c.params().string("PathPrefix"),
                      c.params().string("Marker"),
                      c.params().integer("MaxItems"));
          return page(
              Node.builder().list("Users", page.items(), (u, b) -> user(b, u, false)), page);
        });
    ops.put(
        "DeleteUser",
        c -> {
          s.users().deleteUser(c.caller(), c.info(), c.params().required("UserName"));
          return null;
        });
    ops.put(
        "CreateAccessKey",
        c -> {
          var k = s.users().createAccessKey(c.caller(), c.info(), c.params().string("UserName"));
          return Node.builder()
              .struct(
                  "AccessKey",
                  b ->
                      b.text("UserName", k.userName())
                          .text("AccessKeyId", k.accessKeyId())
                          .text("Status", "Active")
                          .text("SecretAccessKey", k.secretAccessKey())
                          .time("CreateDate", k.createDate()))
              .build();
        });
    ops.put(
        "ListAccessKeys",
        c -> {
          Page<AccessKey> page =
              s.users()
                  .listAccessKeys(
                      c.caller(),
                      c.info(),
                      c.params().string("UserName"),
                      c.params().string("Marker"),
                      c.params().integer("MaxItems"));
          return Node.builder()
              .list(
                  "AccessKeyMetadata",
                  page.items(),
                  (k, b) ->
                      b.text("UserName", k.userName())
                          .text("AccessKeyId", k.accessKeyId())
                          .text("Status", k.active() ? "Active" : "Inactive")
                          .time("CreateDate", k.createDate()))
              .bool("IsTruncated", page.truncated())
              .text("Marker", page.marker())
              .build();
        });
    ops.put(
        "DeleteAccessKey",
        c -> {
          s.users()
              .deleteAccessKey(
                  c.caller(),
                  c.info(),
                  c.params().string("UserName"),
                  c.params().required("AccessKeyId"));
          return null;
        });
    ops.put(
        "UpdateAccessKey",
        c -> {
          Params p = c.params();
          s.users()
              .updateAccessKey(
                  c.caller(),
                  c.info(),
                  p.string("UserName"),
                  p.required("AccessKeyId"),
                  p.required("Status"));
          return null;
        });
    ops.put(
        "GetAccessKeyLastUsed",
        c -> {
          var used =
              s.users()
                  .getAccessKeyLastUsed(c.caller(), c.info(), c.params().required("AccessKeyId"));
          var last = used.lastUse();
          // before the first use: no LastUsedDate, and "N/A" for the service and region (as AWS
          // documents)
          return Node.builder()
              .text("UserName", used.userName())
              .struct(
                  "AccessKeyLastUsed",
                  b ->
                      b.time("LastUsedDate", last == null ? null : last.date())
                          .text("ServiceName", last == null ? "N/A" : last.serviceName())
                          .text("Region", last == null ? "N/A" : last.region()))
              .build();
        });
    ops.put(
        "UpdateUser",
        c -> {
          Params p = c.params();
          s.users()
              .updateUser(
                  c.caller(),
                  c.info(),
                  p.required("UserName"),
                  p.string("NewUserName"),
                  p.string("NewPath"));
          return null;
        });
    ops.put(
        "PutUserPolicy",
        c -> {
          s.users()
              .putUserPolicy(
                  c.caller(),
                  c.info(),
                  c.params().required("UserName"),
                  c.params().required("PolicyName"),
                  c.params().required("PolicyDocument"));
          return null;
        });
    ops.put(
        "GetUserPolicy",
        c -> {
          InlinePolicy p =
              s.users()
                  .getUserPolicy(
                      c.caller(),
                      c.info(),
                      c.params().required("UserName"),
                      c.params().required("PolicyName"));
          return Node.builder()
              .text("UserName", p.ownerName())
              .text("PolicyName", p.name())
              .document("PolicyDocument", p.document())
              .build();
        });
    ops.put(
        "ListUserPolicies",
        c -> {
          Page<String> page =
              s.users()
                  .listUserPolicies(
                      c.caller(),
                      c.info(),
                      c.params().required("UserName"),
                      c.params().string("Marker"),
                      c.params().integer("MaxItems"));
          return page(Node.builder().texts("PolicyNames", page.items()), page);
        });
    ops.put(
        "DeleteUserPolicy",
        c -> {
          s.users()
              .deleteUserPolicy(
                  c.caller(),
                  c.info(),
                  c.params().required("UserName"),
                  c.params().required("PolicyName"));
          return null;
        });
    ops.put(
        "AttachUserPolicy",
        c -> {
          s.users()
              .attachUserPolicy(
                  c.caller(),
                  c.info(),
                  c.params().required("UserName"),
                  c.params().required("PolicyArn"));
          return null;
        });
    ops.put(
        "DetachUserPolicy",
        c -> {
          s.users()
              .detachUserPolicy(
                  c.caller(),
                  c.info(),
                  c.params().required("UserName"),
                  c.params().required("PolicyArn"));
          return null;
        });
    ops.put(
        "ListAttachedUserPolicies",
        c -> {
          Page<AttachedPolicy> page =
              s.users()
                  .listAttachedUserPolicies(
                      c.caller(),
                      c.info(),
                      c.params().required("UserName"),
                      c.params().string("PathPrefix"),
                      c.params().string("Marker"),
                      c.params().integer("MaxItems"));
          return page(
              Node.builder().list("AttachedPolicies", page.items(), IamOperations::attached), page);
        });
  }

  enum View {
    CREATE,
    GET,
    LIST
  }

  /** Field presence as AWS answers (recorded): see docs/aws-reference.md §4.5. */
  static void role(Node.Builder b, Role r, View view) {
    b.text("Path", r.path())
        .text("RoleName", r.name())
        .text("RoleId", r.roleId())
        .text("Arn", r.arn())
        .time("CreateDate", r.createDate())
        .document("AssumeRolePolicyDocument", r.assumeRolePolicyDocument())
        .text("Description", r.description());
    if (view != View.CREATE) {
      b.number("MaxSessionDuration", r.maxSessionDuration());
    }
    if (view != View.LIST) {
      if (r.permissionsBoundaryArn() != null) {
        b.struct(
            "PermissionsBoundary",
            x ->
                x.text("PermissionsBoundaryType", "Policy")
                    .text("PermissionsBoundaryArn", r.permissionsBoundaryArn()));
      }
      if (!r.tags().isEmpty()) {
        tags(b, r.tags());
      }
    }
    if (view == View.GET) {
      b.struct(
          "RoleLastUsed",
          x -> x.time("LastUsedDate", r.lastUsedDate()).text("Region", r.lastUsedRegion()));
    }
  }

  /** Path, name, id, ARN, CreateDate and Roles (always present, even empty), tags when set. */
  static void instanceProfile(Node.Builder b, dev.rolegate.core.iam.InstanceProfileService.View v) {
    var p = v.profile();
    b.text("Path", p.path())
        .text("InstanceProfileName", p.name())
        .text("InstanceProfileId", p.instanceProfileId())
        .text("Arn", p.arn())
        .time("CreateDate", p.createDate())
        .list("Roles", v.roles(), (r, x) -> role(x, r, View.LIST));
    if (!p.tags().isEmpty()) {
      tags(b, p.tags());
    }
  }

  private static void user(Node.Builder b, User u, boolean full) {
    b.text("Path", u.path())
        .text("UserName", u.name())
        .text("UserId", u.userId())
        .text("Arn", u.arn())
        .time("CreateDate", u.createDate());
    if (full) {
      if (u.permissionsBoundaryArn() != null) {
        b.struct(
            "PermissionsBoundary",
            x ->
                x.text("PermissionsBoundaryType", "Policy")
                    .text("PermissionsBoundaryArn", u.permissionsBoundaryArn()));
      }
      if (!u.tags().isEmpty()) {
        tags(b, u.tags());
      }
    }
  }

  static void policy(Node.Builder b, PolicyView v, boolean withTags) {
    b.text("PolicyName", v.name())
        .text("PolicyId", v.policyId())
        .text("Arn", v.arn())
        .text("Path", v.path())
        .text("DefaultVersionId", v.defaultVersionId())
        .number("AttachmentCount", v.attachmentCount())
        .number("PermissionsBoundaryUsageCount", v.permissionsBoundaryUsageCount())
        .bool("IsAttachable", v.attachable())
        .text("Description", v.description())
        .time("CreateDate", v.createDate())
        .time("UpdateDate", v.updateDate());
    if (withTags || !v.tags().isEmpty()) {
      tags(b, v.tags());
    }
  }

  static void attached(AttachedPolicy p, Node.Builder b) {
    b.text("PolicyName", p.name()).text("PolicyArn", p.arn());
  }

  static void tags(Node.Builder b, List<Tag> tags) {
    b.list("Tags", tags, (t, x) -> x.text("Key", t.key()).text("Value", t.value()));
  }

  static List<Node> page(Node.Builder b, Page<?> page) {
    b.bool("IsTruncated", page.truncated()).text("Marker", page.marker());
    return b.build();
  }
}
