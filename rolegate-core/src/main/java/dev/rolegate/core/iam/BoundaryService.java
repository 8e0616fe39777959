package dev.rolegate.core.iam;

import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.policy.RequestContext;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Permissions boundaries of roles and users: Put/DeleteRolePermissionsBoundary and
 * Put/DeleteUserPermissionsBoundary. The boundary must be an existing managed policy (customer, of
 * the caller's account, or AWS); the Authorizer applies it from the next request on. The actions
 * are authorized with {@code iam:PermissionsBoundary} set (the new boundary for Put, the current
 * one for Delete), so a policy can require a particular boundary. A service-linked role refuses
 * both (its {@link PrincipalKind} guard).
 */
public final class BoundaryService {
  private final IamContext iam;
  private final AttachmentRules attachments;
  private final PrincipalPolicies principals;

  public BoundaryService(IamContext iam) {
    this.iam = iam;
    this.attachments = new AttachmentRules(iam);
    this.principals = new PrincipalPolicies(iam);
  }

  public void putRolePermissionsBoundary(
      Caller c, RequestInfo info, String roleName, String boundary) {
    put(
        PrincipalKind.ROLE,
        Role::withPermissionsBoundary,
        "iam:PutRolePermissionsBoundary",
        c,
        info,
        roleName,
        boundary);
  }

  /** Removing a boundary the role does not have is not an error. */
  public void deleteRolePermissionsBoundary(Caller c, RequestInfo info, String roleName) {
    delete(
        PrincipalKind.ROLE,
        Role::permissionsBoundaryArn,
        Role::withPermissionsBoundary,
        "iam:DeleteRolePermissionsBoundary",
        c,
        info,
        roleName);
  }

  public void putUserPermissionsBoundary(
      Caller c, RequestInfo info, String userName, String boundary) {
    put(
        PrincipalKind.USER,
        User::withPermissionsBoundary,
        "iam:PutUserPermissionsBoundary",
        c,
        info,
        userName,
        boundary);
  }

  /** Removing a boundary the user does not have is not an error. */
  public void deleteUserPermissionsBoundary(Caller c, RequestInfo info, String userName) {
    delete(
        PrincipalKind.USER,
        User::permissionsBoundaryArn,
        User::withPermissionsBoundary,
        "iam:DeleteUserPermissionsBoundary",
        c,
        info,
        userName);
  }

  private <E> void put(
      PrincipalKind<E> kind,
      BiFunction<E, String, E> with,
      String action,
      Caller c,
      RequestInfo info,
      String name,
      String boundary) {
    iam.store()
        .write(
            r -> {
              E entity =
                  principals.authorizedWith(r, c, info, kind, action, name, x -> keys(boundary));
              attachments.requireBoundary(r, c, boundary);
              kind.update(r, with.apply(entity, boundary));
              return null;
            });
  }

  private <E> void delete(
      PrincipalKind<E> kind,
      Function<E, String> current,
      BiFunction<E, String, E> with,
      String action,
      Caller c,
      RequestInfo info,
      String name) {
    iam.store()
        .write(
            r -> {
              E entity =
                  principals.authorizedWith(
                      r,
                      c,
                      info,
                      kind,
                      action,
                      name,
                      x -> keys(x != null ? current.apply(x) : null));
              if (current.apply(entity) != null) {
                kind.update(r, with.apply(entity, null));
              }
              return null;
            });
  }

  /** {@code iam:PermissionsBoundary}: the boundary the call is about, when there is one. */
  private static Consumer<RequestContext.Builder> keys(String boundary) {
    return b -> {
      if (boundary != null) {
        b.put("iam:PermissionsBoundary", boundary);
      }
    };
  }
}
