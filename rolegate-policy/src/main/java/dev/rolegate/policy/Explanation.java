package dev.rolegate.policy;

import java.util.List;

/** Why a decision came out as it did: every statement looked at, and every condition's inputs. */
public record Explanation(List<StatementTrace> statements) {
  public Explanation {
    statements = List.copyOf(statements);
  }

  /**
   * One statement: whether its action, resource and principal matched (principal null when the
   * statement has no Principal element) and each condition.
   */
  public record StatementTrace(
      StatementRef statement,
      Effect effect,
      boolean actionMatched,
      boolean resourceMatched,
      Boolean principalMatched,
      List<ConditionTrace> conditions,
      boolean applies) {
    public StatementTrace {
      conditions = List.copyOf(conditions);
    }
  }

  /**
   * One condition: operator, key, the request's values (null when the key is absent), the policy's
   * values after variable substitution ("null" for a variable without a value) and the outcome.
   */
  public record ConditionTrace(
      String operator,
      String key,
      List<String> requestValues,
      List<String> policyValues,
      boolean result) {
    public ConditionTrace {
      requestValues = requestValues == null ? null : List.copyOf(requestValues);
      policyValues = List.copyOf(policyValues);
    }
  }
}
