package dev.rolegate.protocol;

import dev.rolegate.core.iam.BoundaryService;
import dev.rolegate.core.iam.Page;
import dev.rolegate.core.iam.PolicyService.VersionView;
import dev.rolegate.core.iam.PolicyVersionService;
import dev.rolegate.core.iam.PolicyVersionService.PolicyEntity;
import dev.rolegate.core.iam.TagService;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Tag;
import java.util.List;
import java.util.Map;

/**
 * IAM actions for managed policy versions and usage (CreatePolicyVersion, ListPolicyVersions,
 * SetDefaultPolicyVersion, DeletePolicyVersion, ListEntitiesForPolicy), permissions boundaries
 * (Put/Delete Role/User PermissionsBoundary) and tags (Tag/Untag/List*Tags of roles, users,
 * policies and instance profiles).
 */
public final class IamExtraOperations {
  private IamExtraOperations() {}

  public static void register(
      Map<String, Operation> ops,
      PolicyVersionService versions,
      TagService tags,
      BoundaryService boundaries) {
    // managed policy versions and usage
    ops.put(
        "CreatePolicyVersion",
        c -> {
          Params p = c.params();
          VersionView v =
              versions.createPolicyVersion(
                  c.caller(),
                  c.info(),
                  p.required("PolicyArn"),
                  p.required("PolicyDocument"),
                  p.bool("SetAsDefault"));
          return Node.builder().struct("PolicyVersion", b -> version(b, v)).build();
        });
    ops.put(
        "ListPolicyVersions",
        c -> {
          Params p = c.params();
          Page<VersionView> page =
              versions.listPolicyVersions(
                  c.caller(),
                  c.info(),
                  p.required("PolicyArn"),
                  p.string("Marker"),
                  p.integer("MaxItems"));
          return page(Node.builder().list("Versions", page.items(), (v, b) -> version(b, v)), page);
        });
    ops.put(
        "SetDefaultPolicyVersion",
        c -> {
          versions.setDefaultPolicyVersion(
              c.caller(),
              c.info(),
              c.params().required("PolicyArn"),
              c.params().required("VersionId"));
          return null;
        });
    ops.put(
        "DeletePolicyVersion",
        c -> {
          versions.deletePolicyVersion(
              c.caller(),
              c.info(),
              c.params().required("PolicyArn"),
              c.params().required("VersionId"));
          return null;
        });
    ops.put(
        "ListEntitiesForPolicy",
        c -> {
          Params p = c.params();
          Page<PolicyEntity> page =
              versions.listEntitiesForPolicy(
                  c.caller(),
                  c.info(),
                  p.required("PolicyArn"),
                  p.string("EntityFilter"),
                  p.string("PathPrefix"),
                  p.string("PolicyUsageFilter"),
                  p.string("Marker"),
                  p.integer("MaxItems"));
          Node.Builder b =
              Node.builder()
                  .list(
                      "PolicyGroups",
                      of(page, PrincipalType.GROUP),
                      (e, x) -> x.text("GroupName", e.name()).text("GroupId", e.id()))
                  .list(
                      "PolicyUsers",
                      of(page, PrincipalType.USER),
                      (e, x) -> x.text("UserName", e.name()).text("UserId", e.id()))
                  .list(
                      "PolicyRoles",
                      of(page, PrincipalType.ROLE),
                      (e, x) -> x.text("RoleName", e.name()).text("RoleId", e.id()));
          return page(b, page);
        });
    // permissions boundaries
    ops.put(
        "PutRolePermissionsBoundary",
        c -> {
          boundaries.putRolePermissionsBoundary(
              c.caller(),
              c.info(),
              c.params().required("RoleName"),
              c.params().required("PermissionsBoundary"));
          return null;
        });
    ops.put(
        "DeleteRolePermissionsBoundary",
        c -> {
          boundaries.deleteRolePermissionsBoundary(
              c.caller(), c.info(), c.params().required("RoleName"));
          return null;
        });
    ops.put(
        "PutUserPermissionsBoundary",
        c -> {
          boundaries.putUserPermissionsBoundary(
              c.caller(),
              c.info(),
              c.params().required("UserName"),
              c.params().required("PermissionsBoundary"));
          return null;
        });
    ops.put(
        "DeleteUserPermissionsBoundary",
        c -> {
          boundaries.deleteUserPermissionsBoundary(
              c.caller(), c.info(), c.params().required("UserName"));
          return null;
        });
    // tags
    ops.put(
        "TagRole",
        c -> {
          tags.tagRole(c.caller(), c.info(), c.params().required("RoleName"), tagList(c.params()));
          return null;
        });
    ops.put(
        "UntagRole",
        c -> {
          tags.untagRole(
              c.caller(), c.info(), c.params().required("RoleName"), tagKeys(c.params()));
          return null;
        });
    ops.put(
        "ListRoleTags",
        c ->
            tagPage(
                tags.listRoleTags(
                    c.caller(),
                    c.info(),
                    c.params().required("RoleName"),
                    c.params().string("Marker"),
                    c.params().integer("MaxItems"))));
    ops.put(
        "TagUser",
        c -> {
          tags.tagUser(c.caller(), c.info(), c.params().required("UserName"), tagList(c.params()));
          return null;
        });
    ops.put(
        "UntagUser",
        c -> {
          tags.untagUser(
              c.caller(), c.info(), c.params().required("UserName"), tagKeys(c.params()));
          return null;
        });
    ops.put(
        "ListUserTags",
        c ->
            tagPage(
                tags.listUserTags(
                    c.caller(),
                    c.info(),
                    c.params().required("UserName"),
                    c.params().string("Marker"),
                    c.params().integer("MaxItems"))));
    ops.put(
        "TagPolicy",
        c -> {
          tags.tagPolicy(
              c.caller(), c.info(), c.params().required("PolicyArn"), tagList(c.params()));
          return null;
        });
    ops.put(
        "UntagPolicy",
        c -> {
          tags.untagPolicy(
              c.caller(), c.info(), c.params().required("PolicyArn"), tagKeys(c.params()));
          return null;
        });
    ops.put(
        "ListPolicyTags",
        c ->
            tagPage(
                tags.listPolicyTags(
                    c.caller(),
                    c.info(),
                    c.params().required("PolicyArn"),
                    c.params().string("Marker"),
                    c.params().integer("MaxItems"))));
    ops.put(
        "TagInstanceProfile",
        c -> {
          tags.tagInstanceProfile(
              c.caller(),
              c.info(),
              c.params().required("InstanceProfileName"),
              tagList(c.params()));
          return null;
        });
    ops.put(
        "UntagInstanceProfile",
        c -> {
          tags.untagInstanceProfile(
              c.caller(),
              c.info(),
              c.params().required("InstanceProfileName"),
              tagKeys(c.params()));
          return null;
        });
    ops.put(
        "ListInstanceProfileTags",
        c ->
            tagPage(
                tags.listInstanceProfileTags(
                    c.caller(),
                    c.info(),
                    c.params().required("InstanceProfileName"),
                    c.params().string("Marker"),
                    c.params().integer("MaxItems"))));
  }

  /** CreatePolicyVersion and ListPolicyVersions show no Document (GetPolicyVersion does). */
  private static void version(Node.Builder b, VersionView v) {
    b.text("VersionId", v.versionId())
        .bool("IsDefaultVersion", v.isDefault())
        .time("CreateDate", v.createDate());
  }

  private static List<PolicyEntity> of(Page<PolicyEntity> page, PrincipalType type) {
    return page.items().stream().filter(e -> e.type() == type).toList();
  }

  /** The required {@code Tags} list (an empty list arrives as a bare {@code Tags=}). */
  static List<Tag> tagList(Params p) {
    List<Tag> tags = p.tags("Tags");
    if (tags.isEmpty() && p.string("Tags") == null) {
      p.required("Tags");
    }
    return tags;
  }

  /** The required {@code TagKeys} list. */
  static List<String> tagKeys(Params p) {
    List<String> keys = p.list("TagKeys");
    if (keys.isEmpty() && p.string("TagKeys") == null) {
      p.required("TagKeys");
    }
    return keys;
  }

  static List<Node> tagPage(Page<Tag> page) {
    return page(
        Node.builder()
            .list("Tags", page.items(), (t, x) -> x.text("Key", t.key()).text("Value", t.value())),
        page);
  }

  private static List<Node> page(Node.Builder b, Page<?> page) {
    b.bool("IsTruncated", page.truncated()).text("Marker", page.marker());
    return b.build();
  }
}
