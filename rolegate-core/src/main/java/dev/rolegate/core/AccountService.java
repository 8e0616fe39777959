package dev.rolegate.core;

import dev.rolegate.core.auth.CredentialResolver;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.core.iam.IamQuotas;
import dev.rolegate.core.model.AccessKey;
import dev.rolegate.core.model.Account;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.core.port.Store;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * @throws AwsServiceException EntityAlreadyExists when the account exists, InvalidInput when the
   *     id is not 12 digits
   */
  public CreatedAccount create(String accountId) {
    String id = accountId != null ? accountId : randomAccountId();
    if (!id.matches("\\d{12}")) {
      throw AwsServiceException.invalidInput("An account id has 12 digits: " + id);
    }
    return create(id, ids.accessKeyId("AKIA", id), ids.secretAccessKey());
  }

  /**
   * Creates an account with the given root key (re-creating the bootstrap account after a reset).
   */
  public CreatedAccount create(String id, String keyId, String secret) {
    Instant now = clock.instant();
    store.write(
        r -> {
          try {
            r.accounts().insert(new Account(id, now));
          } catch (DuplicateKeyException e) {
            throw new AwsServiceException(
                AwsErrorCode.ENTITY_ALREADY_EXISTS, "Account " + id + " already exists.");
          }
          r.accessKeys()
              .insert(
                  new AccessKey(
                      keyId,
                      id,
                      null,
                      master.seal(
                          secret.getBytes(StandardCharsets.UTF_8), CredentialResolver.SECRET_AAD),
                      true,
                      now));
          return null;
        });
    return new CreatedAccount(id, keyId, secret);
  }

  /**
   * The account's IAM quotas (AWS quota name to value): AWS's defaults unless set for the account.
   */
  public Map<String, Integer> quotas(String accountId) {
    return store.read(
        r -> {
          requireAccount(r, accountId);
          return view(IamQuotas.of(r, accountId));
        });
  }

  /**
   * Sets some of the account's quotas, all or none: each name is AWS's quota name (RolesPerAccount,
   * PolicySize, ...), each value a whole number or "default" (AWS's default again).
   *
   * @return the account's quotas afterwards
   * @throws AwsServiceException InvalidInput for an unknown name or a bad value, NoSuchEntity for
   *     an unknown account
   */
  public Map<String, Integer> setQuotas(String accountId, Map<String, String> settings) {
    Map<IamQuotas.Quota, Integer> parsed = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      IamQuotas.Quota q = IamQuotas.named(e.getKey());
      String v = e.getValue() == null ? "" : e.getValue().trim();
      if (v.equals("default")) {
        parsed.put(q, null);
        continue;
      }
      long value;
      try {
        value = Long.parseLong(v);
      } catch (NumberFormatException x) {
        throw AwsServiceException.invalidInput(
            "Quota " + q.awsName() + " must be a whole number or \"default\": " + e.getValue());
      }
      IamQuotas.requireSettable(q, value);
      parsed.put(q, (int) value);
    }
    return store.write(
        r -> {
          requireAccount(r, accountId);
          parsed.forEach((q, value) -> r.accounts().putQuota(accountId, q.awsName(), value));
          return view(IamQuotas.of(r, accountId));
        });
  }

  private static void requireAccount(Repositories r, String accountId) {
    if (accountId == null || r.accounts().find(accountId).isEmpty()) {
      throw AwsServiceException.noSuchEntity("Account " + accountId + " does not exist.");
    }
  }

  private static Map<String, Integer> view(IamQuotas quotas) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (IamQuotas.Quota q : IamQuotas.Quota.values()) {
      out.put(q.awsName(), quotas.get(q));
    }
    return out;
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
