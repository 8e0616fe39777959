package dev.rolegate.policy;

import java.util.List;

/**
 * One operator/key pair of a Condition block with its values: {@code "StringEquals":
 * {"aws:username": ["a", "b"]}} gives one clause with two values.
 *
 * @param operator the parsed operator (never null: unknown operators are findings, not clauses)
 */
public record ConditionClause(
    ConditionOperator operator, Text operatorText, Text key, List<Text> values) {
  public ConditionClause {
    values = List.copyOf(values);
  }
}
