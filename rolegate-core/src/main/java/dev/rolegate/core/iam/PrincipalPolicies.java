package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.policies.PolicyDocuments;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.RequestContext;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The policy operations roles, users and groups share, written once over their {@link
 * PrincipalKind}: the lookup every call on a principal starts with, inline policies
 * (Put/Get/Delete/List*Policy), attached managed policies (Attach/Detach/ListAttached*Policies) and
 * the policy checks of Delete*. {@code RoleService}, {@code UserService} and {@code GroupService}
 * delegate to it.
 */
final class PrincipalPolicies {
  private final IamContext iam;
  private final AttachmentRules attachments;

  PrincipalPolicies(IamContext iam) {
    this.iam = iam;
    this.attachments = new AttachmentRules(iam);
  }

  // ---------------------------------------------------------------- the lookup

  /**
   * The named entity, once the caller is allowed the action on it (on its would-be ARN, path "/",
   * when it does not exist, so a caller not allowed learns nothing): AccessDenied, then
   * NoSuchEntity, then the kind's own refusals. The name's shape (length, pattern) is the service
   * model's, checked in rolegate-protocol before the call; a name without a request parameter is
   * the calling user's own.
   */
  <E> E authorized(
      Repositories r,
      Caller c,
      RequestInfo info,
      PrincipalKind<E> kind,
      String action,
      String name) {
    E entity = kind.find(r, c.accountId(), name).orElse(null);
    iam.authorizer()
        .require(
            r,
            c,
            info,
            action,
            entity != null ? kind.arn(entity) : kind.arn(c.accountId(), "/", name));
    return found(kind, entity, name, action);
  }

  /**
   * {@link #authorized(Repositories, Caller, RequestInfo, PrincipalKind, String, String)} with the
   * action's own condition keys ({@code aws:RequestTag/*}, {@code iam:PermissionsBoundary}...),
   * which may depend on the entity (null when it does not exist).
   */
  <E> E authorizedWith(
      Repositories r,
      Caller c,
      RequestInfo info,
      PrincipalKind<E> kind,
      String action,
      String name,
      Function<E, Consumer<RequestContext.Builder>> keys) {
    E entity = kind.find(r, c.accountId(), name).orElse(null);
    String resource = entity != null ? kind.arn(entity) : kind.arn(c.accountId(), "/", name);
    KeyedAuthorization.require(iam, r, c, info, action, resource, keys.apply(entity));
    return found(kind, entity, name, action);
  }

  private static <E> E found(PrincipalKind<E> kind, E entity, String name, String action) {
    if (entity == null) {
      throw kind.noSuchEntity(name);
    }
    kind.check(entity, action);
    return entity;
  }

  // ---------------------------------------------------------------- inline policies

  <E> void putPolicy(
      PrincipalKind<E> kind,
      Caller c,
      RequestInfo info,
      String ownerName,
      String policyName,
      String document) {
    PolicyDocuments.require(document, PolicyKind.IDENTITY, false);
    iam.store()
        .write(
            r -> {
              String owner =
                  kind.name(authorized(r, c, info, kind, kind.actions().putPolicy(), ownerName));
              IamQuotas.of(r, c.accountId())
                  .requireInlineRoom(r, c.accountId(), kind.type(), owner, policyName, document);
              r.inlinePolicies()
                  .put(new InlinePolicy(c.accountId(), kind.type(), owner, policyName, document));
              return null;
            });
  }

  /** The policy, named after its owner as the owner is named now. */
  <E> InlinePolicy getPolicy(
      PrincipalKind<E> kind, Caller c, RequestInfo info, String ownerName, String policyName) {
    return iam.store()
        .read(
            r -> {
              String owner =
                  kind.name(authorized(r, c, info, kind, kind.actions().getPolicy(), ownerName));
              InlinePolicy p =
                  r.inlinePolicies()
                      .find(c.accountId(), kind.type(), owner, policyName)
                      .orElseThrow(() -> kind.noSuchPolicy(policyName));
              return new InlinePolicy(p.accountId(), p.ownerType(), owner, p.name(), p.document());
            });
  }

  <E> void deletePolicy(
      PrincipalKind<E> kind, Caller c, RequestInfo info, String ownerName, String policyName) {
    iam.store()
        .write(
            r -> {
              String owner =
                  kind.name(authorized(r, c, info, kind, kind.actions().deletePolicy(), ownerName));
              if (!r.inlinePolicies().delete(c.accountId(), kind.type(), owner, policyName)) {
                throw kind.noSuchPolicy(policyName);
              }
              return null;
            });
  }

  <E> Page<String> listPolicies(
      PrincipalKind<E> kind,
      Caller c,
      RequestInfo info,
      String ownerName,
      String marker,
      Integer maxItems) {
    List<String> names =
        iam.store()
            .read(
                r -> {
                  String owner =
                      kind.name(
                          authorized(r, c, info, kind, kind.actions().listPolicies(), ownerName));
                  return r.inlinePolicies().list(c.accountId(), kind.type(), owner).stream()
                      .map(InlinePolicy::name)
                      .toList();
                });
    return Page.of(names, marker, maxItems);
  }

  // ---------------------------------------------------------------- managed policies

  <E> void attachPolicy(
      PrincipalKind<E> kind, Caller c, RequestInfo info, String ownerName, String policyArn) {
    Validation.policyArn(policyArn);
    iam.store()
        .write(
            r -> {
              E owner = authorized(r, c, info, kind, kind.actions().attachPolicy(), ownerName);
              attachments.attach(r, c, kind.type(), kind.name(owner), policyArn);
              return null;
            });
  }

  <E> void detachPolicy(
      PrincipalKind<E> kind, Caller c, RequestInfo info, String ownerName, String policyArn) {
    Validation.policyArn(policyArn);
    iam.store()
        .write(
            r -> {
              E owner = authorized(r, c, info, kind, kind.actions().detachPolicy(), ownerName);
              attachments.detach(r, c, kind.type(), kind.name(owner), policyArn);
              return null;
            });
  }

  <E> Page<AttachmentRules.AttachedPolicy> listAttachedPolicies(
      PrincipalKind<E> kind,
      Caller c,
      RequestInfo info,
      String ownerName,
      String pathPrefix,
      String marker,
      Integer maxItems) {
    String prefix = pathPrefix == null ? "/" : pathPrefix;
    List<AttachmentRules.AttachedPolicy> all =
        iam.store()
            .read(
                r -> {
                  E owner =
                      authorized(
                          r, c, info, kind, kind.actions().listAttachedPolicies(), ownerName);
                  return attachments.list(r, c, kind.type(), kind.name(owner), prefix);
                });
    return Page.of(all, marker, maxItems);
  }

  // ---------------------------------------------------------------- deleting the owner

  /**
   * DeleteRole/User/Group: the entity must have no inline policy, then no attached policy left
   * (DeleteConflict).
   */
  static <E> void requireNoPolicies(
      Repositories r, PrincipalKind<E> kind, String accountId, E entity) {
    String owner = kind.name(entity);
    if (!r.inlinePolicies().list(accountId, kind.type(), owner).isEmpty()) {
      throw new AwsServiceException(
          AwsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
    }
    if (!r.attachments().list(accountId, kind.type(), owner).isEmpty()) {
      throw new AwsServiceException(
          AwsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
    }
  }

  /**
   * A rename (UpdateUser, UpdateGroup): inline policies and attachments name their owner, so they
   * follow it (attachment order kept).
   */
  static <E> void moveOwner(
      Repositories r, PrincipalKind<E> kind, String accountId, String from, String to) {
    r.inlinePolicies().renameOwner(accountId, kind.type(), from, to);
    r.attachments().renameOwner(accountId, kind.type(), from, to);
  }
}
