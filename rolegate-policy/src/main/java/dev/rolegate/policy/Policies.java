package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.List;

/** The front door of the engine: check a policy text for a kind, then compile it. */
public final class Policies {
  private Policies() {}

  /** A parsed and validated document with every finding, in text order. */
  public record Checked(PolicyDocument document, List<Finding> findings) {
    public Checked {
      findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
      return document == null || findings.stream().anyMatch(Finding::isError);
    }

    public List<Finding> errors() {
      return findings.stream().filter(Finding::isError).toList();
    }

    /** Compiles the document; only for documents without errors (a caller's bug otherwise). */
    public CompiledPolicy compile(String name) {
      if (hasErrors()) {
        throw new IllegalStateException("policy " + name + " has errors: " + errors());
      }
      return CompiledPolicy.compile(name, document);
    }
  }

  public static Checked check(String text, PolicyKind kind) {
    return check(text, kind, false);
  }

  /** Parses and validates; {@code managed} applies CreatePolicy's rules (Version 2012-10-17). */
  public static Checked check(String text, PolicyKind kind, boolean managed) {
    PolicyParser.Result parsed = PolicyParser.parse(text);
    List<Finding> findings = new ArrayList<>(parsed.findings());
    if (parsed.invalidJson() && kind == PolicyKind.TRUST) {
      // the trust-policy operations word a JSON syntax error differently (recorded against AWS)
      findings.replaceAll(
          f -> new Finding(f.severity(), f.message(), AwsMessages.INVALID_JSON, f.position()));
    }
    if (parsed.document() != null) {
      findings.addAll(PolicyValidator.validate(parsed.document(), kind, managed));
    }
    findings.sort(
        (a, b) ->
            a.position().line() != b.position().line()
                ? Integer.compare(a.position().line(), b.position().line())
                : Integer.compare(a.position().column(), b.position().column()));
    return new Checked(parsed.document(), findings);
  }
}
