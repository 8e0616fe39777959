package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One simulated request, as IAM's policy simulator reports it: the decision, the statements that
 * decided it, the condition keys relevant statements needed but the request lacked, and each
 * policy type's own decision.
 *
 * @param result the evaluation, with its explanation
 * @param matched the deciding statements: the denying ones for an explicit deny, the allowing
 *     identity and resource-policy statements for an allow (a boundary limits, it does not
 *     grant), none for an implicit deny
 * @param missingContextValues the keys of conditions in statements whose action, resource and
 *     principal matched, absent from the request, as written in the policy, each once
 * @param byType each policy type present in the set with its own decision: an applying Deny
 *     denies explicitly, else an applying Allow allows, else it denies implicitly
 */
public record Simulation(
    EvaluationResult result, List<StatementRef> matched, List<String> missingContextValues, Map<PolicyType, Decision> byType) {
  public Simulation {
    matched = List.copyOf(matched);
    missingContextValues = List.copyOf(missingContextValues);
    byType = Map.copyOf(byType);
  }

  public static Simulation run(PolicySet set, RequestContext ctx) {
    EvaluationResult result = Evaluator.evaluate(set, ctx, true);
    List<StatementRef> matched = new ArrayList<>();
    for (StatementRef ref : result.deciding()) {
      if (result.decision() == Decision.EXPLICIT_DENY || ref.type() != PolicyType.PERMISSIONS_BOUNDARY) {
        matched.add(ref);
      }
    }
    Map<String, String> missing = new LinkedHashMap<>();
    Map<PolicyType, Decision> byType = new EnumMap<>(PolicyType.class);
    byType.put(PolicyType.IDENTITY_BASED, Decision.IMPLICIT_DENY);
    if (set.resource() != null) {
      byType.put(PolicyType.RESOURCE_BASED, Decision.IMPLICIT_DENY);
    }
    if (set.permissionsBoundary() != null) {
      byType.put(PolicyType.PERMISSIONS_BOUNDARY, Decision.IMPLICIT_DENY);
    }
    if (!set.sessionPolicies().isEmpty()) {
      byType.put(PolicyType.SESSION, Decision.IMPLICIT_DENY);
    }
    for (Explanation.StatementTrace t : result.explanation().statements()) {
      if (t.actionMatched() && t.resourceMatched() && !Boolean.FALSE.equals(t.principalMatched())) {
        for (Explanation.ConditionTrace c : t.conditions()) {
          if (c.requestValues() == null) {
            missing.putIfAbsent(c.key().toLowerCase(Locale.ROOT), c.key());
          }
        }
      }
      PolicyType type = t.statement().type();
      if (t.applies() && byType.containsKey(type) && byType.get(type) != Decision.EXPLICIT_DENY) {
        byType.put(type, t.effect() == Effect.DENY ? Decision.EXPLICIT_DENY : Decision.ALLOW);
      }
    }
    return new Simulation(result, matched, new ArrayList<>(missing.values()), byType);
  }
}
