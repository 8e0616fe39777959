package dev.rolegate.core.auth;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.core.model.AccessKey;
import dev.rolegate.core.model.AccessKeyUse;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.Store;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds who owns an access key and its secret: long-term keys from the store (secrets sealed with
 * the master key), temporary keys from their sealed session token (no store read). In dev mode, the
 * pair {@code test}/{@code test} and keys Rolegate never issued are the default account's root.
 */
public final class CredentialResolver {
  public static final byte[] SECRET_AAD =
      "rolegate access key secret v1".getBytes(StandardCharsets.US_ASCII);
  public static final String INVALID_TOKEN =
      "The security token included in the request is invalid";
  public static final String EXPIRED_TOKEN =
      "The security token included in the request is expired";

  /** The outcome: a caller with the secret to verify the signature with, or AWS's error. */
  public sealed interface Resolution permits Found, Failed {}

  /**
   * @param secret the secret to verify the signature with; null when it cannot be verified (dev
   *     mode, a key Rolegate never issued)
   * @param storedKeyId the long-term access key found in the store, or null (temporary credentials)
   * @param lastUse that key's last recorded use, or null
   */
  public record Found(Caller caller, String secret, String storedKeyId, AccessKeyUse lastUse)
      implements Resolution {
    /** Temporary or dev-mode credentials: no stored key whose use is recorded. */
    public Found(Caller caller, String secret) {
      this(caller, secret, null, null);
    }

    @Override
    public String toString() {
      return "Found[" + caller.arn() + "]";
    }
  }

  public record Failed(AwsErrorCode code, String message) implements Resolution {}

  private final Store store;
  private final SecretBox master;
  private final SessionTokens tokens;
  private final String devAccountId;

  /**
   * @param devAccountId the default account in dev mode, or null when not in dev mode
   */
  public CredentialResolver(
      Store store, SecretBox master, SessionTokens tokens, String devAccountId) {
    this.store = store;
    this.master = master;
    this.tokens = tokens;
    this.devAccountId = devAccountId;
  }

  public Resolution resolve(String accessKeyId, String securityToken, Instant now) {
    if (securityToken != null && !securityToken.isEmpty()) {
      SessionClaims claims = tokens.open(securityToken);
      if (claims == null) {
        return devRoot(accessKeyId, "test".equals(accessKeyId) ? "test" : null);
      }
      if (!java.security.MessageDigest.isEqual(
          claims.accessKeyId().getBytes(StandardCharsets.US_ASCII),
          accessKeyId.getBytes(StandardCharsets.US_ASCII))) {
        return new Failed(AwsErrorCode.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN);
      }
      if (!now.isBefore(claims.caller().expiration())) {
        return new Failed(AwsErrorCode.EXPIRED_TOKEN, EXPIRED_TOKEN);
      }
      return new Found(claims.caller(), claims.secretAccessKey());
    }
    // the key, its last use and its user in one read transaction
    record Stored(AccessKey key, AccessKeyUse lastUse, Optional<User> user) {}
    Optional<Stored> key =
        store.read(
            r ->
                r.accessKeys()
                    .find(accessKeyId)
                    .map(
                        k ->
                            new Stored(
                                k,
                                r.accessKeys().lastUsed(accessKeyId).orElse(null),
                                k.isRoot()
                                    ? Optional.empty()
                                    : r.users().findByName(k.accountId(), k.userName()))));
    if (key.isEmpty()) {
      return devRoot(accessKeyId, "test".equals(accessKeyId) ? "test" : null);
    }
    AccessKey k = key.get().key();
    AccessKeyUse lastUse = key.get().lastUse();
    if (!k.active()) {
      return new Failed(AwsErrorCode.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN);
    }
    byte[] secret = master.open(k.encryptedSecret(), SECRET_AAD);
    if (secret == null) {
      return new Failed(AwsErrorCode.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN);
    }
    String plain = new String(secret, StandardCharsets.UTF_8);
    if (k.isRoot()) {
      return new Found(Caller.root(k.accountId(), accessKeyId), plain, accessKeyId, lastUse);
    }
    Optional<User> user = key.get().user();
    if (user.isEmpty()) {
      return new Failed(AwsErrorCode.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN);
    }
    User u = user.get();
    return new Found(
        new Caller(
            Caller.Kind.USER,
            u.accountId(),
            u.arn(),
            u.userId(),
            u.arn(),
            u.name(),
            null,
            accessKeyId,
            null),
        plain,
        accessKeyId,
        lastUse);
  }

  /**
   * Records that a long-term key signed a verified request ({@code GetAccessKeyLastUsed}): at most
   * once a minute per key while the service and region stay the same, so the request path does not
   * write on every call. Temporary credentials record nothing.
   */
  public void recordUse(Found found, String service, String region, Instant now) {
    if (found.storedKeyId() == null) {
      return;
    }
    AccessKeyUse last = found.lastUse();
    if (last != null
        && last.date().plusSeconds(60).isAfter(now)
        && last.serviceName().equals(service)
        && last.region().equals(region)) {
      return;
    }
    store.write(
        r -> {
          r.accessKeys().recordUse(found.storedKeyId(), new AccessKeyUse(now, service, region));
          return null;
        });
  }

  private Resolution devRoot(String accessKeyId, String secret) {
    if (devAccountId == null) {
      return new Failed(AwsErrorCode.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN);
    }
    return new Found(Caller.root(devAccountId, accessKeyId), secret);
  }
}
