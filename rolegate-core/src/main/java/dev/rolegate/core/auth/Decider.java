package dev.rolegate.core.auth;

import dev.rolegate.policy.Decision;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.Evaluator;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import java.util.List;

/**
 * The decision: evaluates a policy set in a request context, evaluates again with every statement's
 * trace when the answer is a denial (or {@code --explain} is on), has the decision recorded, and
 * applies the enforcement mode: a {@link Authorizer.Verdict} says whether the call goes on. Every
 * way of deciding marks the request as decided ({@link RequestScope}).
 */
public final class Decider {
  private final Enforcement enforcement;
  private final DecisionRecorder recorder;

  public Decider(Enforcement enforcement, DecisionRecorder recorder) {
    this.enforcement = enforcement;
    this.recorder = recorder;
  }

  public Enforcement enforcement() {
    return enforcement;
  }

  public DecisionRecorder recorder() {
    return recorder;
  }

  /**
   * Evaluates, records the decision (with the failed conditions of a denial) and applies the
   * enforcement mode. Under {@code off} nothing is evaluated and the call goes on (the result is
   * null).
   */
  public Authorizer.Verdict decide(
      String principal,
      String action,
      String resource,
      PolicySet set,
      RequestContext ctx,
      RequestInfo info) {
    info.scope().markDecided();
    if (enforcement == Enforcement.OFF) {
      return new Authorizer.Verdict(null, true);
    }
    EvaluationResult result = Evaluator.evaluate(set, ctx, false);
    boolean allowed = result.decision() == Decision.ALLOW;
    if (!allowed || recorder.explainLog()) {
      result =
          Evaluator.evaluate(set, ctx, true); // the same decision, with every statement's trace
    }
    DecisionRecorder.Outcome outcome = outcome(allowed, enforcement);
    recorder.record(principal, action, resource, result, info.now(), outcome);
    return new Authorizer.Verdict(result, outcome != DecisionRecorder.Outcome.DENIED);
  }

  /** What the server does with an evaluated decision under {@code enforce} or {@code audit}. */
  static DecisionRecorder.Outcome outcome(boolean allowed, Enforcement enforcement) {
    if (allowed) {
      return DecisionRecorder.Outcome.ALLOWED;
    }
    return enforcement == Enforcement.AUDIT
        ? DecisionRecorder.Outcome.AUDITED
        : DecisionRecorder.Outcome.DENIED;
  }

  /**
   * A decision for another service's request (POST /_rolegate/authorize): always evaluated, with
   * the trace, whatever the enforcement mode (the calling service enforces it), and recorded.
   *
   * @param rootOfResourceAccount the caller is the root user of the resource's account, which may
   *     do anything there that no policy explicitly denies
   */
  public EvaluationResult decideFor(
      String principal,
      String action,
      String resource,
      PolicySet set,
      RequestContext ctx,
      RequestInfo info,
      boolean rootOfResourceAccount) {
    info.scope().markDecided();
    EvaluationResult result = Evaluator.evaluate(set, ctx, true);
    if (rootOfResourceAccount && result.decision() == Decision.IMPLICIT_DENY) {
      result = new EvaluationResult(Decision.ALLOW, null, List.of(), result.explanation());
    }
    recorder.record(
        principal,
        action,
        resource,
        result,
        info.now(),
        result.decision() == Decision.ALLOW
            ? DecisionRecorder.Outcome.ALLOWED
            : DecisionRecorder.Outcome.DENIED);
    return result;
  }
}
