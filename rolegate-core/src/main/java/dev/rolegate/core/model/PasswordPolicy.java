package dev.rolegate.core.model;

/**
 * An account's password policy, as UpdateAccountPasswordPolicy sets it (values left out take AWS's
 * defaults: length 6, nothing required, users may not change their password, no expiry or reuse
 * rule).
 *
 * @param maxPasswordAge days a password is valid (1-1095), or 0: passwords do not expire
 * @param passwordReusePrevention previous passwords that cannot be reused (1-24), or 0: no rule
 */
public record PasswordPolicy(
    int minimumPasswordLength,
    boolean requireSymbols,
    boolean requireNumbers,
    boolean requireUppercaseCharacters,
    boolean requireLowercaseCharacters,
    boolean allowUsersToChangePassword,
    int maxPasswordAge,
    int passwordReusePrevention,
    boolean hardExpiry) {}
