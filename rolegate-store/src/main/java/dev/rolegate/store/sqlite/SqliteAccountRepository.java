package dev.rolegate.store.sqlite;

import dev.rolegate.core.model.Account;
import dev.rolegate.core.model.PasswordPolicy;
import dev.rolegate.core.port.AccountRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class SqliteAccountRepository implements AccountRepository {
  private final SqliteTx tx;

  SqliteAccountRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void insert(Account account) {
    Objects.requireNonNull(account, "account is null");
    tx.updateUnique(
        "account " + account.id() + " exists",
        "INSERT INTO accounts (id, create_date) VALUES (?, ?)",
        account.id(),
        account.createDate());
  }

  @Override
  public Optional<Account> find(String accountId) {
    return tx.queryOne(
        "SELECT id, create_date FROM accounts WHERE id = ?",
        SqliteAccountRepository::map,
        accountId);
  }

  @Override
  public List<Account> list() {
    return tx.query(
        "SELECT id, create_date FROM accounts ORDER BY id", SqliteAccountRepository::map);
  }

  private static Account map(ResultSet rs) throws SQLException {
    return new Account(rs.getString("id"), SqliteTx.instant(rs, "create_date"));
  }

  @Override
  public Optional<String> alias(String accountId) {
    return tx.queryOne(
        "SELECT alias FROM account_aliases WHERE account_id = ?",
        rs -> rs.getString("alias"),
        accountId);
  }

  @Override
  public void setAlias(String accountId, String alias) {
    Objects.requireNonNull(alias, "alias is null");
    tx.updateUnique(
        "account alias " + alias + " exists",
        "INSERT INTO account_aliases (account_id, alias) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET alias = excluded.alias",
        accountId,
        alias);
  }

  @Override
  public boolean deleteAlias(String accountId, String alias) {
    return tx.update(
            "DELETE FROM account_aliases WHERE account_id = ? AND alias = ?", accountId, alias)
        > 0;
  }

  @Override
  public Optional<PasswordPolicy> passwordPolicy(String accountId) {
    return tx.queryOne(
        "SELECT * FROM password_policies WHERE account_id = ?",
        rs ->
            new PasswordPolicy(
                rs.getInt("minimum_password_length"),
                rs.getInt("require_symbols") != 0,
                rs.getInt("require_numbers") != 0,
                rs.getInt("require_uppercase_characters") != 0,
                rs.getInt("require_lowercase_characters") != 0,
                rs.getInt("allow_users_to_change") != 0,
                rs.getInt("max_password_age"),
                rs.getInt("password_reuse_prevention"),
                rs.getInt("hard_expiry") != 0),
        accountId);
  }

  @Override
  public void putPasswordPolicy(String accountId, PasswordPolicy p) {
    Objects.requireNonNull(p, "policy is null");
    tx.update("DELETE FROM password_policies WHERE account_id = ?", accountId);
    tx.update(
        "INSERT INTO password_policies (account_id, minimum_password_length, require_symbols, require_numbers,"
            + " require_uppercase_characters, require_lowercase_characters, allow_users_to_change, max_password_age,"
            + " password_reuse_prevention, hard_expiry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        accountId,
        p.minimumPasswordLength(),
        p.requireSymbols(),
        p.requireNumbers(),
        p.requireUppercaseCharacters(),
        p.requireLowercaseCharacters(),
        p.allowUsersToChangePassword(),
        p.maxPasswordAge(),
        p.passwordReusePrevention(),
        p.hardExpiry());
  }

  @Override
  public boolean deletePasswordPolicy(String accountId) {
    return tx.update("DELETE FROM password_policies WHERE account_id = ?", accountId) > 0;
  }

  @Override
  public int count(String accountId, Counted what) {
    return tx.queryOne(
            "SELECT count(*) AS n FROM " + what.table() + " WHERE account_id = ?",
            rs -> rs.getInt("n"),
            accountId)
        .orElse(0);
  }

  @Override
  public Map<String, Integer> quotas(String accountId) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Object[] row :
        tx.query(
            "SELECT name, value FROM account_quotas WHERE account_id = ? ORDER BY name",
            rs -> new Object[] {rs.getString("name"), rs.getInt("value")},
            accountId)) {
      out.put((String) row[0], (Integer) row[1]);
    }
    return out;
  }

  @Override
  public void putQuota(String accountId, String name, Integer value) {
    Objects.requireNonNull(name, "name is null");
    if (value == null) {
      tx.update("DELETE FROM account_quotas WHERE account_id = ? AND name = ?", accountId, name);
    } else {
      tx.update(
          "INSERT INTO account_quotas (account_id, name, value) VALUES (?, ?, ?)"
              + " ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value",
          accountId,
          name,
          value);
    }
  }
}
