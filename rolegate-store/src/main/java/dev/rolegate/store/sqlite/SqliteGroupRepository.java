package dev.rolegate.store.sqlite;

import static dev.rolegate.store.sqlite.SqliteTx.instant;
import static dev.rolegate.store.sqlite.SqliteTx.lower;
import static dev.rolegate.store.sqlite.SqliteTx.prefix;

import dev.rolegate.core.model.Group;
import dev.rolegate.core.port.GroupRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Groups, and memberships by group and user id (so that renames keep them). */
final class SqliteGroupRepository implements GroupRepository {
  private static final String COLUMNS = "account_id, group_id, name, path, create_date";
  private static final String GROUP_ID =
      "(SELECT group_id FROM groups WHERE account_id = ? AND name_lower = ?)";
  private static final String USER_ID =
      "(SELECT user_id FROM users WHERE account_id = ? AND name_lower = ?)";

  private final SqliteTx tx;

  SqliteGroupRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void insert(Group g) {
    Objects.requireNonNull(g, "group is null");
    tx.updateUnique(
        duplicate(g),
        "INSERT INTO groups (" + COLUMNS + ", name_lower) VALUES (?, ?, ?, ?, ?, ?)",
        g.accountId(),
        g.groupId(),
        g.name(),
        g.path(),
        g.createDate(),
        lower(g.name()));
  }

  @Override
  public Optional<Group> findByName(String accountId, String name) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM groups WHERE account_id = ? AND name_lower = ?",
        SqliteGroupRepository::map,
        accountId,
        lower(name));
  }

  @Override
  public List<Group> list(String accountId, String pathPrefix) {
    String prefix = prefix(pathPrefix);
    return tx.query(
        "SELECT "
            + COLUMNS
            + " FROM groups WHERE account_id = ? AND substr(path, 1, length(?)) = ? ORDER BY name_lower, name",
        SqliteGroupRepository::map,
        accountId,
        prefix,
        prefix);
  }

  @Override
  public void update(Group g) {
    Objects.requireNonNull(g, "group is null");
    int changed =
        tx.updateUnique(
            duplicate(g),
            "UPDATE groups SET name = ?, name_lower = ?, path = ? WHERE group_id = ?",
            g.name(),
            lower(g.name()),
            g.path(),
            g.groupId());
    if (changed == 0) {
      throw new IllegalStateException("no group has the id " + g.groupId());
    }
  }

  @Override
  public boolean delete(String accountId, String name) {
    return tx.update(
            "DELETE FROM groups WHERE account_id = ? AND name_lower = ?", accountId, lower(name))
        > 0;
  }

  @Override
  public boolean addMember(String accountId, String groupName, String userName) {
    Optional<String> groupId = id("groups", "group_id", accountId, groupName);
    Optional<String> userId = id("users", "user_id", accountId, userName);
    if (groupId.isEmpty() || userId.isEmpty()) {
      throw new IllegalStateException(
          "no "
              + (groupId.isEmpty() ? "group " + groupName : "user " + userName)
              + " in the account "
              + accountId);
    }
    return tx.update(
            "INSERT INTO group_members (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            groupId.get(),
            userId.get())
        > 0;
  }

  @Override
  public boolean removeMember(String accountId, String groupName, String userName) {
    return tx.update(
            "DELETE FROM group_members WHERE group_id = " + GROUP_ID + " AND user_id = " + USER_ID,
            accountId,
            lower(groupName),
            accountId,
            lower(userName))
        > 0;
  }

  @Override
  public List<String> listMembers(String accountId, String groupName) {
    return tx.query(
        "SELECT u.name FROM group_members m JOIN users u ON u.user_id = m.user_id"
            + " WHERE m.group_id = "
            + GROUP_ID
            + " ORDER BY u.name_lower, u.name",
        rs -> rs.getString("name"),
        accountId,
        lower(groupName));
  }

  @Override
  public List<Group> listGroupsForUser(String accountId, String userName) {
    return tx.query(
        "SELECT g.account_id, g.group_id, g.name, g.path, g.create_date FROM group_members m JOIN groups g ON g.group_id = m.group_id"
            + " WHERE m.user_id = "
            + USER_ID
            + " ORDER BY g.name_lower, g.name",
        SqliteGroupRepository::map,
        accountId,
        lower(userName));
  }

  private Optional<String> id(String table, String column, String accountId, String name) {
    return tx.queryOne(
        "SELECT " + column + " AS id FROM " + table + " WHERE account_id = ? AND name_lower = ?",
        rs -> rs.getString("id"),
        accountId,
        lower(name));
  }

  private static String duplicate(Group g) {
    return "Group with name " + g.name() + " already exists.";
  }

  private static Group map(ResultSet rs) throws SQLException {
    return new Group(
        rs.getString("account_id"),
        rs.getString("group_id"),
        rs.getString("name"),
        rs.getString("path"),
        instant(rs, "create_date"));
  }
}
