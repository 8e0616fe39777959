package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.AccountRepository;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import java.time.Instant;
import java.util.List;

/** Groups: their members and their inline and attached policies (which apply to every member). */
public final class GroupService {

  /** A group with one page of its users, as GetGroup answers. */
  public record GroupWithUsers(Group group, Page<User> users) {}

  private final IamContext iam;
  private final PrincipalPolicies policies;

  public GroupService(IamContext iam) {
    this.iam = iam;
    this.policies = new PrincipalPolicies(iam);
  }

  static AwsServiceException noSuchGroup(String name) {
    return PrincipalKind.GROUP.noSuchEntity(name);
  }

  private static AwsServiceException alreadyExists(String name) {
    return new AwsServiceException(
        AwsErrorCode.ENTITY_ALREADY_EXISTS, "Group with name " + name + " already exists.");
  }

  private Group authorized(Repositories r, Caller c, RequestInfo info, String action, String name) {
    return policies.authorized(r, c, info, PrincipalKind.GROUP, action, name);
  }

  private static User user(Repositories r, Caller c, String name) {
    return r.users()
        .findByName(c.accountId(), name)
        .orElseThrow(() -> UserService.noSuchUser(name));
  }

  public Group createGroup(Caller c, RequestInfo info, String name, String path) {
    String p = path == null ? "/" : path;
    Instant now = iam.clock().instant();
    return iam.store()
        .write(
            r -> {
              iam.authorizer()
                  .require(r, c, info, "iam:CreateGroup", Arns.group(c.accountId(), p, name));
              IamQuotas.of(r, c.accountId())
                  .requireRoom(
                      IamQuotas.Quota.GROUPS_PER_ACCOUNT,
                      r.accounts().count(c.accountId(), AccountRepository.Counted.GROUPS));
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
  public GroupWithUsers getGroup(
      Caller c, RequestInfo info, String name, String marker, Integer maxItems) {
    record Loaded(Group group, List<User> users) {}
    Loaded loaded =
        iam.store()
            .read(
                r -> {
                  Group group = authorized(r, c, info, "iam:GetGroup", name);
                  List<User> users =
                      r.groups().listMembers(c.accountId(), group.name()).stream()
                          .map(u -> r.users().findByName(c.accountId(), u).orElse(null))
                          .filter(java.util.Objects::nonNull)
                          .toList();
                  return new Loaded(group, users);
                });
    return new GroupWithUsers(loaded.group(), Page.of(loaded.users(), marker, maxItems));
  }

  public Page<Group> listGroups(
      Caller c, RequestInfo info, String pathPrefix, String marker, Integer maxItems) {
    String prefix = pathPrefix == null ? "/" : pathPrefix;
    List<Group> all =
        iam.store()
            .read(
                r -> {
                  iam.authorizer()
                      .require(r, c, info, "iam:ListGroups", Arns.group(c.accountId(), prefix, ""));
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
    iam.store()
        .write(
            r -> {
              Group group = authorized(r, c, info, "iam:UpdateGroup", name);
              Group updated =
                  group
                      .withName(newName != null ? newName : group.name())
                      .withPath(newPath != null ? newPath : group.path());
              if (!updated.arn().equals(group.arn())) {
                iam.authorizer().require(r, c, info, "iam:UpdateGroup", updated.arn());
              }
              try {
                r.groups().update(updated);
              } catch (DuplicateKeyException e) {
                throw alreadyExists(updated.name());
              }
              if (!updated.name().equals(group.name())) {
                PrincipalPolicies.moveOwner(
                    r, PrincipalKind.GROUP, c.accountId(), group.name(), updated.name());
              }
              return null;
            });
  }

  public void deleteGroup(Caller c, RequestInfo info, String name) {
    iam.store()
        .write(
            r -> {
              Group group = authorized(r, c, info, "iam:DeleteGroup", name);
              if (!r.groups().listMembers(c.accountId(), group.name()).isEmpty()) {
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT,
                    "Cannot delete entity, must remove users from group first.");
              }
              PrincipalPolicies.requireNoPolicies(r, PrincipalKind.GROUP, c.accountId(), group);
              r.groups().delete(c.accountId(), group.name());
              return null;
            });
  }

  /** Adding a user who already is a member succeeds and changes nothing, as in IAM. */
  public void addUserToGroup(Caller c, RequestInfo info, String groupName, String userName) {
    iam.store()
        .write(
            r -> {
              Group group = authorized(r, c, info, "iam:AddUserToGroup", groupName);
              User user = user(r, c, userName);
              List<Group> current = r.groups().listGroupsForUser(c.accountId(), user.name());
              boolean member = current.stream().anyMatch(g -> g.groupId().equals(group.groupId()));
              if (!member) {
                IamQuotas.of(r, c.accountId())
                    .requireRoom(IamQuotas.Quota.GROUPS_PER_USER, current.size());
              }
              r.groups().addMember(c.accountId(), group.name(), user.name());
              return null;
            });
  }

  public void removeUserFromGroup(Caller c, RequestInfo info, String groupName, String userName) {
    iam.store()
        .write(
            r -> {
              Group group = authorized(r, c, info, "iam:RemoveUserFromGroup", groupName);
              User user = user(r, c, userName);
              if (!r.groups().removeMember(c.accountId(), group.name(), user.name())) {
                throw UserService.noSuchUser(
                    userName); // not a member: IAM answers as for a missing user
              }
              return null;
            });
  }

  public Page<Group> listGroupsForUser(
      Caller c, RequestInfo info, String userName, String marker, Integer maxItems) {
    List<Group> all =
        iam.store()
            .read(
                r -> {
                  User user =
                      policies.authorized(
                          r, c, info, PrincipalKind.USER, "iam:ListGroupsForUser", userName);
                  return r.groups().listGroupsForUser(c.accountId(), user.name());
                });
    return Page.of(all, marker, maxItems);
  }

  public void putGroupPolicy(
      Caller c, RequestInfo info, String groupName, String policyName, String document) {
    policies.putPolicy(PrincipalKind.GROUP, c, info, groupName, policyName, document);
  }

  public InlinePolicy getGroupPolicy(
      Caller c, RequestInfo info, String groupName, String policyName) {
    return policies.getPolicy(PrincipalKind.GROUP, c, info, groupName, policyName);
  }

  public Page<String> listGroupPolicies(
      Caller c, RequestInfo info, String groupName, String marker, Integer maxItems) {
    return policies.listPolicies(PrincipalKind.GROUP, c, info, groupName, marker, maxItems);
  }

  public void deleteGroupPolicy(Caller c, RequestInfo info, String groupName, String policyName) {
    policies.deletePolicy(PrincipalKind.GROUP, c, info, groupName, policyName);
  }

  public void attachGroupPolicy(Caller c, RequestInfo info, String groupName, String policyArn) {
    policies.attachPolicy(PrincipalKind.GROUP, c, info, groupName, policyArn);
  }

  public void detachGroupPolicy(Caller c, RequestInfo info, String groupName, String policyArn) {
    policies.detachPolicy(PrincipalKind.GROUP, c, info, groupName, policyArn);
  }

  public Page<AttachmentRules.AttachedPolicy> listAttachedGroupPolicies(
      Caller c,
      RequestInfo info,
      String groupName,
      String pathPrefix,
      String marker,
      Integer maxItems) {
    return policies.listAttachedPolicies(
        PrincipalKind.GROUP, c, info, groupName, pathPrefix, marker, maxItems);
  }
}
