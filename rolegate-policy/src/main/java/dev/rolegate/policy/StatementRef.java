package dev.rolegate.policy;

/** Names one statement of one policy: policy name, type, index, Sid and where it was written. */
public record StatementRef(String policy, PolicyType type, int index, String sid, SourcePosition position) {
  /** {@code policy#index} or {@code policy/Sid}. */
  public String label() {
    return policy + (sid != null ? "/" + sid : "#" + index);
  }
}
