package dev.rolegate.store.sqlite;

import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One open transaction on the store's connection, and the SQL helpers the repositories use. Valid
 * only on the thread that runs the transaction and until it ends: repositories kept past their
 * {@code read}/{@code write} call fail instead of touching another transaction.
 */
final class SqliteTx {
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * A connection and its prepared statements, kept for the connection's life (preparing is a good
   * part of a small query's cost); at most {@value #STATEMENTS} are kept, the least recently used
   * closed first. Used by one transaction at a time.
   */
  static final class Conn implements AutoCloseable {
    static final int STATEMENTS = 256;
    final Connection connection;
    private final java.util.LinkedHashMap<String, PreparedStatement> statements =
        new java.util.LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(
              java.util.Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= STATEMENTS) {
              return false;
            }
            try {
              eldest.getValue().close();
            } catch (SQLException e) {
              // closing a statement we no longer need: nothing to do
            }
            return true;
          }
        };

    Conn(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement ps = statements.get(sql);
      if (ps == null) {
        ps = connection.prepareStatement(sql);
        statements.put(sql, ps);
      }
      return ps;
    }

    /** Closes and forgets a statement that failed: the driver may have left it unusable. */
    void discard(String sql) {
      PreparedStatement ps = statements.remove(sql);
      if (ps != null) {
        try {
          ps.close();
        } catch (SQLException e) {
          // it failed already; closing it is all that is left
        }
      }
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
      statements.clear();
      connection.close();
    }
  }

  private final Conn conn;
  private final Thread owner = Thread.currentThread();
  private boolean open = true;

  SqliteTx(Conn conn) {
    this.conn = conn;
  }

  void end() {
    open = false;
  }

  /** Runs an INSERT/UPDATE/DELETE; @return the number of rows changed. */
  int update(String sql, Object... params) {
    return updateUnique(null, sql, params);
  }

  /**
   * Runs an INSERT/UPDATE/DELETE whose uniqueness violation means "exists".
   *
   * @param duplicateMessage the {@link DuplicateKeyException}'s message when a UNIQUE or PRIMARY
   *     KEY constraint refuses the row; null to report it as a {@link StoreException}
   */
  int updateUnique(String duplicateMessage, String sql, Object... params) {
    checkUsable();
    try {
      PreparedStatement ps = conn.prepare(sql);
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      conn.discard(sql);
      if (duplicateMessage != null && isDuplicateKey(e)) {
        throw new DuplicateKeyException(duplicateMessage);
      }
      throw failure(sql, e);
    }
  }

  <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    checkUsable();
    try {
      PreparedStatement ps = conn.prepare(sql);
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    } catch (SQLException e) {
      conn.discard(sql);
      throw failure(sql, e);
    }
  }

  <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = query(sql, mapper, params);
    if (rows.size() > 1) {
      throw new StoreException("expected at most one row, got " + rows.size() + ": " + sql);
    }
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private void checkUsable() {
    if (!open || Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "repositories are usable only inside their read/write call, on its thread");
    }
  }

  /** Binds by type: Instant as epoch millis, Boolean as 0/1, enums by name, null as NULL. */
  private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      int index = i + 1;
      if (p == null) {
        ps.setNull(index, java.sql.Types.NULL);
      } else if (p instanceof String s) {
        ps.setString(index, s);
      } else if (p instanceof Instant t) {
        ps.setLong(index, millis(t));
      } else if (p instanceof Integer n) {
        ps.setInt(index, n);
      } else if (p instanceof Long n) {
        ps.setLong(index, n);
      } else if (p instanceof Boolean b) {
        ps.setInt(index, b ? 1 : 0);
      } else if (p instanceof byte[] bytes) {
        ps.setBytes(index, bytes);
      } else if (p instanceof Enum<?> e) {
        ps.setString(index, e.name());
      } else {
        throw new IllegalArgumentException("cannot bind a " + p.getClass().getName());
      }
    }
  }

  static boolean isDuplicateKey(SQLException e) {
    if (e instanceof SQLiteException se) {
      SQLiteErrorCode code = se.getResultCode();
      return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
          || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }
    return false;
  }

  static StoreException failure(String sql, SQLException e) {
    return new StoreException("SQLite: " + e.getMessage() + " [" + sql.strip() + "]", e);
  }

  // ---- value conversions shared by the repositories

  /** The stored form of an instant: epoch milliseconds (anything finer is dropped). */
  static long millis(Instant instant) {
    return instant.toEpochMilli();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  /** A NOT NULL blob column (the driver may read an empty blob as null). */
  static byte[] bytes(ResultSet rs, String column) throws SQLException {
    byte[] value = rs.getBytes(column);
    return value == null ? new byte[0] : value;
  }

  /** The key of a name that is unique, found and ordered without regard to case. */
  static String lower(String name) {
    return name == null ? null : name.toLowerCase(Locale.ROOT);
  }

  /** A null path prefix, or "/", matches every path. */
  static String prefix(String pathPrefix) {
    return pathPrefix == null ? "" : pathPrefix;
  }
}
