package dev.rolegate.core.iam;

import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.Repositories;

/**
 * Permissions boundaries of roles and users: Put/DeleteRolePermissionsBoundary and
 * Put/DeleteUserPermissionsBoundary. The boundary must be an existing managed policy (customer, of
 * the caller's account, or AWS); the Authorizer applies it from the next request on. The actions
 * are authorized with {@code iam:PermissionsBoundary} set (the new boundary for Put, the current one
 * for Delete), so a policy can require a particular boundary.
 */
public final class BoundaryService {
  private final IamContext iam;
  private final AttachmentRules attachments;

  public BoundaryService(IamContext iam) {
    this.iam = iam;
    this.attachments = new AttachmentRules(iam);
  }

  private Role role(Repositories r, Caller c, RequestInfo info, String action, String name, String boundary) {
    Role role = r.roles().findByName(c.accountId(), name).orElse(null);
    String resource = role != null ? role.arn() : "arn:aws:iam::" + c.accountId() + ":role/" + name;
    String key = boundary != null ? boundary : role != null ? role.permissionsBoundaryArn() : null;
    KeyedAuthorization.require(iam, r, c, info, action, resource, b -> {
      if (key != null) {
        b.put("iam:PermissionsBoundary", key);
      }
    });
    if (role == null) {
      throw RoleService.noSuchRole(name);
    }
    return role;
  }

  private User user(Repositories r, Caller c, RequestInfo info, String action, String name, String boundary) {
    User user = r.users().findByName(c.accountId(), name).orElse(null);
    String resource = user != null ? user.arn() : "arn:aws:iam::" + c.accountId() + ":user/" + name;
    String key = boundary != null ? boundary : user != null ? user.permissionsBoundaryArn() : null;
    KeyedAuthorization.require(iam, r, c, info, action, resource, b -> {
      if (key != null) {
        b.put("iam:PermissionsBoundary", key);
      }
    });
    if (user == null) {
      throw UserService.noSuchUser(name);
    }
    return user;
  }

  public void putRolePermissionsBoundary(Caller c, RequestInfo info, String roleName, String boundary) {
    iam.store().write(r -> {
      Role role = role(r, c, info, "iam:PutRolePermissionsBoundary", roleName, boundary);
      RoleService.requireModifiable(role);
      attachments.requireBoundary(r, c, boundary);
      r.roles().update(withBoundary(role, boundary));
      return null;
    });
  }

  /** Removing a boundary the role does not have is not an error. */
  public void deleteRolePermissionsBoundary(Caller c, RequestInfo info, String roleName) {
    iam.store().write(r -> {
      Role role = role(r, c, info, "iam:DeleteRolePermissionsBoundary", roleName, null);
      RoleService.requireModifiable(role);
      if (role.permissionsBoundaryArn() != null) {
        r.roles().update(withBoundary(role, null));
      }
      return null;
    });
  }

  public void putUserPermissionsBoundary(Caller c, RequestInfo info, String userName, String boundary) {
    iam.store().write(r -> {
      User user = user(r, c, info, "iam:PutUserPermissionsBoundary", userName, boundary);
      attachments.requireBoundary(r, c, boundary);
      r.users().update(withBoundary(user, boundary));
      return null;
    });
  }

  /** Removing a boundary the user does not have is not an error. */
  public void deleteUserPermissionsBoundary(Caller c, RequestInfo info, String userName) {
    iam.store().write(r -> {
      User user = user(r, c, info, "iam:DeleteUserPermissionsBoundary", userName, null);
      if (user.permissionsBoundaryArn() != null) {
        r.users().update(withBoundary(user, null));
      }
      return null;
    });
  }

  private static Role withBoundary(Role r, String boundary) {
    return new Role(
        r.accountId(), r.roleId(), r.name(), r.path(), r.assumeRolePolicyDocument(), r.description(), r.maxSessionDuration(),
        boundary, r.tags(), r.createDate(), r.lastUsedDate(), r.lastUsedRegion());
  }

  private static User withBoundary(User u, String boundary) {
    return new User(u.accountId(), u.userId(), u.name(), u.path(), boundary, u.tags(), u.createDate());
  }
}
