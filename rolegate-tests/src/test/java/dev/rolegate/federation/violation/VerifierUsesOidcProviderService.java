package dev.rolegate.federation.violation;

/**
 * A deliberate break, for LayeringRulesFailWhenBrokenTest only: a federation verifier using
 * OidcProviderService.
 */
public final class VerifierUsesOidcProviderService {
  dev.rolegate.core.iam.OidcProviderService providers;
}
