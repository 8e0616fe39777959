package dev.rolegate.policy;

import java.util.List;

/**
 * A decision and what decided it.
 *
 * @param decision Allow, ExplicitDeny or ImplicitDeny
 * @param reason for a deny, the type of policy that denied (explicitly) or failed to allow
 *     (implicitly), as AWS names it in AccessDenied messages; null for Allow
 * @param deciding the statements that decided: the allowing statements for Allow, the denying ones
 *     for ExplicitDeny, none for ImplicitDeny
 * @param explanation every statement's trace when asked for, else null
 */
public record EvaluationResult(
    Decision decision, PolicyType reason, List<StatementRef> deciding, Explanation explanation) {
  public EvaluationResult {
    deciding = List.copyOf(deciding);
  }

  /** AWS's reason clause: "because no identity-based policy allows the s3:GetObject action". */
  public String reasonClause(String action) {
    if (decision == Decision.ALLOW || reason == null) {
      return "";
    }
    if (decision == Decision.EXPLICIT_DENY) {
      return "with an explicit deny in " + article(reason) + " " + reason.phrase();
    }
    return "because no " + reason.phrase() + " allows the " + action + " action";
  }

  private static String article(PolicyType type) {
    return type == PolicyType.IDENTITY_BASED ? "an" : "a";
  }
}
