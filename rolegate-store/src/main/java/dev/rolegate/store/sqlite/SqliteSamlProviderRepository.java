package dev.rolegate.store.sqlite;

import static dev.rolegate.store.sqlite.SqliteTx.instant;

import dev.rolegate.core.model.SamlProvider;
import dev.rolegate.core.port.SamlProviderRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class SqliteSamlProviderRepository implements SamlProviderRepository {
  private static final String COLUMNS =
      "account_id, name, metadata, valid_until, tags, create_date";

  private final SqliteTx tx;

  SqliteSamlProviderRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void insert(SamlProvider p) {
    Objects.requireNonNull(p, "provider is null");
    tx.updateUnique(
        "SAMLProvider " + p.name() + " already exists.",
        "INSERT INTO saml_providers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
        p.accountId(),
        p.name(),
        p.metadataDocument(),
        p.validUntil(),
        TagsJson.encode(p.tags()),
        p.createDate());
  }

  @Override
  public Optional<SamlProvider> find(String accountId, String name) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM saml_providers WHERE account_id = ? AND name = ?",
        SqliteSamlProviderRepository::map,
        accountId,
        name);
  }

  @Override
  public List<SamlProvider> list(String accountId) {
    return tx.query(
        "SELECT " + COLUMNS + " FROM saml_providers WHERE account_id = ? ORDER BY name",
        SqliteSamlProviderRepository::map,
        accountId);
  }

  @Override
  public void update(SamlProvider p) {
    Objects.requireNonNull(p, "provider is null");
    int changed =
        tx.update(
            "UPDATE saml_providers SET metadata = ?, valid_until = ?, tags = ? WHERE account_id = ? AND name = ?",
            p.metadataDocument(),
            p.validUntil(),
            TagsJson.encode(p.tags()),
            p.accountId(),
            p.name());
    if (changed == 0) {
      throw new IllegalStateException("no SAML provider " + p.arn());
    }
  }

  @Override
  public boolean delete(String accountId, String name) {
    return tx.update(
            "DELETE FROM saml_providers WHERE account_id = ? AND name = ?", accountId, name)
        > 0;
  }

  private static SamlProvider map(ResultSet rs) throws SQLException {
    return new SamlProvider(
        rs.getString("account_id"),
        rs.getString("name"),
        rs.getString("metadata"),
        instant(rs, "valid_until"),
        TagsJson.decode(rs.getString("tags")),
        instant(rs, "create_date"));
  }
}
