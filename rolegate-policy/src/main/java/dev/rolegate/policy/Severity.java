package dev.rolegate.policy;

/** How bad a finding is: errors make AWS reject the policy, warnings are lint. */
public enum Severity {
  ERROR,
  WARNING;

  public String label() {
    return this == ERROR ? "error" : "warning";
  }
}
