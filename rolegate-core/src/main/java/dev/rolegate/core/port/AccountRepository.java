package dev.rolegate.core.port;

import dev.rolegate.core.model.Account;
import dev.rolegate.core.model.PasswordPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface AccountRepository {
  /**
   * @throws DuplicateKeyException when the id exists
   */
  void insert(Account account);

  Optional<Account> find(String accountId);

  /** Ordered by id. */
  List<Account> list();

  /** The account's alias; an account has at most one. */
  Optional<String> alias(String accountId);

  /**
   * Gives the account the alias, replacing the one it has.
   *
   * @throws DuplicateKeyException when another account has that alias
   */
  void setAlias(String accountId, String alias);

  /**
   * @return false when the account does not have that alias
   */
  boolean deleteAlias(String accountId, String alias);

  Optional<PasswordPolicy> passwordPolicy(String accountId);

  /** Sets the account's password policy, replacing the one it has. */
  void putPasswordPolicy(String accountId, PasswordPolicy policy);

  /**
   * @return false when the account has none
   */
  boolean deletePasswordPolicy(String accountId);

  /** What {@link #count} counts: an account's entities of one kind. */
  enum Counted {
    ROLES("roles"),
    USERS("users"),
    GROUPS("groups"),
    MANAGED_POLICIES("managed_policies"),
    INSTANCE_PROFILES("instance_profiles"),
    OIDC_PROVIDERS("oidc_providers"),
    SAML_PROVIDERS("saml_providers");

    private final String table;

    Counted(String table) {
      this.table = table;
    }

    /** The store's table of that entity (an implementation detail the store may use). */
    public String table() {
      return table;
    }
  }

  /** How many entities of that kind the account has. */
  int count(String accountId, Counted what);

  /** The quotas set for the account (AWS quota name to value); quotas not set are absent. */
  Map<String, Integer> quotas(String accountId);

  /** Sets one of the account's quotas; null removes the setting (back to the default). */
  void putQuota(String accountId, String name, Integer value);
}
