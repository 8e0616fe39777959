package dev.rolegate.policy;

/** A place in a policy document's text: 1-based line and column. */
public record SourcePosition(int line, int column) {
  public static final SourcePosition UNKNOWN = new SourcePosition(0, 0);

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
