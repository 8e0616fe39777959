package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * AWS's policy evaluation logic (IAM User Guide, "Policy evaluation logic"):
 *
 * <ol>
 *   <li>an explicit Deny in any applicable policy decides;
 *   <li>every SCP level must allow;
 *   <li>a resource-based policy in the same account allows on its own when it names the user or
 *       session directly (or everyone); naming the role it is still limited by the permissions
 *       boundary and session policies; naming the account it needs the identity side too;
 *   <li>across accounts both the identity side and the resource-based policy must allow;
 *   <li>the identity side is: an identity-based policy allows (the root user always does), the
 *       permissions boundary (if any) allows, the session policies (if any) allow; a federated-user
 *       session without a session policy has no permissions;
 *   <li>for sts:AssumeRole* the resource policy is the role's trust policy, which must allow
 *       explicitly: identity policies alone never let anyone assume a role; naming the caller
 *       directly replaces its identity policy, but not its boundary or session policies;
 *   <li>a Deny with NotPrincipal in a resource policy always applies to a principal that has a
 *       permissions boundary.
 * </ol>
 *
 * Service, web-identity and anonymous principals have no identity side: the resource policy alone
 * decides. {@link #decide} allocates nothing (except for a policy variable written before an ARN's
 * fifth colon, which is substituted per request); {@link #evaluate} also says why. Neither throws
 * for a decision.
 */
public final class Evaluator {
  private static final int DENIED = 8;
  private static final int MATCH_MASK = 7;
  private static final PrincipalMatch[] MATCHES = PrincipalMatch.values();

  private Evaluator() {}

  /** The decision only, without allocating. */
  public static Decision decide(PolicySet set, RequestContext ctx) {
    return run(set, ctx, null);
  }

  /**
   * The decision with its deciding statements and, when {@code explain}, a trace of every
   * statement.
   */
  public static EvaluationResult evaluate(PolicySet set, RequestContext ctx, boolean explain) {
    Collector c = new Collector(explain);
    Decision d = run(set, ctx, c);
    List<StatementRef> deciding =
        d == Decision.ALLOW ? c.allows : d == Decision.EXPLICIT_DENY ? c.denies : List.of();
    return new EvaluationResult(
        d,
        d == Decision.ALLOW ? null : c.reason,
        deciding,
        explain ? new Explanation(c.traces) : null);
  }

  private static Decision run(PolicySet set, RequestContext ctx, Collector c) {
    PolicyType denied = null;
    boolean scpOk = true;
    List<List<CompiledPolicy>> levels = set.scpLevels();
    for (int l = 0, n = levels.size(); l < n; l++) {
      int f = scanAll(levels.get(l), PolicyType.SERVICE_CONTROL_POLICY, ctx, c);
      if ((f & DENIED) != 0) {
        if (c == null) {
          return Decision.EXPLICIT_DENY;
        }
        denied = first(denied, PolicyType.SERVICE_CONTROL_POLICY);
      }
      if ((f & MATCH_MASK) == 0) {
        scpOk = false;
      }
    }
    boolean hasBoundary = set.permissionsBoundary() != null;
    int res =
        set.resource() == null
            ? 0
            : scan(set.resource(), PolicyType.RESOURCE_BASED, ctx, c, hasBoundary);
    if ((res & DENIED) != 0) {
      if (c == null) {
        return Decision.EXPLICIT_DENY;
      }
      denied = first(denied, PolicyType.RESOURCE_BASED);
    }
    int id = scanAll(set.identity(), PolicyType.IDENTITY_BASED, ctx, c);
    if ((id & DENIED) != 0) {
      if (c == null) {
        return Decision.EXPLICIT_DENY;
      }
      denied = first(denied, PolicyType.IDENTITY_BASED);
    }
    int boundary =
        set.permissionsBoundary() == null
            ? 0
            : scan(set.permissionsBoundary(), PolicyType.PERMISSIONS_BOUNDARY, ctx, c, false);
    if ((boundary & DENIED) != 0) {
      if (c == null) {
        return Decision.EXPLICIT_DENY;
      }
      denied = first(denied, PolicyType.PERMISSIONS_BOUNDARY);
    }
    int session = scanAll(set.sessionPolicies(), PolicyType.SESSION, ctx, c);
    if ((session & DENIED) != 0) {
      if (c == null) {
        return Decision.EXPLICIT_DENY;
      }
      denied = first(denied, PolicyType.SESSION);
    }
    if (denied != null) {
      return deny(c, Decision.EXPLICIT_DENY, denied);
    }
    if (!scpOk) {
      return deny(c, Decision.IMPLICIT_DENY, PolicyType.SERVICE_CONTROL_POLICY);
    }

    Principal p = ctx.principal();
    PrincipalMatch resAllow = MATCHES[res & MATCH_MASK];
    if (!p.kind().inAccount()) {
      return resAllow.matched()
          ? Decision.ALLOW
          : deny(c, Decision.IMPLICIT_DENY, PolicyType.RESOURCE_BASED);
    }
    boolean root = p.kind() == Principal.Kind.ROOT;
    boolean idAllow = root || (id & MATCH_MASK) != 0;
    boolean boundaryOk = root || set.permissionsBoundary() == null || (boundary & MATCH_MASK) != 0;
    boolean sessionOk =
        set.sessionPolicies().isEmpty()
            ? p.kind() != Principal.Kind.FEDERATED_USER
            : (session & MATCH_MASK) != 0;
    PolicyType identityFailure =
        !idAllow
            ? PolicyType.IDENTITY_BASED
            : !boundaryOk
                ? PolicyType.PERMISSIONS_BOUNDARY
                : !sessionOk ? PolicyType.SESSION : null;
    PolicyType limitFailure =
        !boundaryOk ? PolicyType.PERMISSIONS_BOUNDARY : !sessionOk ? PolicyType.SESSION : null;
    boolean cross = ctx.crossAccount();

    if (set.resource() != null && isTrustAction(ctx.actionLower())) {
      if (!resAllow.matched()) {
        return deny(c, Decision.IMPLICIT_DENY, PolicyType.RESOURCE_BASED);
      }
      // naming the caller (or its role) in the trust policy replaces the identity policy, but the
      // caller's permissions boundary and session policies still apply
      if (!cross && resAllow != PrincipalMatch.ACCOUNT) {
        return limitFailure == null
            ? Decision.ALLOW
            : deny(c, Decision.IMPLICIT_DENY, limitFailure);
      }
      return identityFailure == null
          ? Decision.ALLOW
          : deny(c, Decision.IMPLICIT_DENY, identityFailure);
    }
    if (cross) {
      if (identityFailure != null) {
        return deny(c, Decision.IMPLICIT_DENY, identityFailure);
      }
      return resAllow.matched()
          ? Decision.ALLOW
          : deny(c, Decision.IMPLICIT_DENY, PolicyType.RESOURCE_BASED);
    }
    if (resAllow.unlimited()) {
      return Decision.ALLOW;
    }
    if (resAllow == PrincipalMatch.ROLE && limitFailure == null) {
      return Decision.ALLOW;
    }
    return identityFailure == null
        ? Decision.ALLOW
        : deny(c, Decision.IMPLICIT_DENY, identityFailure);
  }

  /**
   * Whether, for this action, the resource policy is a role's trust policy: sts:AssumeRole,
   * sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity,
   * sts:SetContext (any case).
   */
  public static boolean resourcePolicyIsTrustPolicy(String action) {
    return isTrustAction(action.toLowerCase(java.util.Locale.ROOT));
  }

  static boolean isTrustAction(String actionLower) {
    switch (actionLower) {
      case "sts:assumerole":
      case "sts:assumerolewithsaml":
      case "sts:assumerolewithwebidentity":
      case "sts:tagsession":
      case "sts:setsourceidentity":
      case "sts:setcontext":
        return true;
      default:
        return false;
    }
  }

  private static PolicyType first(PolicyType current, PolicyType candidate) {
    return current != null ? current : candidate;
  }

  private static Decision deny(Collector c, Decision d, PolicyType reason) {
    if (c != null) {
      c.reason = reason;
    }
    return d;
  }

  private static int scanAll(
      List<CompiledPolicy> policies, PolicyType type, RequestContext ctx, Collector c) {
    int flags = 0;
    for (int i = 0, n = policies.size(); i < n; i++) {
      int f = scan(policies.get(i), type, ctx, c, false);
      flags = merge(flags, f);
      if ((flags & DENIED) != 0 && c == null) {
        return flags;
      }
    }
    return flags;
  }

  /** Bits 0-2: the best principal match of an applying Allow; bit 3: an applying Deny. */
  @SuppressWarnings(
      "EnumOrdinal") // the best PrincipalMatch is packed into the flags' low bits by its ordinal:
  // no allocation per statement
  private static int scan(
      CompiledPolicy policy,
      PolicyType type,
      RequestContext ctx,
      Collector c,
      boolean hasBoundary) {
    int flags = 0;
    for (int i = 0, n = policy.size(); i < n; i++) {
      CompiledStatement s = policy.statement(i);
      PrincipalMatch m = s.applies(ctx, hasBoundary);
      if (c != null && c.explain) {
        c.traces.add(s.trace(policy.ref(i, type), ctx, m));
      }
      if (!m.matched()) {
        continue;
      }
      if (s.effect() == Effect.DENY) {
        flags |= DENIED;
        if (c == null) {
          return flags;
        }
        c.denies.add(policy.ref(i, type));
      } else {
        int current = flags & MATCH_MASK;
        if (m.ordinal() > current) {
          flags = (flags & ~MATCH_MASK) | m.ordinal();
        }
        if (c != null && type != PolicyType.SERVICE_CONTROL_POLICY) {
          c.allows.add(policy.ref(i, type));
        }
      }
    }
    return flags;
  }

  private static int merge(int a, int b) {
    int match = Math.max(a & MATCH_MASK, b & MATCH_MASK);
    return ((a | b) & DENIED) | match;
  }

  private static final class Collector {
    final boolean explain;
    final List<StatementRef> allows = new ArrayList<>();
    final List<StatementRef> denies = new ArrayList<>();
    final List<Explanation.StatementTrace> traces = new ArrayList<>();
    PolicyType reason;

    Collector(boolean explain) {
      this.explain = explain;
    }
  }
}
