package dev.rolegate.core.port;

import dev.rolegate.core.model.Account;
import dev.rolegate.core.model.PasswordPolicy;
import java.util.List;
import java.util.Optional;

public interface AccountRepository {
  /** @throws DuplicateKeyException when the id exists */
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

  /** @return false when the account does not have that alias */
  boolean deleteAlias(String accountId, String alias);

  Optional<PasswordPolicy> passwordPolicy(String accountId);

  /** Sets the account's password policy, replacing the one it has. */
  void putPasswordPolicy(String accountId, PasswordPolicy policy);

  /** @return false when the account has none */
  boolean deletePasswordPolicy(String accountId);
}
