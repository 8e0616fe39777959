package dev.rolegate.store.sqlite;

import static dev.rolegate.store.sqlite.SqliteTx.lower;

import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.port.InlinePolicyRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Inline policies: the policy name is case-sensitive; the owner is matched without regard to case.
 */
final class SqliteInlinePolicyRepository implements InlinePolicyRepository {
  private static final String COLUMNS = "account_id, owner_type, owner_name, name, document";
  private static final String OWNER = "account_id = ? AND owner_type = ? AND owner_name_lower = ?";

  private final SqliteTx tx;

  SqliteInlinePolicyRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void put(InlinePolicy policy) {
    Objects.requireNonNull(policy, "policy is null");
    tx.update(
        "INSERT INTO inline_policies ("
            + COLUMNS
            + ", owner_name_lower) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (account_id, owner_type, owner_name_lower, name)"
            + " DO UPDATE SET document = excluded.document, owner_name = excluded.owner_name",
        policy.accountId(),
        policy.ownerType(),
        policy.ownerName(),
        policy.name(),
        policy.document(),
        lower(policy.ownerName()));
  }

  @Override
  public Optional<InlinePolicy> find(
      String accountId, PrincipalType ownerType, String ownerName, String policyName) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM inline_policies WHERE " + OWNER + " AND name = ?",
        SqliteInlinePolicyRepository::map,
        accountId,
        ownerType,
        lower(ownerName),
        policyName);
  }

  @Override
  public List<InlinePolicy> list(String accountId, PrincipalType ownerType, String ownerName) {
    return tx.query(
        "SELECT " + COLUMNS + " FROM inline_policies WHERE " + OWNER + " ORDER BY name",
        SqliteInlinePolicyRepository::map,
        accountId,
        ownerType,
        lower(ownerName));
  }

  @Override
  public boolean delete(
      String accountId, PrincipalType ownerType, String ownerName, String policyName) {
    return tx.update(
            "DELETE FROM inline_policies WHERE " + OWNER + " AND name = ?",
            accountId,
            ownerType,
            lower(ownerName),
            policyName)
        > 0;
  }

  private static InlinePolicy map(ResultSet rs) throws SQLException {
    return new InlinePolicy(
        rs.getString("account_id"),
        PrincipalType.valueOf(rs.getString("owner_type")),
        rs.getString("owner_name"),
        rs.getString("name"),
        rs.getString("document"));
  }

  @Override
  public void renameOwner(String accountId, PrincipalType ownerType, String from, String to) {
    tx.update(
        "UPDATE inline_policies SET owner_name = ?, owner_name_lower = ? WHERE " + OWNER,
        to,
        lower(to),
        accountId,
        ownerType,
        lower(from));
  }
}
