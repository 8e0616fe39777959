package dev.rolegate.store.sqlite;

import dev.rolegate.store.StoreException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the schema up to date with Flyway (which supports SQLite in flyway-core): the versioned
 * scripts {@code classpath:db/migration/sqlite/V<n>__<what>.sql}, each applied in one transaction,
 * recorded with its checksum in {@code flyway_schema_history} and verified on every open (an edited
 * script that was already applied fails the open).
 *
 * <p>Flyway runs on the store's own connection (an in-memory database exists only on it), handed
 * over through a data source whose connections ignore {@code close()}.
 *
 * <p>Packaging note: Flyway finds its database support through {@code META-INF/services}; a shaded
 * jar must merge those files ({@code ServicesResourceTransformer}).
 */
final class SqliteMigrations {
  static final String LOCATION = "classpath:db/migration/sqlite";

  private SqliteMigrations() {}

  static void migrate(Connection connection) {
    try {
      Flyway.configure(SqliteMigrations.class.getClassLoader())
          .dataSource(new SingleConnectionDataSource(connection))
          .locations(LOCATION)
          .failOnMissingLocations(true)
          .validateMigrationNaming(true)
          .cleanDisabled(true)
          .load()
          .migrate();
      connection.setAutoCommit(true);
    } catch (FlywayException | SQLException e) {
      throw new StoreException("could not migrate the SQLite schema: " + e.getMessage(), e);
    }
  }

  /** Hands out the one connection, wrapped so that Flyway's close() leaves it open. */
  private static final class SingleConnectionDataSource implements DataSource {
    private final Connection connection;

    SingleConnectionDataSource(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Connection getConnection() {
      return (Connection)
          Proxy.newProxyInstance(
              SqliteMigrations.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "close":
                    return null;
                  case "isClosed":
                    return connection.isClosed();
                  case "equals":
                    return proxy == args[0];
                  case "hashCode":
                    return System.identityHashCode(proxy);
                  default:
                    try {
                      return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                }
              });
    }

    @Override
    public Connection getConnection(String username, String password) {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
