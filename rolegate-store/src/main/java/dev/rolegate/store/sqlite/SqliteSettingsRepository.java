package dev.rolegate.store.sqlite;

import dev.rolegate.core.port.SettingsRepository;
import java.util.Objects;
import java.util.Optional;

final class SqliteSettingsRepository implements SettingsRepository {
  private final SqliteTx tx;

  SqliteSettingsRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public Optional<byte[]> get(String name) {
    Objects.requireNonNull(name, "name is null");
    return tx.queryOne(
        "SELECT value FROM settings WHERE name = ?", rs -> SqliteTx.bytes(rs, "value"), name);
  }

  @Override
  public void put(String name, byte[] value) {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(value, "value is null");
    tx.update(
        "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        name,
        value);
  }
}
