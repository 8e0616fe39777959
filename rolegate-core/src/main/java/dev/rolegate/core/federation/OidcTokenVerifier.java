package dev.rolegate.core.federation;

import dev.rolegate.core.model.OidcProvider;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Verifies an OIDC ID token for AssumeRoleWithWebIdentity as AWS STS does: its signature against
 * the JWKS of its issuer (fetched from the issuer), its times and its audience against the IAM OIDC
 * provider of its {@code iss}.
 */
public interface OidcTokenVerifier {
  /**
   * A verified token: its provider, issuer, subject, the audience that matched, and all its claims.
   */
  record VerifiedToken(
      OidcProvider provider,
      String issuer,
      String subject,
      String audience,
      Map<String, Object> claims) {}

  /**
   * @param providers the provider for a token issuer ({@code iss} as written), or null when the
   *     role's account has none
   * @return the token's claims, or AWS's InvalidIdentityToken, ExpiredTokenException or
   *     IDPCommunicationError with its message
   */
  Verification<VerifiedToken> verify(
      String token, Function<String, OidcProvider> providers, Instant now);
}
