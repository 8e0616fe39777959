package dev.rolegate.store.sqlite;

import static dev.rolegate.store.sqlite.SqliteTx.instant;
import static dev.rolegate.store.sqlite.SqliteTx.lower;
import static dev.rolegate.store.sqlite.SqliteTx.prefix;

import dev.rolegate.core.model.User;
import dev.rolegate.core.port.UserRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class SqliteUserRepository implements UserRepository {
  private static final String COLUMNS =
      "account_id, user_id, name, path, permissions_boundary_arn, tags, create_date";

  private final SqliteTx tx;

  SqliteUserRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void insert(User user) {
    Objects.requireNonNull(user, "user is null");
    tx.updateUnique(
        duplicate(user),
        "INSERT INTO users (" + COLUMNS + ", name_lower) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        user.accountId(),
        user.userId(),
        user.name(),
        user.path(),
        user.permissionsBoundaryArn(),
        TagsJson.encode(user.tags()),
        user.createDate(),
        lower(user.name()));
  }

  @Override
  public Optional<User> findByName(String accountId, String name) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM users WHERE account_id = ? AND name_lower = ?",
        SqliteUserRepository::map,
        accountId,
        lower(name));
  }

  @Override
  public Optional<User> findById(String userId) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM users WHERE user_id = ?", SqliteUserRepository::map, userId);
  }

  @Override
  public List<User> list(String accountId, String pathPrefix) {
    String prefix = prefix(pathPrefix);
    return tx.query(
        "SELECT "
            + COLUMNS
            + " FROM users WHERE account_id = ? AND substr(path, 1, length(?)) = ?"
            + " ORDER BY name_lower, name",
        SqliteUserRepository::map,
        accountId,
        prefix,
        prefix);
  }

  /**
   * Replaces the user with the same userId. A rename does not follow into access keys, inline
   * policies or attachments, which name their user.
   *
   * @throws IllegalStateException when no user has the userId
   * @throws dev.rolegate.core.port.DuplicateKeyException when renamed onto another user's name
   */
  @Override
  public void update(User user) {
    Objects.requireNonNull(user, "user is null");
    int changed =
        tx.updateUnique(
            duplicate(user),
            "UPDATE users SET account_id = ?, name = ?, name_lower = ?, path = ?, permissions_boundary_arn = ?,"
                + " tags = ?, create_date = ? WHERE user_id = ?",
            user.accountId(),
            user.name(),
            lower(user.name()),
            user.path(),
            user.permissionsBoundaryArn(),
            TagsJson.encode(user.tags()),
            user.createDate(),
            user.userId());
    if (changed == 0) {
      throw new IllegalStateException("no user has the id " + user.userId());
    }
  }

  @Override
  public boolean delete(String accountId, String name) {
    return tx.update(
            "DELETE FROM users WHERE account_id = ? AND name_lower = ?", accountId, lower(name))
        > 0;
  }

  @Override
  public int countWithBoundary(String accountId, String policyArn) {
    return tx.queryOne(
            "SELECT count(*) AS n FROM users WHERE account_id = ? AND permissions_boundary_arn = ?",
            rs -> rs.getInt("n"),
            accountId,
            policyArn)
        .orElse(0);
  }

  private static String duplicate(User user) {
    return "User with name " + user.name() + " already exists.";
  }

  private static User map(ResultSet rs) throws SQLException {
    return new User(
        rs.getString("account_id"),
        rs.getString("user_id"),
        rs.getString("name"),
        rs.getString("path"),
        rs.getString("permissions_boundary_arn"),
        TagsJson.decode(rs.getString("tags")),
        instant(rs, "create_date"));
  }
}
