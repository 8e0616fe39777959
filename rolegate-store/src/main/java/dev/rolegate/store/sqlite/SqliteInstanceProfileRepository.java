package dev.rolegate.store.sqlite;

import static dev.rolegate.store.sqlite.SqliteTx.instant;
import static dev.rolegate.store.sqlite.SqliteTx.lower;
import static dev.rolegate.store.sqlite.SqliteTx.prefix;

import dev.rolegate.core.model.InstanceProfile;
import dev.rolegate.core.port.InstanceProfileRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class SqliteInstanceProfileRepository implements InstanceProfileRepository {
  private static final String COLUMNS =
      "account_id, instance_profile_id, name, path, role_name, tags, create_date";

  private final SqliteTx tx;

  SqliteInstanceProfileRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void insert(InstanceProfile p) {
    Objects.requireNonNull(p, "profile is null");
    tx.updateUnique(
        duplicate(p),
        "INSERT INTO instance_profiles ("
            + COLUMNS
            + ", name_lower, role_name_lower) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.accountId(),
        p.instanceProfileId(),
        p.name(),
        p.path(),
        p.roleName(),
        TagsJson.encode(p.tags()),
        p.createDate(),
        lower(p.name()),
        p.roleName() == null ? null : lower(p.roleName()));
  }

  @Override
  public Optional<InstanceProfile> findByName(String accountId, String name) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM instance_profiles WHERE account_id = ? AND name_lower = ?",
        SqliteInstanceProfileRepository::map,
        accountId,
        lower(name));
  }

  @Override
  public List<InstanceProfile> list(String accountId, String pathPrefix) {
    String prefix = prefix(pathPrefix);
    return tx.query(
        "SELECT "
            + COLUMNS
            + " FROM instance_profiles WHERE account_id = ? AND substr(path, 1, length(?)) = ? ORDER BY name_lower, name",
        SqliteInstanceProfileRepository::map,
        accountId,
        prefix,
        prefix);
  }

  @Override
  public List<InstanceProfile> listForRole(String accountId, String roleName) {
    return tx.query(
        "SELECT "
            + COLUMNS
            + " FROM instance_profiles WHERE account_id = ? AND role_name_lower = ? ORDER BY name_lower, name",
        SqliteInstanceProfileRepository::map,
        accountId,
        lower(roleName));
  }

  @Override
  public void update(InstanceProfile p) {
    Objects.requireNonNull(p, "profile is null");
    int changed =
        tx.updateUnique(
            duplicate(p),
            "UPDATE instance_profiles SET name = ?, name_lower = ?, path = ?, role_name = ?, role_name_lower = ?, tags = ?"
                + " WHERE instance_profile_id = ?",
            p.name(),
            lower(p.name()),
            p.path(),
            p.roleName(),
            p.roleName() == null ? null : lower(p.roleName()),
            TagsJson.encode(p.tags()),
            p.instanceProfileId());
    if (changed == 0) {
      throw new IllegalStateException("no instance profile has the id " + p.instanceProfileId());
    }
  }

  @Override
  public boolean delete(String accountId, String name) {
    return tx.update(
            "DELETE FROM instance_profiles WHERE account_id = ? AND name_lower = ?",
            accountId,
            lower(name))
        > 0;
  }

  private static String duplicate(InstanceProfile p) {
    return "Instance Profile " + p.name() + " already exists.";
  }

  private static InstanceProfile map(ResultSet rs) throws SQLException {
    return new InstanceProfile(
        rs.getString("account_id"),
        rs.getString("instance_profile_id"),
        rs.getString("name"),
        rs.getString("path"),
        rs.getString("role_name"),
        TagsJson.decode(rs.getString("tags")),
        instant(rs, "create_date"));
  }
}
