package dev.rolegate.policy;

import java.util.List;

/**
 * An immutable syntax tree of a policy document. {@code version} and {@code id} are null when
 * absent.
 */
public record PolicyDocument(
    Text version, Text id, List<Statement> statements, SourcePosition position) {
  public static final String VERSION_2012 = "2012-10-17";
  public static final String VERSION_2008 = "2008-10-17";

  public PolicyDocument {
    statements = List.copyOf(statements);
  }

  /** Policy variables are only substituted under Version 2012-10-17 (absent means 2008-10-17). */
  public boolean variablesEnabled() {
    return version != null && VERSION_2012.equals(version.value());
  }
}
