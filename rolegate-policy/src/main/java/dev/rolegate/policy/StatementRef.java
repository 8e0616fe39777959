package dev.rolegate.policy;

/**
 * Names one statement of one policy: policy name, type, index, Sid and where it was written ({@code
 * position} its opening brace, {@code end} its closing brace).
 */
public record StatementRef(
    String policy,
    PolicyType type,
    int index,
    String sid,
    SourcePosition position,
    SourcePosition end) {
  /** {@code policy#index} or {@code policy/Sid}. */
  public String label() {
    return policy + (sid != null ? "/" + sid : "#" + index);
  }
}
