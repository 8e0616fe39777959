package dev.rolegate.policy;

import java.util.List;

/**
 * One statement of a policy document, as written. Optional elements are null when absent.
 *
 * @param index 0-based position in the Statement list
 * @param effect null when the Effect was missing or invalid (a finding says why)
 * @param actions the Action or NotAction values (see {@code notAction}); null when neither is
 *     present
 * @param resources the Resource or NotResource values; null when neither is present
 * @param position where the statement's opening brace is
 * @param endPosition where its closing brace is
 */
public record Statement(
    int index,
    Text sid,
    Effect effect,
    PrincipalBlock principal,
    boolean notPrincipal,
    List<Text> actions,
    boolean notAction,
    List<Text> resources,
    boolean notResource,
    List<ConditionClause> conditions,
    SourcePosition position,
    SourcePosition endPosition) {
  public Statement {
    actions = actions == null ? null : List.copyOf(actions);
    resources = resources == null ? null : List.copyOf(resources);
    conditions = List.copyOf(conditions);
  }

  /** The Sid, or {@code #index} when there is none: how explanations name a statement. */
  public String label() {
    return sid != null ? sid.value() : "#" + index;
  }
}
