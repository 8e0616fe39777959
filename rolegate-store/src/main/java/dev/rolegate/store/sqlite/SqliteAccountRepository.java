package dev.rolegate.store.sqlite;

import dev.rolegate.core.model.Account;
import dev.rolegate.core.port.AccountRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
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
    return tx.queryOne("SELECT id, create_date FROM accounts WHERE id = ?", SqliteAccountRepository::map, accountId);
  }

  @Override
  public List<Account> list() {
    return tx.query("SELECT id, create_date FROM accounts ORDER BY id", SqliteAccountRepository::map);
  }

  private static Account map(ResultSet rs) throws SQLException {
    return new Account(rs.getString("id"), SqliteTx.instant(rs, "create_date"));
  }

  @Override
  public Optional<String> alias(String accountId) {
    return tx.queryOne("SELECT alias FROM account_aliases WHERE account_id = ?", rs -> rs.getString("alias"), accountId);
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
    return tx.update("DELETE FROM account_aliases WHERE account_id = ? AND alias = ?", accountId, alias) > 0;
  }
}
