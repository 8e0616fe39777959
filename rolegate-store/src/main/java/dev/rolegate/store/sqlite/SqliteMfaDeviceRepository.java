package dev.rolegate.store.sqlite;

import static dev.rolegate.store.sqlite.SqliteTx.instant;
import static dev.rolegate.store.sqlite.SqliteTx.lower;

import dev.rolegate.core.model.MfaDevice;
import dev.rolegate.core.port.MfaDeviceRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Virtual MFA devices, keyed by their serial number lower-cased. */
final class SqliteMfaDeviceRepository implements MfaDeviceRepository {
  private static final String COLUMNS =
      "serial_number, account_id, path, name, encrypted_seed, user_name, enable_date, last_used_step, tags, create_date";

  private final SqliteTx tx;

  SqliteMfaDeviceRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void insert(MfaDevice d) {
    Objects.requireNonNull(d, "device is null");
    tx.updateUnique(
        "MFA device " + d.serialNumber() + " already exists.",
        "INSERT INTO mfa_devices ("
            + COLUMNS
            + ", serial_lower, user_name_lower) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        d.serialNumber(),
        d.accountId(),
        d.path(),
        d.name(),
        d.encryptedSeed(),
        d.userName(),
        d.enableDate(),
        d.lastUsedStep(),
        TagsJson.encode(d.tags()),
        d.createDate(),
        lower(d.serialNumber()),
        lower(d.userName()));
  }

  @Override
  public Optional<MfaDevice> find(String serialNumber) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM mfa_devices WHERE serial_lower = ?",
        SqliteMfaDeviceRepository::map,
        lower(serialNumber));
  }

  @Override
  public List<MfaDevice> listVirtual(String accountId, AssignmentStatus status) {
    String where =
        switch (status) {
          case ASSIGNED -> " AND user_name IS NOT NULL";
          case UNASSIGNED -> " AND user_name IS NULL";
          case ANY -> "";
        };
    return tx.query(
        "SELECT "
            + COLUMNS
            + " FROM mfa_devices WHERE account_id = ?"
            + where
            + " ORDER BY serial_lower, serial_number",
        SqliteMfaDeviceRepository::map,
        accountId);
  }

  @Override
  public List<MfaDevice> listForUser(String accountId, String userName) {
    return tx.query(
        "SELECT "
            + COLUMNS
            + " FROM mfa_devices WHERE account_id = ? AND user_name_lower = ? ORDER BY enable_date, serial_lower",
        SqliteMfaDeviceRepository::map,
        accountId,
        lower(userName));
  }

  @Override
  public void update(MfaDevice d) {
    Objects.requireNonNull(d, "device is null");
    int changed =
        tx.update(
            "UPDATE mfa_devices SET user_name = ?, user_name_lower = ?, enable_date = ?, last_used_step = ?, tags = ? WHERE serial_lower = ?",
            d.userName(),
            lower(d.userName()),
            d.enableDate(),
            d.lastUsedStep(),
            TagsJson.encode(d.tags()),
            lower(d.serialNumber()));
    if (changed == 0) {
      throw new IllegalStateException("no MFA device has the serial number " + d.serialNumber());
    }
  }

  @Override
  public boolean delete(String serialNumber) {
    return tx.update("DELETE FROM mfa_devices WHERE serial_lower = ?", lower(serialNumber)) > 0;
  }

  private static MfaDevice map(ResultSet rs) throws SQLException {
    return new MfaDevice(
        rs.getString("account_id"),
        rs.getString("serial_number"),
        rs.getString("path"),
        rs.getString("name"),
        SqliteTx.bytes(rs, "encrypted_seed"),
        rs.getString("user_name"),
        instant(rs, "enable_date"),
        rs.getLong("last_used_step"),
        TagsJson.decode(rs.getString("tags")),
        instant(rs, "create_date"));
  }

  @Override
  public void renameUser(String accountId, String from, String to) {
    tx.update(
        "UPDATE mfa_devices SET user_name = ?, user_name_lower = ? WHERE account_id = ? AND user_name_lower = ?",
        to,
        lower(to),
        accountId,
        lower(from));
  }
}
