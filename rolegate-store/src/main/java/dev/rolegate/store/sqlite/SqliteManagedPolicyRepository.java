package dev.rolegate.store.sqlite;

import static dev.rolegate.store.sqlite.SqliteTx.instant;
import static dev.rolegate.store.sqlite.SqliteTx.lower;
import static dev.rolegate.store.sqlite.SqliteTx.prefix;

import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PolicyVersion;
import dev.rolegate.core.port.ManagedPolicyRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Managed policies and their versions. A version must belong to a policy by the end of its
 * transaction (checked at commit: the commit fails with a {@link dev.rolegate.store.StoreException}
 * otherwise); deleting a policy deletes its versions.
 */
final class SqliteManagedPolicyRepository implements ManagedPolicyRepository {
  private static final String COLUMNS =
      "account_id, policy_id, name, path, description, default_version_id, next_version, tags, create_date, update_date";
  private static final String VERSION_COLUMNS = "policy_arn, version_id, document, create_date";

  private final SqliteTx tx;

  SqliteManagedPolicyRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void insert(ManagedPolicy policy) {
    Objects.requireNonNull(policy, "policy is null");
    tx.updateUnique(
        duplicate(policy),
        "INSERT INTO managed_policies ("
            + COLUMNS
            + ", name_lower, arn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        policy.accountId(),
        policy.policyId(),
        policy.name(),
        policy.path(),
        policy.description(),
        policy.defaultVersionId(),
        policy.nextVersion(),
        TagsJson.encode(policy.tags()),
        policy.createDate(),
        policy.updateDate(),
        lower(policy.name()),
        policy.arn());
  }

  @Override
  public Optional<ManagedPolicy> findByArn(String arn) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM managed_policies WHERE arn = ?",
        SqliteManagedPolicyRepository::map,
        arn);
  }

  @Override
  public List<ManagedPolicy> list(String accountId, String pathPrefix) {
    String prefix = prefix(pathPrefix);
    return tx.query(
        "SELECT "
            + COLUMNS
            + " FROM managed_policies WHERE account_id = ? AND substr(path, 1, length(?)) = ?"
            + " ORDER BY name_lower, name",
        SqliteManagedPolicyRepository::map,
        accountId,
        prefix,
        prefix);
  }

  /**
   * Replaces the policy with the same policyId.
   *
   * @throws IllegalStateException when no policy has the policyId
   */
  @Override
  public void update(ManagedPolicy policy) {
    Objects.requireNonNull(policy, "policy is null");
    int changed =
        tx.updateUnique(
            duplicate(policy),
            "UPDATE managed_policies SET account_id = ?, name = ?, name_lower = ?, path = ?, arn = ?,"
                + " description = ?, default_version_id = ?, next_version = ?, tags = ?, create_date = ?,"
                + " update_date = ? WHERE policy_id = ?",
            policy.accountId(),
            policy.name(),
            lower(policy.name()),
            policy.path(),
            policy.arn(),
            policy.description(),
            policy.defaultVersionId(),
            policy.nextVersion(),
            TagsJson.encode(policy.tags()),
            policy.createDate(),
            policy.updateDate(),
            policy.policyId());
    if (changed == 0) {
      throw new IllegalStateException("no managed policy has the id " + policy.policyId());
    }
  }

  @Override
  public boolean delete(String arn) {
    // the versions go with it (ON DELETE CASCADE)
    return tx.update("DELETE FROM managed_policies WHERE arn = ?", arn) > 0;
  }

  @Override
  public void insertVersion(PolicyVersion version) {
    Objects.requireNonNull(version, "version is null");
    tx.updateUnique(
        "policy " + version.policyArn() + " has a version " + version.versionId(),
        "INSERT INTO policy_versions (" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?)",
        version.policyArn(),
        version.versionId(),
        version.document(),
        version.createDate());
  }

  @Override
  public Optional<PolicyVersion> findVersion(String policyArn, String versionId) {
    return tx.queryOne(
        "SELECT "
            + VERSION_COLUMNS
            + " FROM policy_versions WHERE policy_arn = ? AND version_id = ?",
        SqliteManagedPolicyRepository::mapVersion,
        policyArn,
        versionId);
  }

  @Override
  public List<PolicyVersion> listVersions(String policyArn) {
    return tx.query(
        "SELECT "
            + VERSION_COLUMNS
            + " FROM policy_versions WHERE policy_arn = ? ORDER BY create_date DESC, seq DESC",
        SqliteManagedPolicyRepository::mapVersion,
        policyArn);
  }

  @Override
  public boolean deleteVersion(String policyArn, String versionId) {
    return tx.update(
            "DELETE FROM policy_versions WHERE policy_arn = ? AND version_id = ?",
            policyArn,
            versionId)
        > 0;
  }

  private static String duplicate(ManagedPolicy policy) {
    return "A policy called " + policy.name() + " already exists. Duplicate names are not allowed.";
  }

  private static ManagedPolicy map(ResultSet rs) throws SQLException {
    return new ManagedPolicy(
        rs.getString("account_id"),
        rs.getString("policy_id"),
        rs.getString("name"),
        rs.getString("path"),
        rs.getString("description"),
        rs.getString("default_version_id"),
        rs.getInt("next_version"),
        TagsJson.decode(rs.getString("tags")),
        instant(rs, "create_date"),
        instant(rs, "update_date"));
  }

  private static PolicyVersion mapVersion(ResultSet rs) throws SQLException {
    return new PolicyVersion(
        rs.getString("policy_arn"),
        rs.getString("version_id"),
        rs.getString("document"),
        instant(rs, "create_date"));
  }
}
