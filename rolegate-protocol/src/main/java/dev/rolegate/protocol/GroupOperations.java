package dev.rolegate.protocol;

import dev.rolegate.core.iam.AttachmentRules.AttachedPolicy;
import dev.rolegate.core.iam.GroupService;
import dev.rolegate.core.iam.Page;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.User;
import java.util.List;
import java.util.Map;

/**
 * The IAM group actions: CreateGroup, GetGroup (with its users), ListGroups, UpdateGroup,
 * DeleteGroup, AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser,
 * Put/Get/List/DeleteGroupPolicy and Attach/Detach/ListAttachedGroupPolicies.
 */
public final class GroupOperations {
  private GroupOperations() {}

  public static void register(Map<String, Operation> ops, GroupService groups) {
    ops.put(
        "CreateGroup",
        c -> {
          Group g =
              groups.createGroup(
                  c.caller(),
                  c.info(),
                  c.params().required("GroupName"),
                  c.params().string("Path"));
          return Node.builder().struct("Group", b -> group(b, g)).build();
        });
    ops.put(
        "GetGroup",
        c -> {
          Params p = c.params();
          GroupService.GroupWithUsers v =
              groups.getGroup(
                  c.caller(),
                  c.info(),
                  p.required("GroupName"),
                  p.string("Marker"),
                  p.integer("MaxItems"));
          return page(
              Node.builder()
                  .struct("Group", b -> group(b, v.group()))
                  .list("Users", v.users().items(), GroupOperations::user),
              v.users());
        });
    ops.put(
        "ListGroups",
        c -> {
          Params p = c.params();
          Page<Group> page =
              groups.listGroups(
                  c.caller(),
                  c.info(),
                  p.string("PathPrefix"),
                  p.string("Marker"),
                  p.integer("MaxItems"));
          return page(Node.builder().list("Groups", page.items(), (g, b) -> group(b, g)), page);
        });
    ops.put(
        "UpdateGroup",
        c -> {
          Params p = c.params();
          groups.updateGroup(
              c.caller(),
              c.info(),
              p.required("GroupName"),
              p.string("NewGroupName"),
              p.string("NewPath"));
          return null;
        });
    ops.put(
        "DeleteGroup",
        c -> {
          groups.deleteGroup(c.caller(), c.info(), c.params().required("GroupName"));
          return null;
        });
    ops.put(
        "AddUserToGroup",
        c -> {
          groups.addUserToGroup(
              c.caller(),
              c.info(),
              c.params().required("GroupName"),
              c.params().required("UserName"));
          return null;
        });
    ops.put(
        "RemoveUserFromGroup",
        c -> {
          groups.removeUserFromGroup(
              c.caller(),
              c.info(),
              c.params().required("GroupName"),
              c.params().required("UserName"));
          return null;
        });
    ops.put(
        "ListGroupsForUser",
        c -> {
          Params p = c.params();
          Page<Group> page =
              groups.listGroupsForUser(
                  c.caller(),
                  c.info(),
                  p.required("UserName"),
                  p.string("Marker"),
                  p.integer("MaxItems"));
          return page(Node.builder().list("Groups", page.items(), (g, b) -> group(b, g)), page);
        });
    ops.put(
        "PutGroupPolicy",
        c -> {
          Params p = c.params();
          groups.putGroupPolicy(
              c.caller(),
              c.info(),
              p.required("GroupName"),
              p.required("PolicyName"),
              p.required("PolicyDocument"));
          return null;
        });
    ops.put(
        "GetGroupPolicy",
        c -> {
          InlinePolicy p =
              groups.getGroupPolicy(
                  c.caller(),
                  c.info(),
                  c.params().required("GroupName"),
                  c.params().required("PolicyName"));
          return Node.builder()
              .text("GroupName", p.ownerName())
              .text("PolicyName", p.name())
              .document("PolicyDocument", p.document())
              .build();
        });
    ops.put(
        "ListGroupPolicies",
        c -> {
          Params p = c.params();
          Page<String> page =
              groups.listGroupPolicies(
                  c.caller(),
                  c.info(),
                  p.required("GroupName"),
                  p.string("Marker"),
                  p.integer("MaxItems"));
          return page(Node.builder().texts("PolicyNames", page.items()), page);
        });
    ops.put(
        "DeleteGroupPolicy",
        c -> {
          groups.deleteGroupPolicy(
              c.caller(),
              c.info(),
              c.params().required("GroupName"),
              c.params().required("PolicyName"));
          return null;
        });
    ops.put(
        "AttachGroupPolicy",
        c -> {
          groups.attachGroupPolicy(
              c.caller(),
              c.info(),
              c.params().required("GroupName"),
              c.params().required("PolicyArn"));
          return null;
        });
    ops.put(
        "DetachGroupPolicy",
        c -> {
          groups.detachGroupPolicy(
              c.caller(),
              c.info(),
              c.params().required("GroupName"),
              c.params().required("PolicyArn"));
          return null;
        });
    ops.put(
        "ListAttachedGroupPolicies",
        c -> {
          Params p = c.params();
          Page<AttachedPolicy> page =
              groups.listAttachedGroupPolicies(
                  c.caller(),
                  c.info(),
                  p.required("GroupName"),
                  p.string("PathPrefix"),
                  p.string("Marker"),
                  p.integer("MaxItems"));
          return page(
              Node.builder()
                  .list(
                      "AttachedPolicies",
                      page.items(),
                      (a, b) -> b.text("PolicyName", a.name()).text("PolicyArn", a.arn())),
              page);
        });
  }

  private static void group(Node.Builder b, Group g) {
    b.text("Path", g.path())
        .text("GroupName", g.name())
        .text("GroupId", g.groupId())
        .text("Arn", g.arn())
        .time("CreateDate", g.createDate());
  }

  private static void user(User u, Node.Builder b) {
    b.text("Path", u.path())
        .text("UserName", u.name())
        .text("UserId", u.userId())
        .text("Arn", u.arn())
        .time("CreateDate", u.createDate());
  }

  private static List<Node> page(Node.Builder b, Page<?> page) {
    b.bool("IsTruncated", page.truncated()).text("Marker", page.marker());
    return b.build();
  }
}
