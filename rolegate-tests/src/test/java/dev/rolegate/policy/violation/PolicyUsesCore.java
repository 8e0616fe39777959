package dev.rolegate.policy.violation;

/**
 * A deliberate break of the layering, for LayeringRulesFailWhenBrokenTest only: policy using core.
 */
public final class PolicyUsesCore {
  dev.rolegate.core.AwsErrorCode code;
}
