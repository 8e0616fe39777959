package dev.rolegate.core.sts;

import dev.rolegate.core.Ids;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.Session;
import dev.rolegate.core.auth.SessionClaims;
import dev.rolegate.core.auth.SessionTokens;
import java.util.Objects;

/**
 * The one way temporary credentials are made, for every STS operation that issues them (role
 * sessions through {@link RoleSessionIssuer}, GetSessionToken, GetFederationToken, AssumeRoot): an
 * {@code ASIA} access key id in the owner's account, a fresh secret, and the session token sealing
 * the owner with its {@link Session} and that secret.
 */
public final class CredentialMinter {
  private final Ids ids;
  private final SessionTokens tokens;

  public CredentialMinter(Ids ids, SessionTokens tokens) {
    this.ids = Objects.requireNonNull(ids, "ids is null");
    this.tokens = Objects.requireNonNull(tokens, "tokens is null");
  }

  /**
   * Credentials for {@code owner} (the principal the session belongs to) carrying {@code session}.
   */
  public StsService.Credentials mint(Caller owner, Session session) {
    String keyId = ids.accessKeyId("ASIA", owner.accountId());
    String secret = ids.secretAccessKey();
    Caller caller = owner.withSession(keyId, session);
    return new StsService.Credentials(
        keyId, secret, tokens.seal(new SessionClaims(caller, secret)), session.expiration());
  }
}
