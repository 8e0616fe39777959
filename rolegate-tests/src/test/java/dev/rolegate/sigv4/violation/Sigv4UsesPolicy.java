package dev.rolegate.sigv4.violation;

/**
 * A deliberate break of the layering, for LayeringRulesFailWhenBrokenTest only: sigv4 using policy.
 */
public final class Sigv4UsesPolicy {
  dev.rolegate.policy.Policies policies;
}
