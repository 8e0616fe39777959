package dev.rolegate.core;

import dev.rolegate.core.auth.CredentialResolver;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.core.model.Account;
import dev.rolegate.core.model.AccessKey;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Store;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Accounts: creating one with its root access key (shown once), listing them. */
public final class AccountService {
  /** A new account and its root key: the only time the secret is shown. */
  public record CreatedAccount(String accountId, String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "CreatedAccount[" + accountId + ", " + accessKeyId + "]";
    }
  }

  private final Store store;
  private final SecretBox master;
  private final Ids ids;
  private final Clock clock;

  public AccountService(Store store, SecretBox master, Ids ids, Clock clock) {
    this.store = store;
    this.master = master;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Creates an account (a random 12-digit id when {@code accountId} is null) with one root key.
   *
   * @throws AwsServiceException EntityAlreadyExists when the account exists, InvalidInput when the id is not 12 digits
   */
  public CreatedAccount create(String accountId) {
    String id = accountId != null ? accountId : randomAccountId();
    if (!id.matches("\\d{12}")) {
      throw AwsServiceException.invalidInput("An account id has 12 digits: " + id);
    }
    return create(id, ids.accessKeyId("AKIA", id), ids.secretAccessKey());
  }

  /** Creates an account with the given root key (re-creating the bootstrap account after a reset). */
  public CreatedAccount create(String id, String keyId, String secret) {
    Instant now = clock.instant();
    store.write(r -> {
      try {
        r.accounts().insert(new Account(id, now));
      } catch (DuplicateKeyException e) {
        throw new AwsServiceException(AwsErrorCode.ENTITY_ALREADY_EXISTS, "Account " + id + " already exists.");
      }
      r.accessKeys().insert(new AccessKey(keyId, id, null, master.seal(secret.getBytes(StandardCharsets.UTF_8), CredentialResolver.SECRET_AAD), true, now));
      return null;
    });
    return new CreatedAccount(id, keyId, secret);
  }

  public Optional<Account> find(String accountId) {
    return store.read(r -> r.accounts().find(accountId));
  }

  public List<Account> list() {
    return store.read(r -> r.accounts().list());
  }

  private String randomAccountId() {
    java.security.SecureRandom random = new java.security.SecureRandom();
    StringBuilder b = new StringBuilder();
    b.append(1 + random.nextInt(9));
    for (int i = 1; i < 12; i++) {
      b.append(random.nextInt(10));
    }
    return b.toString();
  }
}
