package dev.rolegate.core.iam;

import dev.rolegate.core.policies.PolicyDocuments;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
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

  public RoleService(IamContext iam) {
    this.iam = iam;
    this.attachments = new AttachmentRules(iam);
  }

  private String roleArn(Caller c, String path, String name) {
    return "arn:aws:iam::" + c.accountId() + ":role" + path + name;
  }

  static AwsServiceException noSuchRole(String name) {
    return AwsServiceException.noSuchEntity("The role with name " + name + " cannot be found.");
  }

  static Role find(Repositories r, String accountId, String name) {
    return r.roles().findByName(accountId, name).orElseThrow(() -> noSuchRole(name));
  }

  private Role authorized(Repositories r, Caller c, RequestInfo info, String action, String name) {
    Validation.name("roleName", name, 64);
    Role role = r.roles().findByName(c.accountId(), name).orElse(null);
    iam.authorizer().require(r, c, info, action, role != null ? role.arn() : roleArn(c, "/", name));
    if (role == null) {
      throw noSuchRole(name);
    }
    if (PROTECTED.contains(action)) {
      requireModifiable(role);
    }
    return role;
  }

  /** What only AWS may do to a service-linked role. */
  private static final java.util.Set<String> PROTECTED = java.util.Set.of(
      "iam:UpdateAssumeRolePolicy", "iam:DeleteRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy",
      "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary");

  /** Service-linked roles (path /aws-service-role/...) are modifiable only by their service: UnmodifiableEntity. */
  public static void requireModifiable(Role role) {
    if (ServiceLinkedRoleService.isServiceLinked(role)) {
      throw new AwsServiceException(
          AwsErrorCode.UNMODIFIABLE_ENTITY,
          "Cannot perform the operation on the protected role '" + role.name() + "' - this role is only modifiable by AWS");
    }
  }

  public Role createRole(
      Caller c, RequestInfo info, String name, String path, String trustPolicy, String description,
      Integer maxSessionDuration, String boundaryArn, List<Tag> tags) {
    Validation.name("roleName", name, 64);
    String p = Validation.path("path", path);
    Validation.policyDocument("assumeRolePolicyDocument", trustPolicy);
    Validation.length("description", description, 0, 1000);
    Validation.pattern("description", description, Validation.DESCRIPTION);
    Validation.range("maxSessionDuration", maxSessionDuration, 3600, 43200);
    List<Tag> t = Tags.validate(tags, true);
    Instant now = iam.clock().instant();
    return iam.store().write(r -> {
      iam.authorizer().require(r, c, info, "iam:CreateRole", roleArn(c, p, name));
      checkTrustPolicy(r, trustPolicy);
      IamQuotas quotas = IamQuotas.of(r, c.accountId());
      quotas.requireSize(IamQuotas.Quota.ACL_SIZE_PER_ROLE, trustPolicy);
      quotas.requireRoom(IamQuotas.Quota.ROLES_PER_ACCOUNT, r.accounts().count(c.accountId(), AccountRepository.Counted.ROLES));
      if (boundaryArn != null) {
        attachments.requireBoundary(r, c, boundaryArn);
      }
      Role role = new Role(
          c.accountId(), iam.ids().uniqueId("AROA"), name, p, trustPolicy, description,
          maxSessionDuration == null ? DEFAULT_MAX_SESSION : maxSessionDuration, boundaryArn, t, now, null, null);
      try {
        r.roles().insert(role);
      } catch (DuplicateKeyException e) {
        throw new AwsServiceException(AwsErrorCode.ENTITY_ALREADY_EXISTS, "Role with name " + name + " already exists.");
      }
      return role;
    });
  }

  /**
   * A trust policy as IAM accepts it: valid as a trust policy, and every user or role ARN it names in
   * an account this server hosts must exist ("Invalid principal in policy").
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
        if (arn == null || !arn.service().equals("iam") || r.accounts().find(arn.account()).isEmpty()) {
          continue;
        }
        boolean exists =
            switch (arn.resourceType()) {
              case "role" -> r.roles().findByName(arn.account(), arn.name()).filter(x -> x.arn().equals(e.value().value())).isPresent();
              case "user" -> r.users().findByName(arn.account(), arn.name()).filter(x -> x.arn().equals(e.value().value())).isPresent();
              default -> true;
            };
        if (!exists) {
          throw new AwsServiceException(
              AwsErrorCode.MALFORMED_POLICY_DOCUMENT, dev.rolegate.policy.AwsMessages.invalidPrincipal("AWS", e.value().value()));
        }
      }
    }
  }

  public Role getRole(Caller c, RequestInfo info, String name) {
    return iam.store().read(r -> authorized(r, c, info, "iam:GetRole", name));
  }

  public Page<Role> listRoles(Caller c, RequestInfo info, String pathPrefix, String marker, Integer maxItems) {
    String prefix = Validation.pathPrefix(pathPrefix);
    Page.Window w = Page.window(marker, maxItems);
    // the store pages (an account may hold many roles): one row more than the page says if there are more
    List<Role> rows = iam.store().read(r -> {
      iam.authorizer().require(r, c, info, "iam:ListRoles", "arn:aws:iam::" + c.accountId() + ":role" + prefix);
      return r.roles().list(c.accountId(), prefix, w.from(), w.max() + 1);
    });
    return Page.fetched(rows, w);
  }

  public void updateRole(Caller c, RequestInfo info, String name, String description, Integer maxSessionDuration) {
    updateRole(c, info, "iam:UpdateRole", name, description, maxSessionDuration);
  }

  private void updateRole(Caller c, RequestInfo info, String action, String name, String description, Integer maxSessionDuration) {
    Validation.length("description", description, 0, 1000);
    Validation.pattern("description", description, Validation.DESCRIPTION);
    Validation.range("maxSessionDuration", maxSessionDuration, 3600, 43200);
    iam.store().write(r -> {
      Role role = authorized(r, c, info, action, name);
      r.roles().update(new Role(
          role.accountId(), role.roleId(), role.name(), role.path(), role.assumeRolePolicyDocument(),
          description != null ? description : role.description(),
          maxSessionDuration != null ? maxSessionDuration : role.maxSessionDuration(),
          role.permissionsBoundaryArn(), role.tags(), role.createDate(), role.lastUsedDate(), role.lastUsedRegion()));
      return null;
    });
  }

  public Role updateRoleDescription(Caller c, RequestInfo info, String name, String description) {
    Validation.required("description", description);
    updateRole(c, info, "iam:UpdateRoleDescription", name, description, null); // its own IAM action
    return iam.store().read(r -> find(r, c.accountId(), name));
  }

  public void updateAssumeRolePolicy(Caller c, RequestInfo info, String name, String document) {
    Validation.policyDocument("policyDocument", document);
    iam.store().write(r -> {
      Role role = authorized(r, c, info, "iam:UpdateAssumeRolePolicy", name);
      checkTrustPolicy(r, document);
      IamQuotas.of(r, c.accountId()).requireSize(IamQuotas.Quota.ACL_SIZE_PER_ROLE, document);
      r.roles().update(new Role(
          role.accountId(), role.roleId(), role.name(), role.path(), document, role.description(),
          role.maxSessionDuration(), role.permissionsBoundaryArn(), role.tags(), role.createDate(),
          role.lastUsedDate(), role.lastUsedRegion()));
      return null;
    });
  }

  public void deleteRole(Caller c, RequestInfo info, String name) {
    iam.store().write(r -> {
      Role role = authorized(r, c, info, "iam:DeleteRole", name);
      if (!r.inlinePolicies().list(c.accountId(), PrincipalType.ROLE, role.name()).isEmpty()) {
        throw new AwsServiceException(AwsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
      }
      if (!r.attachments().list(c.accountId(), PrincipalType.ROLE, role.name()).isEmpty()) {
        throw new AwsServiceException(AwsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
      }
      if (!r.instanceProfiles().listForRole(c.accountId(), role.name()).isEmpty()) {
        throw new AwsServiceException(AwsErrorCode.DELETE_CONFLICT, "Cannot delete entity, must remove roles from instance profile first.");
      }
      r.roles().delete(c.accountId(), role.name());
      return null;
    });
  }

  public void putRolePolicy(Caller c, RequestInfo info, String roleName, String policyName, String document) {
    Validation.name("policyName", policyName, 128);
    Validation.policyDocument("policyDocument", document);
    PolicyDocuments.require(document, PolicyKind.IDENTITY, false);
    iam.store().write(r -> {
      Role role = authorized(r, c, info, "iam:PutRolePolicy", roleName);
      IamQuotas.of(r, c.accountId()).requireInlineRoom(r, c.accountId(), PrincipalType.ROLE, role.name(), policyName, document);
      r.inlinePolicies().put(new InlinePolicy(c.accountId(), PrincipalType.ROLE, role.name(), policyName, document));
      return null;
    });
  }

  public InlinePolicy getRolePolicy(Caller c, RequestInfo info, String roleName, String policyName) {
    Validation.name("policyName", policyName, 128);
    return iam.store().read(r -> {
      Role role = authorized(r, c, info, "iam:GetRolePolicy", roleName);
      return r.inlinePolicies().find(c.accountId(), PrincipalType.ROLE, role.name(), policyName)
          .orElseThrow(() -> AwsServiceException.noSuchEntity("The role policy with name " + policyName + " cannot be found."));
    });
  }

  public void deleteRolePolicy(Caller c, RequestInfo info, String roleName, String policyName) {
    Validation.name("policyName", policyName, 128);
    iam.store().write(r -> {
      Role role = authorized(r, c, info, "iam:DeleteRolePolicy", roleName);
      if (!r.inlinePolicies().delete(c.accountId(), PrincipalType.ROLE, role.name(), policyName)) {
        throw AwsServiceException.noSuchEntity("The role policy with name " + policyName + " cannot be found.");
      }
      return null;
    });
  }

  public Page<String> listRolePolicies(Caller c, RequestInfo info, String roleName, String marker, Integer maxItems) {
    List<String> names = iam.store().read(r -> {
      Role role = authorized(r, c, info, "iam:ListRolePolicies", roleName);
      return r.inlinePolicies().list(c.accountId(), PrincipalType.ROLE, role.name()).stream().map(InlinePolicy::name).toList();
    });
    return Page.of(names, marker, maxItems);
  }

  public void attachRolePolicy(Caller c, RequestInfo info, String roleName, String policyArn) {
    Validation.policyArn(policyArn);
    iam.store().write(r -> {
      Role role = authorized(r, c, info, "iam:AttachRolePolicy", roleName);
      attachments.attach(r, c, PrincipalType.ROLE, role.name(), policyArn);
      return null;
    });
  }

  public void detachRolePolicy(Caller c, RequestInfo info, String roleName, String policyArn) {
    Validation.policyArn(policyArn);
    iam.store().write(r -> {
      Role role = authorized(r, c, info, "iam:DetachRolePolicy", roleName);
      attachments.detach(r, c, PrincipalType.ROLE, role.name(), policyArn);
      return null;
    });
  }

  public Page<AttachmentRules.AttachedPolicy> listAttachedRolePolicies(
      Caller c, RequestInfo info, String roleName, String pathPrefix, String marker, Integer maxItems) {
    String prefix = Validation.pathPrefix(pathPrefix);
    List<AttachmentRules.AttachedPolicy> all = iam.store().read(r -> {
      Role role = authorized(r, c, info, "iam:ListAttachedRolePolicies", roleName);
      return attachments.list(r, c, PrincipalType.ROLE, role.name(), prefix);
    });
    return Page.of(all, marker, maxItems);
  }

  /** The inline policy AWS's "Revoke active sessions" puts on a role. */
  public static final String REVOKE_POLICY_NAME = "AWSRevokeOlderSessions";

  /**
   * Revokes every session of the role issued until now, as the IAM console does: an inline policy
   * denying everything to sessions whose aws:TokenIssueTime is earlier. Sessions fail at once on
   * every node (the policy is evaluated on each request); newer sessions are unaffected. Deleting or
   * changing the trust policy does not revoke live sessions; this does.
   *
   * @return the cut-off time written in the policy
   */
  public Instant revokeSessions(String accountId, String roleName) {
    // one second ahead: a session issued earlier in the current second is revoked too (fail closed)
    Instant now = iam.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
    String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
        + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + now + "\"}}}]}";
    iam.store().write(r -> {
      Role role = find(r, accountId, roleName);
      r.inlinePolicies().put(new InlinePolicy(accountId, PrincipalType.ROLE, role.name(), REVOKE_POLICY_NAME, doc));
      return null;
    });
    return now;
  }

  /**
   * Records that the role was assumed (RoleLastUsed), in its own small transaction, and only when
   * the recorded use is a minute old or from another region (AWS itself updates it with a delay).
   */
  public static void recordUse(dev.rolegate.core.port.Store store, Role seen, Instant when, String region) {
    if (seen.lastUsedDate() != null && seen.lastUsedDate().plusSeconds(60).isAfter(when)
        && java.util.Objects.equals(region, seen.lastUsedRegion())) {
      return;
    }
    store.write(r -> {
      r.roles().findById(seen.roleId()).ifPresent(current -> markUsed(r, current, when, region));
      return null;
    });
  }

  /** Records that the role was assumed (RoleLastUsed). */
  public static void markUsed(Repositories r, Role role, Instant when, String region) {
    r.roles().update(new Role(
        role.accountId(), role.roleId(), role.name(), role.path(), role.assumeRolePolicyDocument(), role.description(),
        role.maxSessionDuration(), role.permissionsBoundaryArn(), role.tags(), role.createDate(), when, region));
  }
}
