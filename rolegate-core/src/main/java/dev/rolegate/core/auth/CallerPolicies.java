package dev.rolegate.core.auth;

import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A principal's policy set: its identity policies (inline and attached, customer and AWS managed,
 * and for a user its groups'), its permissions boundary, and its session's policies (inline and
 * managed, intersected; the AssumeRoot task policy is evaluated with the root user's identity
 * instead). No resource policy: the caller adds the one its action has.
 */
public final class CallerPolicies {
  private final AwsManagedCatalog catalog;
  private final CompiledPolicies compiled;

  public CallerPolicies(AwsManagedCatalog catalog, CompiledPolicies compiled) {
    this.catalog = catalog;
    this.compiled = compiled;
  }

  /**
   * Allows everything: the root user's permissions (for a federated user of the root user, or
   * before an AssumeRoot task policy).
   */
  static final CompiledPolicy ALLOW_ALL =
      Policies.check(
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
              PolicyKind.IDENTITY)
          .compile("root");

  /** An AssumeRoot task policy that no longer resolves: denies everything. */
  static final CompiledPolicy DENY_EVERYTHING =
      Policies.check(
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
              PolicyKind.IDENTITY)
          .compile("task-policy");

  /** Session policies that no longer resolve: allow nothing, so the intersection grants nothing. */
  static final CompiledPolicy DENY_ALL =
      Policies.check(
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"none:none\",\"Resource\":\"*\"}]}",
              PolicyKind.SESSION)
          .compile("session-policy");

  /**
   * The caller's identity policies, boundary and session policies (no resource policy). A role
   * session gets its role's; a federated user its IAM user's (the root user: none, root is allowed
   * everything) with the session policy; GetSessionToken credentials their user's.
   */
  public PolicySet of(Repositories r, Caller caller) {
    List<CompiledPolicy> identity = new ArrayList<>();
    String boundaryArn = null;
    switch (caller.kind()) {
      case USER -> {
        Optional<User> user = Principals.user(r, caller);
        if (user.isPresent()) {
          addUser(r, caller.accountId(), user.get().name(), identity);
          boundaryArn = user.get().permissionsBoundaryArn();
        }
      }
      case ASSUMED_ROLE -> {
        Optional<Role> role = Principals.role(r, caller);
        if (role.isPresent()) {
          add(r, caller.accountId(), PrincipalType.ROLE, role.get().name(), identity);
          boundaryArn = role.get().permissionsBoundaryArn();
        }
      }
      case FEDERATED_USER -> {
        String parent = caller.session().parentUserName();
        Optional<User> user =
            parent == null ? Optional.empty() : r.users().findByName(caller.accountId(), parent);
        if (user.isPresent()) {
          addUser(r, caller.accountId(), user.get().name(), identity);
          boundaryArn = user.get().permissionsBoundaryArn();
        } else if (parent == null) {
          identity.add(ALLOW_ALL); // federated by the root user: the root user's permissions
        }
      }
      case ROOT -> {
        // the root user is allowed everything in its account; an AssumeRoot session only what its
        // task policy (AWS's root-task policies deny everything else) does not deny
        if (caller.rootTaskSession()) {
          identity.add(ALLOW_ALL);
          for (String arn : caller.session().policyArns()) {
            CompiledPolicy task = managed(r, arn, PolicyKind.IDENTITY);
            identity.add(task != null ? task : DENY_EVERYTHING);
          }
        }
      }
    }
    CompiledPolicy boundary =
        boundaryArn == null ? null : managed(r, boundaryArn, PolicyKind.PERMISSIONS_BOUNDARY);
    return new PolicySet(identity, null, boundary, sessionPolicies(r, caller.session()), List.of());
  }

  /**
   * The session's inline and managed policies; one that allows nothing when none resolves any more;
   * none without a session or for AssumeRoot.
   */
  private List<CompiledPolicy> sessionPolicies(Repositories r, Session session) {
    List<CompiledPolicy> out = new ArrayList<>();
    if (session == null || !session.hasSessionPolicies()) {
      return out;
    }
    if (session.policy() != null) {
      CompiledPolicy p = compiled.compile("session-policy", session.policy(), PolicyKind.SESSION);
      if (p != null) {
        out.add(p);
      }
    }
    for (String arn : session.policyArns()) {
      CompiledPolicy p = managed(r, arn, PolicyKind.SESSION);
      if (p != null) {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      out.add(DENY_ALL); // session policies that no longer resolve grant nothing
    }
    return out;
  }

  /** A user's own policies, then those of every group it is a member of. */
  private void addUser(
      Repositories r, String accountId, String userName, List<CompiledPolicy> out) {
    add(r, accountId, PrincipalType.USER, userName, out);
    for (Group g : r.groups().listGroupsForUser(accountId, userName)) {
      add(r, accountId, PrincipalType.GROUP, g.name(), out);
    }
  }

  /** The owner's inline policies (named owner/policy), then its attached managed policies. */
  private void add(
      Repositories r,
      String accountId,
      PrincipalType type,
      String owner,
      List<CompiledPolicy> out) {
    for (InlinePolicy p : r.inlinePolicies().list(accountId, type, owner)) {
      CompiledPolicy c =
          compiled.compile(owner + "/" + p.name(), p.document(), PolicyKind.IDENTITY);
      if (c != null) {
        out.add(c);
      }
    }
    for (String arn : r.attachments().list(accountId, type, owner)) {
      CompiledPolicy p = managed(r, arn, PolicyKind.IDENTITY);
      if (p != null) {
        out.add(p);
      }
    }
  }

  /**
   * A managed policy's default version, AWS managed from the catalog, customer managed from the
   * store; null when it does not resolve.
   */
  CompiledPolicy managed(Repositories r, String arn, PolicyKind kind) {
    if (AwsManagedCatalog.isAwsManagedArn(arn)) {
      AwsManagedCatalog.AwsPolicy p = catalog.find(arn);
      return p == null ? null : compiled.compile(arn, p.document(), kind);
    }
    Optional<ManagedPolicy> policy = r.managedPolicies().findByArn(arn);
    if (policy.isEmpty()) {
      return null;
    }
    return r.managedPolicies()
        .findVersion(arn, policy.get().defaultVersionId())
        .map(v -> compiled.compile(arn, v.document(), kind))
        .orElse(null);
  }
}
