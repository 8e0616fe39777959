package dev.rolegate.store.sqlite;

import static dev.rolegate.store.sqlite.SqliteTx.lower;

import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.port.AttachmentRepository;
import java.util.List;
import java.util.Objects;

/**
 * Attachments of managed policies; the owner is matched without regard to case, the ARN exactly.
 */
final class SqliteAttachmentRepository implements AttachmentRepository {
  private static final String OWNER = "account_id = ? AND owner_type = ? AND owner_name_lower = ?";

  private final SqliteTx tx;

  SqliteAttachmentRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void attach(
      String accountId, PrincipalType ownerType, String ownerName, String policyArn) {
    Objects.requireNonNull(ownerName, "ownerName is null");
    // attaching again keeps the first attachment (and its place in the order)
    tx.update(
        "INSERT INTO attachments (account_id, owner_type, owner_name, owner_name_lower, policy_arn)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        accountId,
        ownerType,
        ownerName,
        lower(ownerName),
        policyArn);
  }

  @Override
  public boolean detach(
      String accountId, PrincipalType ownerType, String ownerName, String policyArn) {
    return tx.update(
            "DELETE FROM attachments WHERE " + OWNER + " AND policy_arn = ?",
            accountId,
            ownerType,
            lower(ownerName),
            policyArn)
        > 0;
  }

  @Override
  public List<String> list(String accountId, PrincipalType ownerType, String ownerName) {
    return tx.query(
        "SELECT policy_arn FROM attachments WHERE " + OWNER + " ORDER BY seq",
        rs -> rs.getString("policy_arn"),
        accountId,
        ownerType,
        lower(ownerName));
  }

  @Override
  public int count(String accountId, String policyArn) {
    return tx.queryOne(
            "SELECT count(*) AS n FROM attachments WHERE account_id = ? AND policy_arn = ?",
            rs -> rs.getInt("n"),
            accountId,
            policyArn)
        .orElse(0);
  }

  @Override
  public List<Owner> listOwners(String accountId, String policyArn) {
    return tx.query(
        "SELECT owner_type, owner_name FROM attachments WHERE account_id = ? AND policy_arn = ?"
            + " ORDER BY owner_type, owner_name_lower, owner_name",
        rs ->
            new Owner(
                PrincipalType.valueOf(rs.getString("owner_type")), rs.getString("owner_name")),
        accountId,
        policyArn);
  }

  @Override
  public void detachAll(String accountId, PrincipalType ownerType, String ownerName) {
    tx.update("DELETE FROM attachments WHERE " + OWNER, accountId, ownerType, lower(ownerName));
  }

  @Override
  public void renameOwner(String accountId, PrincipalType ownerType, String from, String to) {
    tx.update(
        "UPDATE attachments SET owner_name = ?, owner_name_lower = ? WHERE " + OWNER,
        to,
        lower(to),
        accountId,
        ownerType,
        lower(from));
  }
}
