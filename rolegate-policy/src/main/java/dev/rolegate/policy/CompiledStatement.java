package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement prepared for evaluation: patterns compiled, variables pre-split, nothing parsed per
 * request.
 */
final class CompiledStatement {
  private final Statement source;
  private final Effect effect;
  private final ActionMatcher actions; // null = the statement has no actions and never applies
  private final boolean notAction;
  private final ResourcePattern[]
      resources; // null = no Resource element: any resource (trust policies)
  private final boolean notResource;
  private final PrincipalMatcher principal; // null = no Principal element
  private final boolean notPrincipal;
  private final CompiledCondition[] conditions;

  CompiledStatement(Statement s, boolean variables) {
    this.source = s;
    this.effect = s.effect();
    this.actions =
        s.actions() == null || s.actions().isEmpty() ? null : ActionMatcher.compile(s.actions());
    this.notAction = s.notAction();
    if (s.resources() == null) {
      this.resources = null;
    } else {
      this.resources = new ResourcePattern[s.resources().size()];
      for (int i = 0; i < resources.length; i++) {
        resources[i] = new ResourcePattern(s.resources().get(i).value(), variables);
      }
    }
    this.notResource = s.notResource();
    this.principal = s.principal() == null ? null : PrincipalMatcher.compile(s.principal());
    this.notPrincipal = s.notPrincipal();
    List<CompiledCondition> cs = new ArrayList<>();
    for (ConditionClause c : s.conditions()) {
      cs.add(new CompiledCondition(c, variables));
    }
    this.conditions = cs.toArray(new CompiledCondition[0]);
  }

  Statement source() {
    return source;
  }

  Effect effect() {
    return effect;
  }

  /** How the statement applies to the request: NONE when it does not. Allocates nothing. */
  PrincipalMatch applies(RequestContext ctx) {
    return applies(ctx, false);
  }

  /**
   * @param principalHasBoundary the caller has a permissions boundary: a Deny with NotPrincipal
   *     then applies to it whatever the NotPrincipal lists (IAM User Guide, permissions boundaries)
   */
  PrincipalMatch applies(RequestContext ctx, boolean principalHasBoundary) {
    if (effect == null || !actionMatches(ctx) || !resourceMatches(ctx)) {
      return PrincipalMatch.NONE;
    }
    PrincipalMatch pm =
        principalHasBoundary && notPrincipal && effect == Effect.DENY
            ? PrincipalMatch.WILDCARD
            : principalMatch(ctx);
    if (pm == PrincipalMatch.NONE) {
      return pm;
    }
    for (CompiledCondition c : conditions) {
      if (!c.test(ctx)) {
        return PrincipalMatch.NONE;
      }
    }
    return pm;
  }

  private boolean actionMatches(RequestContext ctx) {
    if (actions == null) {
      return false;
    }
    return actions.matches(ctx) != notAction;
  }

  private boolean resourceMatches(RequestContext ctx) {
    if (resources == null) {
      return true;
    }
    boolean any = false;
    for (ResourcePattern r : resources) {
      if (r.matches(ctx)) {
        any = true;
        break;
      }
    }
    return any != notResource;
  }

  private PrincipalMatch principalMatch(RequestContext ctx) {
    if (principal == null) {
      return PrincipalMatch.DIRECT;
    }
    if (notPrincipal) {
      return principal.excludes(ctx.principal(), ctx)
          ? PrincipalMatch.NONE
          : PrincipalMatch.WILDCARD;
    }
    return principal.match(ctx.principal(), ctx);
  }

  /** The statement's trace; {@code applied} is what {@link #applies} returned for the request. */
  Explanation.StatementTrace trace(StatementRef ref, RequestContext ctx, PrincipalMatch applied) {
    List<Explanation.ConditionTrace> traces = new ArrayList<>();
    for (CompiledCondition c : conditions) {
      traces.add(c.trace(ctx));
    }
    Boolean principalMatched = principal == null ? null : principalMatch(ctx).matched();
    return new Explanation.StatementTrace(
        ref,
        effect,
        actionMatches(ctx),
        resourceMatches(ctx),
        principalMatched,
        traces,
        applied.matched());
  }
}
