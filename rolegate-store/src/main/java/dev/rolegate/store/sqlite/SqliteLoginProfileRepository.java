package dev.rolegate.store.sqlite;

import static dev.rolegate.store.sqlite.SqliteTx.instant;
import static dev.rolegate.store.sqlite.SqliteTx.lower;

import dev.rolegate.core.model.LoginProfile;
import dev.rolegate.core.port.LoginProfileRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/** Login profiles; the user is matched without regard to case, as user names are. */
final class SqliteLoginProfileRepository implements LoginProfileRepository {
  private static final String COLUMNS =
      "account_id, user_name, password_hash, password_reset_required, create_date";

  private final SqliteTx tx;

  SqliteLoginProfileRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void insert(LoginProfile p) {
    Objects.requireNonNull(p, "profile is null");
    tx.updateUnique(
        "login profile of " + p.userName() + " exists",
        "INSERT INTO login_profiles (" + COLUMNS + ", user_name_lower) VALUES (?, ?, ?, ?, ?, ?)",
        p.accountId(),
        p.userName(),
        p.passwordHash(),
        p.passwordResetRequired(),
        p.createDate(),
        lower(p.userName()));
  }

  @Override
  public Optional<LoginProfile> find(String accountId, String userName) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM login_profiles WHERE account_id = ? AND user_name_lower = ?",
        SqliteLoginProfileRepository::map,
        accountId,
        lower(userName));
  }

  @Override
  public void update(LoginProfile p) {
    Objects.requireNonNull(p, "profile is null");
    int changed =
        tx.update(
            "UPDATE login_profiles SET password_hash = ?, password_reset_required = ? WHERE account_id = ? AND user_name_lower = ?",
            p.passwordHash(),
            p.passwordResetRequired(),
            p.accountId(),
            lower(p.userName()));
    if (changed == 0) {
      throw new IllegalStateException("user " + p.userName() + " has no login profile");
    }
  }

  @Override
  public boolean delete(String accountId, String userName) {
    return tx.update(
            "DELETE FROM login_profiles WHERE account_id = ? AND user_name_lower = ?",
            accountId,
            lower(userName))
        > 0;
  }

  @Override
  public void renameUser(String accountId, String from, String to) {
    tx.update(
        "UPDATE login_profiles SET user_name = ?, user_name_lower = ? WHERE account_id = ? AND user_name_lower = ?",
        to,
        lower(to),
        accountId,
        lower(from));
  }

  private static LoginProfile map(ResultSet rs) throws SQLException {
    return new LoginProfile(
        rs.getString("account_id"),
        rs.getString("user_name"),
        rs.getString("password_hash"),
        rs.getInt("password_reset_required") != 0,
        instant(rs, "create_date"));
  }
}
