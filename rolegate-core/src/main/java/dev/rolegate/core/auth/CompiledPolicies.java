package dev.rolegate.core.auth;

import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stored policy documents compiled once: a cache by kind, name and text (documents are validated
 * when written), cleared when it holds more than {@link #LIMIT} entries.
 */
public final class CompiledPolicies {
  static final int LIMIT = 10_000;

  private final ConcurrentHashMap<Key, CompiledPolicy> compiled = new ConcurrentHashMap<>();

  /** What a compiled policy is cached by (no concatenated copy of the document per lookup). */
  private record Key(PolicyKind kind, String name, String document) {}

  /**
   * The document compiled; null when it has errors after all (stored before a stricter validator):
   * such a policy grants nothing.
   */
  public CompiledPolicy compile(String name, String document, PolicyKind kind) {
    Key key = new Key(kind, name, document);
    CompiledPolicy p = compiled.get(key);
    if (p == null) {
      Policies.Checked checked = Policies.check(document, kind);
      if (checked.hasErrors()) {
        return null;
      }
      if (compiled.size() > LIMIT) {
        compiled.clear();
      }
      p = checked.compile(name);
      compiled.put(key, p);
    }
    return p;
  }
}
