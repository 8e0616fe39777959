package dev.rolegate.store.sqlite;

import static dev.rolegate.store.sqlite.SqliteTx.instant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rolegate.core.model.OidcProvider;
import dev.rolegate.core.port.OidcProviderRepository;
import dev.rolegate.store.StoreException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

final class SqliteOidcProviderRepository implements OidcProviderRepository {
  private static final String COLUMNS =
      "account_id, url, client_ids, thumbprints, tags, create_date";
  private static final JsonFactory FACTORY = new JsonFactory();

  private final SqliteTx tx;

  SqliteOidcProviderRepository(SqliteTx tx) {
    this.tx = tx;
  }

  @Override
  public void insert(OidcProvider p) {
    Objects.requireNonNull(p, "provider is null");
    tx.updateUnique(
        "Provider with url https://" + p.url() + " already exists.",
        "INSERT INTO oidc_providers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
        p.accountId(),
        p.url(),
        strings(p.clientIds()),
        strings(p.thumbprints()),
        TagsJson.encode(p.tags()),
        p.createDate());
  }

  @Override
  public Optional<OidcProvider> find(String accountId, String url) {
    return tx.queryOne(
        "SELECT " + COLUMNS + " FROM oidc_providers WHERE account_id = ? AND url = ?",
        SqliteOidcProviderRepository::map,
        accountId,
        url);
  }

  @Override
  public List<OidcProvider> list(String accountId) {
    return tx.query(
        "SELECT " + COLUMNS + " FROM oidc_providers WHERE account_id = ? ORDER BY url",
        SqliteOidcProviderRepository::map,
        accountId);
  }

  @Override
  public void update(OidcProvider p) {
    Objects.requireNonNull(p, "provider is null");
    int changed =
        tx.update(
            "UPDATE oidc_providers SET client_ids = ?, thumbprints = ?, tags = ? WHERE account_id = ? AND url = ?",
            strings(p.clientIds()),
            strings(p.thumbprints()),
            TagsJson.encode(p.tags()),
            p.accountId(),
            p.url());
    if (changed == 0) {
      throw new IllegalStateException("no OIDC provider " + p.arn());
    }
  }

  @Override
  public boolean delete(String accountId, String url) {
    return tx.update("DELETE FROM oidc_providers WHERE account_id = ? AND url = ?", accountId, url)
        > 0;
  }

  private static OidcProvider map(ResultSet rs) throws SQLException {
    return new OidcProvider(
        rs.getString("account_id"),
        rs.getString("url"),
        strings(rs.getString("client_ids")),
        strings(rs.getString("thumbprints")),
        TagsJson.decode(rs.getString("tags")),
        instant(rs, "create_date"));
  }

  static String strings(List<String> values) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartArray();
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  static List<String> strings(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new StoreException("stored list is not a JSON array of strings: " + json);
      }
      List<String> out = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.VALUE_STRING) {
          throw new StoreException("stored list is not a JSON array of strings: " + json);
        }
        out.add(p.getText());
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new StoreException("stored list is not valid JSON: " + json, e);
    }
  }
}
