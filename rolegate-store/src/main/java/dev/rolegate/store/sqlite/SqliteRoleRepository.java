package dev.rolegate.store.sqlite;

import static dev.rolegate.store.sqlite.SqliteTx.instant;
import static dev.rolegate.store.sqlite.SqliteTx.lower;
import static dev.rolegate.store.sqlite.SqliteTx.prefix;

import dev.rolegate.core.model.Role;
import dev.rolegate.core.port.RoleRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class SqliteRoleRepository implements RoleRepository {
  private static final String COLUMNS =
      "account_id, role_id, name, path, assume_role_policy, description, max_session_duration,"
          + " permissions_boundary_arn, tags, create_date, last_used_date, last_used_region";

  private final SqliteTx tx;

  SqliteRoleRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void insert(Role role) {
    Objects.requireNonNull(role, "role is null");
    tx.updateUnique(
        duplicate(role),
        "INSERT INTO roles ("
            + COLUMNS
            + ", name_lower) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        role.accountId(),
        role.roleId(),
        role.name(),
        role.path(),
        role.assumeRolePolicyDocument(),
        role.description(),
        role.maxSessionDuration(),
        role.permissionsBoundaryArn(),
        TagsJson.encode(role.tags()),
        role.createDate(),
        role.lastUsedDate(),
        role.lastUsedRegion(),
        lower(role.name()));
  }

  @Override
  public Optional<Role> findByName(String accountId, String name) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM roles WHERE account_id = ? AND name_lower = ?",
        SqliteRoleRepository::map,
        accountId,
        lower(name));
  }

  @Override
  public Optional<Role> findById(String roleId) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM roles WHERE role_id = ?", SqliteRoleRepository::map, roleId);
  }

  @Override
  public List<Role> list(String accountId, String pathPrefix) {
    String prefix = prefix(pathPrefix);
    return tx.query(
        "SELECT "
            + COLUMNS
            + " FROM roles WHERE account_id = ? AND substr(path, 1, length(?)) = ?"
            + " ORDER BY name_lower, name",
        SqliteRoleRepository::map,
        accountId,
        prefix,
        prefix);
  }

  @Override
  public List<Role> list(String accountId, String pathPrefix, int offset, int limit) {
    String prefix = prefix(pathPrefix);
    return tx.query(
        "SELECT "
            + COLUMNS
            + " FROM roles WHERE account_id = ? AND substr(path, 1, length(?)) = ?"
            + " ORDER BY name_lower LIMIT ? OFFSET ?", // name_lower is unique in the account: the
        // index orders it
        SqliteRoleRepository::map,
        accountId,
        prefix,
        prefix,
        limit,
        offset);
  }

  /**
   * @throws IllegalStateException when no role has the roleId
   * @throws dev.rolegate.core.port.DuplicateKeyException when renamed onto another role's name
   */
  @Override
  public void update(Role role) {
    Objects.requireNonNull(role, "role is null");
    int changed =
        tx.updateUnique(
            duplicate(role),
            "UPDATE roles SET account_id = ?, name = ?, name_lower = ?, path = ?, assume_role_policy = ?,"
                + " description = ?, max_session_duration = ?, permissions_boundary_arn = ?, tags = ?,"
                + " create_date = ?, last_used_date = ?, last_used_region = ? WHERE role_id = ?",
            role.accountId(),
            role.name(),
            lower(role.name()),
            role.path(),
            role.assumeRolePolicyDocument(),
            role.description(),
            role.maxSessionDuration(),
            role.permissionsBoundaryArn(),
            TagsJson.encode(role.tags()),
            role.createDate(),
            role.lastUsedDate(),
            role.lastUsedRegion(),
            role.roleId());
    if (changed == 0) {
      throw new IllegalStateException("no role has the id " + role.roleId());
    }
  }

  @Override
  public boolean delete(String accountId, String name) {
    return tx.update(
            "DELETE FROM roles WHERE account_id = ? AND name_lower = ?", accountId, lower(name))
        > 0;
  }

  @Override
  public int countWithBoundary(String accountId, String policyArn) {
    return tx.queryOne(
            "SELECT count(*) AS n FROM roles WHERE account_id = ? AND permissions_boundary_arn = ?",
            rs -> rs.getInt("n"),
            accountId,
            policyArn)
        .orElse(0);
  }

  private static String duplicate(Role role) {
    return "Role with name " + role.name() + " already exists.";
  }

  private static Role map(ResultSet rs) throws SQLException {
    return new Role(
        rs.getString("account_id"),
        rs.getString("role_id"),
        rs.getString("name"),
        rs.getString("path"),
        rs.getString("assume_role_policy"),
        rs.getString("description"),
        rs.getInt("max_session_duration"),
        rs.getString("permissions_boundary_arn"),
        TagsJson.decode(rs.getString("tags")),
        instant(rs, "create_date"),
        instant(rs, "last_used_date"),
        rs.getString("last_used_region"));
  }
}
