package dev.rolegate.policy;

import java.util.List;
import java.util.Objects;

/**
 * A policy compiled for evaluation. Immutable and thread-safe: compile once, evaluate many times
 * from any number of threads.
 */
public final class CompiledPolicy {
  private final String name;
  private final PolicyDocument document;
  private final CompiledStatement[] statements;

  CompiledPolicy(String name, PolicyDocument document, CompiledStatement[] statements) {
    this.name = Objects.requireNonNull(name, "name is null");
    this.document = document;
    this.statements = statements;
  }

  /** Compiles a parsed document; statements with errors (no Effect, no actions) never apply. */
  public static CompiledPolicy compile(String name, PolicyDocument document) {
    boolean variables = document.variablesEnabled();
    List<Statement> source = document.statements();
    CompiledStatement[] out = new CompiledStatement[source.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new CompiledStatement(source.get(i), variables);
    }
    return new CompiledPolicy(name, document, out);
  }

  public String name() {
    return name;
  }

  public PolicyDocument document() {
    return document;
  }

  int size() {
    return statements.length;
  }

  CompiledStatement statement(int i) {
    return statements[i];
  }

  StatementRef ref(int i, PolicyType type) {
    Statement s = statements[i].source();
    return new StatementRef(
        name,
        type,
        s.index(),
        s.sid() == null ? null : s.sid().value(),
        s.position(),
        s.endPosition());
  }
}
