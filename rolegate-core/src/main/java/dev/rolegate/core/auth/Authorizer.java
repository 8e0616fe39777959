package dev.rolegate.core.auth;

import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import java.util.List;
import java.util.Map;

/**
 * Authorization of IAM and STS calls, the front the use cases call. Each job has its own class:
 * {@link CallerPolicies} gathers the caller's policy set (with {@link CompiledPolicies}, the
 * compiled-policy cache), {@link CallerContext} builds the request context with the global keys,
 * {@link Decider} evaluates and applies the {@link Enforcement} mode, {@link DecisionRecorder}
 * records each decision, and {@link AccessDenied} words the denial as AWS does.
 */
public final class Authorizer {
  private final CompiledPolicies compiled = new CompiledPolicies();
  private final CallerPolicies policies;
  private final Decider decider;

  public Authorizer(AwsManagedCatalog catalog) {
    this(catalog, Enforcement.ENFORCE, false);
  }

  /**
   * @param enforcement what a denial does ({@code --enforcement})
   * @param explainLog a line per decision on the {@code dev.rolegate.explain} logger (info) ({@code
   *     --explain})
   */
  public Authorizer(AwsManagedCatalog catalog, Enforcement enforcement, boolean explainLog) {
    this.policies = new CallerPolicies(catalog, compiled);
    this.decider =
        new Decider(enforcement, new DecisionRecorder(new DecisionLog(1000), explainLog));
  }

  public Enforcement enforcement() {
    return decider.enforcement();
  }

  /** The recent decisions (GET /_rolegate/decisions). */
  public DecisionLog decisions() {
    return decider.recorder().log();
  }

  /** A decision and whether the call may go on (always, unless denied under enforce). */
  public record Verdict(EvaluationResult result, boolean proceed) {}

  /** {@link Decider#decide}: evaluates, records, applies the enforcement mode. */
  public Verdict decide(
      String principal,
      String action,
      String resource,
      PolicySet set,
      RequestContext ctx,
      RequestInfo info) {
    return decider.decide(principal, action, resource, set, ctx, info);
  }

  /** {@link Decider#decideFor}: a decision for another service's request, always evaluated. */
  public EvaluationResult decideFor(
      String principal,
      String action,
      String resource,
      PolicySet set,
      RequestContext ctx,
      RequestInfo info,
      boolean rootOfResourceAccount) {
    return decider.decideFor(principal, action, resource, set, ctx, info, rootOfResourceAccount);
  }

  /** {@link DecisionRecorder#failedConditions}. */
  public static List<String> failedConditionsOf(EvaluationResult result) {
    return DecisionRecorder.failedConditions(result);
  }

  /** {@link CompiledPolicies#compile}: a stored document compiled once; null when it has errors. */
  public CompiledPolicy compile(String name, String document, PolicyKind kind) {
    return compiled.compile(name, document, kind);
  }

  /** {@link CallerPolicies#of}: the caller's identity policies, boundary and session policies. */
  public PolicySet identityPolicies(Repositories r, Caller caller) {
    return policies.of(r, caller);
  }

  /** {@link CallerContext#principalTags}: the principal's tags, read once per request. */
  public Map<String, String> principalTags(Repositories r, Caller caller, RequestInfo info) {
    return CallerContext.principalTags(r, caller, info);
  }

  /**
   * {@link CallerContext#of(Repositories, Caller, RequestInfo, String, String)}: the global keys
   * and the principal's tags.
   */
  public RequestContext.Builder context(
      Repositories r, Caller caller, RequestInfo info, String action, String resource) {
    return CallerContext.of(r, caller, info, action, resource);
  }

  /**
   * {@link CallerContext#of(Caller, RequestInfo, String, String)}: the global keys that do not need
   * the store.
   */
  public RequestContext.Builder context(
      Caller caller, RequestInfo info, String action, String resource) {
    return CallerContext.of(caller, info, action, resource);
  }

  /** Evaluates the caller's identity policies; AccessDenied as AWS words it when not allowed. */
  public void require(
      Repositories r, Caller caller, RequestInfo info, String action, String resource) {
    if (skips(caller)) {
      info.scope().markDecided();
      return; // no SCPs yet: the root user may do anything in its account
    }
    requireWith(
        r,
        caller,
        info,
        action,
        resource,
        context(r, caller, info, action, resource).resourceAccount(caller.accountId()));
  }

  /** {@link #require} with a context the caller has added the action's own keys to. */
  public void requireWith(
      Repositories r,
      Caller caller,
      RequestInfo info,
      String action,
      String resource,
      RequestContext.Builder ctx) {
    if (skips(caller)) {
      info.scope().markDecided();
      return;
    }
    Verdict v =
        decide(caller.arn(), action, resource, identityPolicies(r, caller), ctx.build(), info);
    if (!v.proceed()) {
      throw AccessDenied.of(caller, action, resource, v.result());
    }
  }

  /**
   * The root user (not an AssumeRoot session) may do anything in its account; {@code off} evaluates
   * nothing.
   */
  private boolean skips(Caller caller) {
    return (caller.kind() == Caller.Kind.ROOT && !caller.rootTaskSession())
        || decider.enforcement() == Enforcement.OFF;
  }
}
