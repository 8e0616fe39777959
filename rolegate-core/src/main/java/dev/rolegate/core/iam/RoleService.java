package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.policies.PolicyDocuments;
import dev.rolegate.core.port.AccountRepository;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PrincipalBlock;
import dev.rolegate.policy.Statement;
import java.time.Instant;
import java.util.List;

/** Roles and their inline and attached policies. */
public final class RoleService {
  public static final int DEFAULT_MAX_SESSION = 3600;

  private final IamContext iam;
  private final AttachmentRules attachments;
  private final PrincipalPolicies policies;

  public RoleService(IamContext iam) {
    this.iam = iam;
    this.attachments = new AttachmentRules(iam);
    this.policies = new PrincipalPolicies(iam);
  }

  static AwsServiceException noSuchRole(String name) {
    return PrincipalKind.ROLE.noSuchEntity(name);
  }

  static Role find(Repositories r, String accountId, String name) {
    return r.roles().findByName(accountId, name).orElseThrow(() -> noSuchRole(name));
  }

  private Role authorized(Repositories r, Caller c, RequestInfo info, String action, String name) {
    return policies.authorized(r, c, info, PrincipalKind.ROLE, action, name);
  }

  /** What only AWS may do to a service-linked role. */
  private static final java.util.Set<String> PROTECTED =
      java.util.Set.of(
          "iam:UpdateAssumeRolePolicy",
          "iam:DeleteRole",
          "iam:PutRolePolicy",
          "iam:DeleteRolePolicy",
          "iam:AttachRolePolicy",
          "iam:DetachRolePolicy",
          "iam:PutRolePermissionsBoundary",
          "iam:DeleteRolePermissionsBoundary");

  /**
   * The role's own refusal of an action, once the caller is authorized: a protected action on a
   * service-linked role.
   */
  static void protect(Role role, String action) {
    if (PROTECTED.contains(action)) {
      requireModifiable(role);
    }
  }

  /**
   * Service-linked roles (path /aws-service-role/...) are modifiable only by their service:
   * UnmodifiableEntity.
   */
  public static void requireModifiable(Role role) {
    if (ServiceLinkedRoleService.isServiceLinked(role)) {
      throw new AwsServiceException(
          AwsErrorCode.UNMODIFIABLE_ENTITY,
          "Cannot perform the operation on the protected role '"
              + role.name()
              + "' - this role is only modifiable by AWS");
    }
  }

  public Role createRole(
      Caller c,
      RequestInfo info,
      String name,
      String path,
      String trustPolicy,
      String description,
      Integer maxSessionDuration,
      String boundaryArn,
      List<Tag> tags) {
    String p = path == null ? "/" : path;
    List<Tag> t = Tags.validate(tags, true);
    Instant now = iam.clock().instant();
    return iam.store()
        .write(
            r -> {
              iam.authorizer()
                  .require(r, c, info, "iam:CreateRole", Arns.role(c.accountId(), p, name));
              checkTrustPolicy(r, trustPolicy);
              IamQuotas quotas = IamQuotas.of(r, c.accountId());
              quotas.requireSize(IamQuotas.Quota.ACL_SIZE_PER_ROLE, trustPolicy);
              quotas.requireRoom(
                  IamQuotas.Quota.ROLES_PER_ACCOUNT,
                  r.accounts().count(c.accountId(), AccountRepository.Counted.ROLES));
              if (boundaryArn != null) {
                attachments.requireBoundary(r, c, boundaryArn);
              }
              Role role =
                  new Role(
                      c.accountId(),
                      iam.ids().uniqueId("AROA"),
                      name,
                      p,
                      trustPolicy,
                      description,
                      maxSessionDuration == null ? DEFAULT_MAX_SESSION : maxSessionDuration,
                      boundaryArn,
                      t,
                      now,
                      null,
                      null);
              try {
                r.roles().insert(role);
              } catch (DuplicateKeyException e) {
                throw new AwsServiceException(
                    AwsErrorCode.ENTITY_ALREADY_EXISTS,
                    "Role with name " + name + " already exists.");
              }
              return role;
            });
  }

  /**
   * A trust policy as IAM accepts it: valid as a trust policy, and every user or role ARN it names
   * in an account this server hosts must exist ("Invalid principal in policy").
   */
  private void checkTrustPolicy(Repositories r, String document) {
    Policies.Checked checked = PolicyDocuments.require(document, PolicyKind.TRUST, false);
    for (Statement s : checked.document().statements()) {
      if (s.principal() == null) {
        continue;
      }
      for (PrincipalBlock.Entry e : s.principal().entries()) {
        if (!e.type().equals("AWS")) {
          continue;
        }
        Arns.Parsed arn = Arns.parse(e.value().value());
        if (arn == null
            || !arn.service().equals("iam")
            || r.accounts().find(arn.account()).isEmpty()) {
          continue;
        }
        boolean exists =
            switch (arn.resourceType()) {
              case "role" ->
                  r.roles()
                      .findByName(arn.account(), arn.name())
                      .filter(x -> x.arn().equals(e.value().value()))
                      .isPresent();
              case "user" ->
                  r.users()
                      .findByName(arn.account(), arn.name())
                      .filter(x -> x.arn().equals(e.value().value()))
                      .isPresent();
              default -> true;
            };
        if (!exists) {
          throw new AwsServiceException(
              AwsErrorCode.MALFORMED_POLICY_DOCUMENT,
              dev.rolegate.policy.AwsMessages.invalidPrincipal("AWS", e.value().value()));
        }
      }
    }
  }

  public Role getRole(Caller c, RequestInfo info, String name) {
    return iam.store().read(r -> authorized(r, c, info, "iam:GetRole", name));
  }

  public Page<Role> listRoles(
      Caller c, RequestInfo info, String pathPrefix, String marker, Integer maxItems) {
    String prefix = pathPrefix == null ? "/" : pathPrefix;
    Page.Window w = Page.window(marker, maxItems);
    // the store pages (an account may hold many roles): one row more than the page says if there
    // are more
    List<Role> rows =
        iam.store()
            .read(
                r -> {
                  iam.authorizer()
                      .require(r, c, info, "iam:ListRoles", Arns.role(c.accountId(), prefix, ""));
                  return r.roles().list(c.accountId(), prefix, w.from(), w.max() + 1);
                });
    return Page.fetched(rows, w);
  }

  public void updateRole(
      Caller c, RequestInfo info, String name, String description, Integer maxSessionDuration) {
    updateRole(c, info, "iam:UpdateRole", name, description, maxSessionDuration);
  }

  private void updateRole(
      Caller c,
      RequestInfo info,
      String action,
      String name,
      String description,
      Integer maxSessionDuration) {
    iam.store()
        .write(
            r -> {
              Role role = authorized(r, c, info, action, name);
              r.roles()
                  .update(
                      role.withDescription(description != null ? description : role.description())
                          .withMaxSessionDuration(
                              maxSessionDuration != null
                                  ? maxSessionDuration
                                  : role.maxSessionDuration()));
              return null;
            });
  }

  public Role updateRoleDescription(Caller c, RequestInfo info, String name, String description) {
    updateRole(c, info, "iam:UpdateRoleDescription", name, description, null); // its own IAM action
    return iam.store().read(r -> find(r, c.accountId(), name));
  }

  public void updateAssumeRolePolicy(Caller c, RequestInfo info, String name, String document) {
    iam.store()
        .write(
            r -> {
              Role role = authorized(r, c, info, "iam:UpdateAssumeRolePolicy", name);
              checkTrustPolicy(r, document);
              IamQuotas.of(r, c.accountId())
                  .requireSize(IamQuotas.Quota.ACL_SIZE_PER_ROLE, document);
              r.roles().update(role.withAssumeRolePolicy(document));
              return null;
            });
  }

  public void deleteRole(Caller c, RequestInfo info, String name) {
    iam.store()
        .write(
            r -> {
              Role role = authorized(r, c, info, "iam:DeleteRole", name);
              PrincipalPolicies.requireNoPolicies(r, PrincipalKind.ROLE, c.accountId(), role);
              if (!r.instanceProfiles().listForRole(c.accountId(), role.name()).isEmpty()) {
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT,
                    "Cannot delete entity, must remove roles from instance profile first.");
              }
              r.roles().delete(c.accountId(), role.name());
              return null;
            });
  }

  public void putRolePolicy(
      Caller c, RequestInfo info, String roleName, String policyName, String document) {
    policies.putPolicy(PrincipalKind.ROLE, c, info, roleName, policyName, document);
  }

  public InlinePolicy getRolePolicy(
      Caller c, RequestInfo info, String roleName, String policyName) {
    return policies.getPolicy(PrincipalKind.ROLE, c, info, roleName, policyName);
  }

  public void deleteRolePolicy(Caller c, RequestInfo info, String roleName, String policyName) {
    policies.deletePolicy(PrincipalKind.ROLE, c, info, roleName, policyName);
  }

  public Page<String> listRolePolicies(
      Caller c, RequestInfo info, String roleName, String marker, Integer maxItems) {
    return policies.listPolicies(PrincipalKind.ROLE, c, info, roleName, marker, maxItems);
  }

  public void attachRolePolicy(Caller c, RequestInfo info, String roleName, String policyArn) {
    policies.attachPolicy(PrincipalKind.ROLE, c, info, roleName, policyArn);
  }

  public void detachRolePolicy(Caller c, RequestInfo info, String roleName, String policyArn) {
    policies.detachPolicy(PrincipalKind.ROLE, c, info, roleName, policyArn);
  }

  public Page<AttachmentRules.AttachedPolicy> listAttachedRolePolicies(
      Caller c,
      RequestInfo info,
      String roleName,
      String pathPrefix,
      String marker,
      Integer maxItems) {
    return policies.listAttachedPolicies(
        PrincipalKind.ROLE, c, info, roleName, pathPrefix, marker, maxItems);
  }

  /** The inline policy AWS's "Revoke active sessions" puts on a role. */
  public static final String REVOKE_POLICY_NAME = "AWSRevokeOlderSessions";

  /**
   * Revokes every session of the role issued until now, as the IAM console does: an inline policy
   * denying everything to sessions whose aws:TokenIssueTime is earlier. Sessions fail at once on
   * every node (the policy is evaluated on each request); newer sessions are unaffected. Deleting
   * or changing the trust policy does not revoke live sessions; this does.
   *
   * @return the cut-off time written in the policy
   */
  public Instant revokeSessions(String accountId, String roleName) {
    // one second ahead: a session issued earlier in the current second is revoked too (fail closed)
    Instant now =
        iam.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
    String doc =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
            + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\""
            + now
            + "\"}}}]}";
    iam.store()
        .write(
            r -> {
              Role role = find(r, accountId, roleName);
              r.inlinePolicies()
                  .put(
                      new InlinePolicy(
                          accountId, PrincipalType.ROLE, role.name(), REVOKE_POLICY_NAME, doc));
              return null;
            });
    return now;
  }

  /**
   * Records that the role was assumed (RoleLastUsed), in its own small transaction, and only when
   * the recorded use is a minute old or from another region (AWS itself updates it with a delay):
   * the one way RoleLastUsed is written, for every role session (RoleSessionIssuer).
   */
  public static void recordUse(
      dev.rolegate.core.port.Store store, Role seen, Instant when, String region) {
    if (seen.lastUsedDate() != null
        && seen.lastUsedDate().plusSeconds(60).isAfter(when)
        && java.util.Objects.equals(region, seen.lastUsedRegion())) {
      return;
    }
    store.write(
        r -> {
          r.roles()
              .findById(seen.roleId())
              .ifPresent(current -> r.roles().update(current.withLastUsed(when, region)));
          return null;
        });
  }
}
