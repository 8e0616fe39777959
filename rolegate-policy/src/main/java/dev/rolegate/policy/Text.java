package dev.rolegate.policy;

/** A string from a policy document and where it was written. */
public record Text(String value, SourcePosition position) {
  @Override
  public String toString() {
    return value;
  }
}
