package dev.rolegate.store.sqlite;

import static dev.rolegate.store.sqlite.SqliteTx.instant;
import static dev.rolegate.store.sqlite.SqliteTx.lower;

import dev.rolegate.core.model.AccessKey;
import dev.rolegate.core.model.AccessKeyUse;
import dev.rolegate.core.port.AccessKeyRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Access keys; the user is matched without regard to case, as user names are. */
final class SqliteAccessKeyRepository implements AccessKeyRepository {
  private static final String COLUMNS =
      "access_key_id, account_id, user_name, encrypted_secret, active, create_date";

  private final SqliteTx tx;

  SqliteAccessKeyRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void insert(AccessKey key) {
    Objects.requireNonNull(key, "key is null");
    tx.updateUnique(
        "access key " + key.accessKeyId() + " exists",
        "INSERT INTO access_keys (" + COLUMNS + ", user_name_lower) VALUES (?, ?, ?, ?, ?, ?, ?)",
        key.accessKeyId(),
        key.accountId(),
        key.userName(),
        key.encryptedSecret(),
        key.active(),
        key.createDate(),
        lower(key.userName()));
  }

  @Override
  public Optional<AccessKey> find(String accessKeyId) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM access_keys WHERE access_key_id = ?",
        SqliteAccessKeyRepository::map,
        accessKeyId);
  }

  @Override
  public List<AccessKey> listForUser(String accountId, String userName) {
    // "IS": null-safe equality, so a null userName selects the root user's keys
    return tx.query(
        "SELECT "
            + COLUMNS
            + " FROM access_keys WHERE account_id = ? AND user_name_lower IS ?"
            + " ORDER BY create_date, rowid",
        SqliteAccessKeyRepository::map,
        accountId,
        lower(userName));
  }

  /**
   * @throws IllegalStateException when no key has the id
   */
  @Override
  public void setActive(String accessKeyId, boolean active) {
    int changed =
        tx.update("UPDATE access_keys SET active = ? WHERE access_key_id = ?", active, accessKeyId);
    if (changed == 0) {
      throw new IllegalStateException("no access key has the id " + accessKeyId);
    }
  }

  @Override
  public boolean delete(String accessKeyId) {
    return tx.update("DELETE FROM access_keys WHERE access_key_id = ?", accessKeyId) > 0;
  }

  private static AccessKey map(ResultSet rs) throws SQLException {
    return new AccessKey(
        rs.getString("access_key_id"),
        rs.getString("account_id"),
        rs.getString("user_name"),
        SqliteTx.bytes(rs, "encrypted_secret"),
        rs.getInt("active") != 0,
        instant(rs, "create_date"));
  }

  @Override
  public Optional<AccessKeyUse> lastUsed(String accessKeyId) {
    return tx.queryOne(
        "SELECT last_used_date, last_used_service, last_used_region FROM access_keys"
            + " WHERE access_key_id = ? AND last_used_date IS NOT NULL",
        rs ->
            new AccessKeyUse(
                instant(rs, "last_used_date"),
                rs.getString("last_used_service"),
                rs.getString("last_used_region")),
        accessKeyId);
  }

  @Override
  public void recordUse(String accessKeyId, AccessKeyUse use) {
    Objects.requireNonNull(use, "use is null");
    tx.update(
        "UPDATE access_keys SET last_used_date = ?, last_used_service = ?, last_used_region = ? WHERE access_key_id = ?",
        use.date(),
        use.serviceName(),
        use.region(),
        accessKeyId);
  }

  @Override
  public void renameUser(String accountId, String from, String to) {
    tx.update(
        "UPDATE access_keys SET user_name = ?, user_name_lower = ? WHERE account_id = ? AND user_name_lower = ?",
        to,
        lower(to),
        accountId,
        lower(from));
  }
}
