package dev.rolegate.core.iam;

import dev.rolegate.core.policies.PolicyDocuments;
import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.AccountRepository;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.PolicyKind;
import java.time.Instant;
import java.util.List;

/** Groups: their members and their inline and attached policies (which apply to every member). */
public final class GroupService {

  /** A group with one page of its users, as GetGroup answers. */
  public record GroupWithUsers(Group group, Page<User> users) {}

  private final IamContext iam;
  private final AttachmentRules attachments;

  public GroupService(IamContext iam) {
    this.iam = iam;
    this.attachments = new AttachmentRules(iam);
  }

  static AwsServiceException noSuchGroup(String name) {
    return AwsServiceException.noSuchEntity("The group with name " + name + " cannot be found.");
  }

  private static AwsServiceException alreadyExists(String name) {
    return new AwsServiceException(AwsErrorCode.ENTITY_ALREADY_EXISTS, "Group with name " + name + " already exists.");
  }

  private static String groupArn(Caller c, String path, String name) {
    return "arn:aws:iam::" + c.accountId() + ":group" + path + name;
  }

  private Group authorized(Repositories r, Caller c, RequestInfo info, String action, String name) {
    Validation.name("groupName", name, 128);
    Group group = r.groups().findByName(c.accountId(), name).orElse(null);
    iam.authorizer().require(r, c, info, action, group != null ? group.arn() : groupArn(c, "/", name));
    if (group == null) {
      throw noSuchGroup(name);
    }
    return group;
  }

  private static User user(Repositories r, Caller c, String name) {
    return r.users().findByName(c.accountId(), name).orElseThrow(() -> UserService.noSuchUser(name));
  }

  public Group createGroup(Caller c, RequestInfo info, String name, String path) {
    Validation.name("groupName", name, 128);
    String p = Validation.path("path", path);
    Instant now = iam.clock().instant();
    return iam.store().write(r -> {
      iam.authorizer().require(r, c, info, "iam:CreateGroup", groupArn(c, p, name));
      IamQuotas.of(r, c.accountId()).requireRoom(IamQuotas.Quota.GROUPS_PER_ACCOUNT, r.accounts().count(c.accountId(), AccountRepository.Counted.GROUPS));
      Group group = new Group(c.accountId(), iam.ids().uniqueId("AGPA"), name, p, now);
      try {
        r.groups().insert(group);
      } catch (DuplicateKeyException e) {
        throw alreadyExists(name);
      }
      return group;
    });
  }

  /** The group and one page of its users (by name). */
  public GroupWithUsers getGroup(Caller c, RequestInfo info, String name, String marker, Integer maxItems) {
    record Loaded(Group group, List<User> users) {}
    Loaded loaded = iam.store().read(r -> {
      Group group = authorized(r, c, info, "iam:GetGroup", name);
      List<User> users = r.groups().listMembers(c.accountId(), group.name()).stream()
          .map(u -> r.users().findByName(c.accountId(), u).orElse(null))
          .filter(java.util.Objects::nonNull)
          .toList();
      return new Loaded(group, users);
    });
    return new GroupWithUsers(loaded.group(), Page.of(loaded.users(), marker, maxItems));
  }

  public Page<Group> listGroups(Caller c, RequestInfo info, String pathPrefix, String marker, Integer maxItems) {
    String prefix = Validation.pathPrefix(pathPrefix);
    List<Group> all = iam.store().read(r -> {
      iam.authorizer().require(r, c, info, "iam:ListGroups", "arn:aws:iam::" + c.accountId() + ":group" + prefix);
      return r.groups().list(c.accountId(), prefix);
    });
    return Page.of(all, marker, maxItems);
  }

  /**
   * Renames the group and/or changes its path. The caller needs iam:UpdateGroup on the group under
   * its old and its new name. Its members, inline policies and attachments go with it, in the same
   * transaction.
   */
  public void updateGroup(Caller c, RequestInfo info, String name, String newName, String newPath) {
    Validation.name("groupName", name, 128);
    if (newName != null) {
      Validation.name("newGroupName", newName, 128);
    }
    if (newPath != null) {
      Validation.path("newPath", newPath);
    }
    iam.store().write(r -> {
      Group group = authorized(r, c, info, "iam:UpdateGroup", name);
      Group updated = group.renamed(newName != null ? newName : group.name(), newPath != null ? newPath : group.path());
      if (!updated.arn().equals(group.arn())) {
        iam.authorizer().require(r, c, info, "iam:UpdateGroup", updated.arn());
      }
      try {
        r.groups().update(updated);
      } catch (DuplicateKeyException e) {
        throw alreadyExists(updated.name());
      }
      if (!updated.name().equals(group.name())) {
        moveGroupPolicies(r, c.accountId(), group.name(), updated.name());
      }
      return null;
    });
  }

  /** Inline policies and attachments refer to their group by name: move them to the new name (attachment order kept). */
  private static void moveGroupPolicies(Repositories r, String accountId, String from, String to) {
    r.inlinePolicies().renameOwner(accountId, PrincipalType.GROUP, from, to);
    r.attachments().renameOwner(accountId, PrincipalType.GROUP, from, to);
  }

  public void deleteGroup(Caller c, RequestInfo info, String name) {
    iam.store().write(r -> {
      Group group = authorized(r, c, info, "iam:DeleteGroup", name);
      if (!r.groups().listMembers(c.accountId(), group.name()).isEmpty()) {
        throw new AwsServiceException(AwsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must remove users from group first.");
      }
      if (!r.inlinePolicies().list(c.accountId(), PrincipalType.GROUP, group.name()).isEmpty()) {
        throw new AwsServiceException(AwsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
      }
      if (!r.attachments().list(c.accountId(), PrincipalType.GROUP, group.name()).isEmpty()) {
        throw new AwsServiceException(AwsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
      }
      r.groups().delete(c.accountId(), group.name());
      return null;
    });
  }

  /** Adding a user who already is a member succeeds and changes nothing, as in IAM. */
  public void addUserToGroup(Caller c, RequestInfo info, String groupName, String userName) {
    Validation.name("groupName", groupName, 128);
    Validation.name("userName", userName, 128);
    iam.store().write(r -> {
      Group group = authorized(r, c, info, "iam:AddUserToGroup", groupName);
      User user = user(r, c, userName);
      List<Group> current = r.groups().listGroupsForUser(c.accountId(), user.name());
      boolean member = current.stream().anyMatch(g -> g.groupId().equals(group.groupId()));
      if (!member) {
        IamQuotas.of(r, c.accountId()).requireRoom(IamQuotas.Quota.GROUPS_PER_USER, current.size());
      }
      r.groups().addMember(c.accountId(), group.name(), user.name());
      return null;
    });
  }

  public void removeUserFromGroup(Caller c, RequestInfo info, String groupName, String userName) {
    Validation.name("groupName", groupName, 128);
    Validation.name("userName", userName, 128);
    iam.store().write(r -> {
      Group group = authorized(r, c, info, "iam:RemoveUserFromGroup", groupName);
      User user = user(r, c, userName);
      if (!r.groups().removeMember(c.accountId(), group.name(), user.name())) {
        throw UserService.noSuchUser(userName); // not a member: IAM answers as for a missing user
      }
      return null;
    });
  }

  public Page<Group> listGroupsForUser(Caller c, RequestInfo info, String userName, String marker, Integer maxItems) {
    Validation.name("userName", userName, 128);
    List<Group> all = iam.store().read(r -> {
      User user = r.users().findByName(c.accountId(), userName).orElse(null);
      iam.authorizer().require(r, c, info, "iam:ListGroupsForUser",
          user != null ? user.arn() : "arn:aws:iam::" + c.accountId() + ":user/" + userName);
      if (user == null) {
        throw UserService.noSuchUser(userName);
      }
      return r.groups().listGroupsForUser(c.accountId(), user.name());
    });
    return Page.of(all, marker, maxItems);
  }

  public void putGroupPolicy(Caller c, RequestInfo info, String groupName, String policyName, String document) {
    Validation.name("policyName", policyName, 128);
    Validation.policyDocument("policyDocument", document);
    PolicyDocuments.require(document, PolicyKind.IDENTITY, false);
    iam.store().write(r -> {
      Group group = authorized(r, c, info, "iam:PutGroupPolicy", groupName);
      IamQuotas.of(r, c.accountId()).requireInlineRoom(r, c.accountId(), PrincipalType.GROUP, group.name(), policyName, document);
      r.inlinePolicies().put(new InlinePolicy(c.accountId(), PrincipalType.GROUP, group.name(), policyName, document));
      return null;
    });
  }

  public InlinePolicy getGroupPolicy(Caller c, RequestInfo info, String groupName, String policyName) {
    Validation.name("policyName", policyName, 128);
    return iam.store().read(r -> {
      Group group = authorized(r, c, info, "iam:GetGroupPolicy", groupName);
      InlinePolicy p = r.inlinePolicies().find(c.accountId(), PrincipalType.GROUP, group.name(), policyName)
          .orElseThrow(() -> noSuchGroupPolicy(policyName));
      return new InlinePolicy(p.accountId(), p.ownerType(), group.name(), p.name(), p.document());
    });
  }

  public Page<String> listGroupPolicies(Caller c, RequestInfo info, String groupName, String marker, Integer maxItems) {
    List<String> names = iam.store().read(r -> {
      Group group = authorized(r, c, info, "iam:ListGroupPolicies", groupName);
      return r.inlinePolicies().list(c.accountId(), PrincipalType.GROUP, group.name()).stream().map(InlinePolicy::name).toList();
    });
    return Page.of(names, marker, maxItems);
  }

  public void deleteGroupPolicy(Caller c, RequestInfo info, String groupName, String policyName) {
    Validation.name("policyName", policyName, 128);
    iam.store().write(r -> {
      Group group = authorized(r, c, info, "iam:DeleteGroupPolicy", groupName);
      if (!r.inlinePolicies().delete(c.accountId(), PrincipalType.GROUP, group.name(), policyName)) {
        throw noSuchGroupPolicy(policyName);
      }
      return null;
    });
  }

  private static AwsServiceException noSuchGroupPolicy(String policyName) {
    return AwsServiceException.noSuchEntity("The group policy with name " + policyName + " cannot be found.");
  }

  public void attachGroupPolicy(Caller c, RequestInfo info, String groupName, String policyArn) {
    Validation.policyArn(policyArn);
    iam.store().write(r -> {
      Group group = authorized(r, c, info, "iam:AttachGroupPolicy", groupName);
      attachments.attach(r, c, PrincipalType.GROUP, group.name(), policyArn);
      return null;
    });
  }

  public void detachGroupPolicy(Caller c, RequestInfo info, String groupName, String policyArn) {
    Validation.policyArn(policyArn);
    iam.store().write(r -> {
      Group group = authorized(r, c, info, "iam:DetachGroupPolicy", groupName);
      attachments.detach(r, c, PrincipalType.GROUP, group.name(), policyArn);
      return null;
    });
  }

  public Page<AttachmentRules.AttachedPolicy> listAttachedGroupPolicies(
      Caller c, RequestInfo info, String groupName, String pathPrefix, String marker, Integer maxItems) {
    String prefix = Validation.pathPrefix(pathPrefix);
    List<AttachmentRules.AttachedPolicy> all = iam.store().read(r -> {
      Group group = authorized(r, c, info, "iam:ListAttachedGroupPolicies", groupName);
      return attachments.list(r, c, PrincipalType.GROUP, group.name(), prefix);
    });
    return Page.of(all, marker, maxItems);
  }
}
