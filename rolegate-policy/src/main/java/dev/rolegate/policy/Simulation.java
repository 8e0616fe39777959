package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One simulated request, as IAM's policy simulator reports it: the decision, the statements that
 * decided it, the condition keys relevant statements needed but the request lacked, and each policy
 * type's own decision.
 *
 * @param result the evaluation, with its explanation
 * @param matched the deciding statements: the denying ones for an explicit deny, the allowing
 *     identity and resource-policy statements for an allow (a boundary limits, it does not grant),
 *     none for an implicit deny
 * @param missingContextValues the keys absent from the request that relevant statements needed, as
 *     written in the policy, each once: policy variables in the Resource of statements whose action
 *     and principal matched, and the keys (and the variables in the values) of the conditions of
 *     statements whose action, resource and principal matched
 * @param byType each policy type present in the set with its own decision: an applying Deny denies
 *     explicitly, else an applying Allow allows, else it denies implicitly
 */
public record Simulation(
    EvaluationResult result,
    List<StatementRef> matched,
    List<String> missingContextValues,
    Map<PolicyType, Decision> byType) {
  public Simulation {
    matched = List.copyOf(matched);
    missingContextValues = List.copyOf(missingContextValues);
    byType = Map.copyOf(byType);
  }

  public static Simulation run(PolicySet set, RequestContext ctx) {
    EvaluationResult result = Evaluator.evaluate(set, ctx, true);
    List<StatementRef> matched = new ArrayList<>();
    for (StatementRef ref : result.deciding()) {
      if (result.decision() == Decision.EXPLICIT_DENY
          || ref.type() != PolicyType.PERMISSIONS_BOUNDARY) {
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
    Map<String, CompiledPolicy> byName = new LinkedHashMap<>();
    set.identity().forEach(p -> byName.put(p.name(), p));
    set.sessionPolicies().forEach(p -> byName.put(p.name(), p));
    for (CompiledPolicy p : new CompiledPolicy[] {set.resource(), set.permissionsBoundary()}) {
      if (p != null) {
        byName.put(p.name(), p);
      }
    }
    for (Explanation.StatementTrace t : result.explanation().statements()) {
      CompiledPolicy policy = byName.get(t.statement().policy());
      Statement source =
          policy == null ? null : policy.document().statements().get(t.statement().index());
      boolean variables = policy != null && policy.document().variablesEnabled();
      if (t.actionMatched()
          && !Boolean.FALSE.equals(t.principalMatched())
          && source != null
          && variables
          && source.resources() != null) {
        for (Text r : source.resources()) {
          missingVariables(r, ctx, missing);
        }
      }
      if (t.actionMatched() && t.resourceMatched() && !Boolean.FALSE.equals(t.principalMatched())) {
        for (Explanation.ConditionTrace c : t.conditions()) {
          if (c.requestValues() == null) {
            missing.putIfAbsent(c.key().toLowerCase(Locale.ROOT), c.key());
          }
        }
        if (source != null && variables) {
          for (ConditionClause clause : source.conditions()) {
            if (clause.operator().allowsVariables()) {
              clause.values().forEach(v -> missingVariables(v, ctx, missing));
            }
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

  private static void missingVariables(Text text, RequestContext ctx, Map<String, String> missing) {
    Template t = Template.parse(text.value());
    if (t == null) {
      return;
    }
    for (String key : t.variableKeys()) {
      String lower = key.toLowerCase(Locale.ROOT);
      if (ctx.get(lower) == null) {
        missing.putIfAbsent(lower, key);
      }
    }
  }
}
