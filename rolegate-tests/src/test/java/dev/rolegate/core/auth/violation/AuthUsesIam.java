package dev.rolegate.core.auth.violation;

/**
 * A deliberate break of the layering, for LayeringRulesFailWhenBrokenTest only: core.auth using
 * core.iam.
 */
public final class AuthUsesIam {
  dev.rolegate.core.iam.RoleService roles;
}
