package dev.rolegate.store.sqlite;

import dev.rolegate.core.port.Repositories;
import dev.rolegate.core.port.Store;
import dev.rolegate.store.StoreException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;

/**
 * The embedded {@link Store}: one SQLite database, {@code DATA_DIR/rolegate.db} ({@link #open}), or
 * a private in-memory one ({@link #inMemory}, for tests and throw-away servers).
 *
 * <p><b>Transactions.</b> SQLite has one writer, so the store holds one write connection and a fair
 * lock: writes run one at a time, in {@code BEGIN IMMEDIATE ... COMMIT}. A file store (WAL mode)
 * also holds a pool of {@value #READERS_MIN} or more read-only connections, one per core: each
 * {@link #read} takes one, so reads run side by side and beside a write, each in {@code BEGIN
 * DEFERRED ... COMMIT} on the snapshot of the last commit, and a write attempted inside a read
 * fails (the connection is read-only). An in-memory store is one connection: its reads take the
 * lock too, with {@code PRAGMA query_only}. Each connection keeps its prepared statements.
 *
 * <p>Whatever the work throws rolls the transaction back and is rethrown as it is; database
 * failures are {@link StoreException}s, except a refused duplicate key, which is a {@link
 * dev.rolegate.core.port.DuplicateKeyException}. The {@link Repositories} handed to the work are
 * usable only inside that call and on its thread, and calls do not nest: {@code read}/{@code write}
 * from inside the work of either throws {@link IllegalStateException}.
 *
 * <p><b>Values.</b> Instants are stored as epoch milliseconds: anything finer than a millisecond is
 * dropped on the way in. Names that are unique without regard to case are compared lower-cased
 * ({@link java.util.Locale#ROOT}). Owners of access keys, inline policies and attachments are
 * matched by name without regard to case too. Mutations of a row that does not exist ({@code
 * update}, {@code setActive}) throw {@link IllegalStateException}.
 *
 * <p><b>{@link #wipe()}</b> deletes every row of every entity table (accounts included) and every
 * setting <em>except those whose name starts with {@value #KEPT_SETTINGS_PREFIX}</em>: the server
 * keeps its session-token sealing keyring there, and sessions issued before a test-mode wipe must
 * stay verifiable after it.
 *
 * <p><b>Files.</b> {@link #open} creates the data directory (owner-only, when it creates it) and
 * the database file owner-only ({@code rw-------}, tightened if an existing file is wider); SQLite
 * gives its {@code -wal}/{@code -shm} files the database file's permissions. The database runs in
 * WAL mode with foreign keys on and a {@value #BUSY_TIMEOUT_MILLIS} ms busy timeout (for another
 * process on the same file, e.g. a backup). The schema is migrated by Flyway on open ({@link
 * SqliteMigrations}).
 */
public final class SqliteStore implements Store {
  /** The database file's name in the data directory. */
  public static final String DATABASE_FILE = "rolegate.db";

  /** Settings whose name starts with this survive {@link #wipe()}. */
  public static final String KEPT_SETTINGS_PREFIX = "keyring";

  static final int BUSY_TIMEOUT_MILLIS = 5_000;

  /** The fewest read connections of a file store (more on machines with more cores). */
  static final int READERS_MIN = 2;

  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  /** Children before parents. */
  private static final List<String> ENTITY_TABLES =
      List.of(
          "account_quotas",
          "account_aliases",
          "password_policies",
          "login_profiles",
          "group_members",
          "groups",
          "oidc_providers",
          "saml_providers",
          "mfa_devices",
          "instance_profiles",
          "policy_versions",
          "managed_policies",
          "attachments",
          "inline_policies",
          "access_keys",
          "users",
          "roles",
          "accounts");

  private final ReentrantLock lock = new ReentrantLock(true);
  private final SqliteTx.Conn writer;

  /** A file store's read-only connections; null for an in-memory store (reads use the writer). */
  private final java.util.concurrent.BlockingQueue<SqliteTx.Conn> readers;

  private final int readerCount;
  private final ThreadLocal<Boolean> inTransaction = ThreadLocal.withInitial(() -> false);
  private final String location;
  private volatile boolean closed;

  private SqliteStore(Connection connection, List<Connection> readOnly, String location) {
    this.writer = new SqliteTx.Conn(connection);
    this.readerCount = readOnly.size();
    this.readers =
        readOnly.isEmpty() ? null : new java.util.concurrent.ArrayBlockingQueue<>(readOnly.size());
    for (Connection c : readOnly) {
      readers.add(new SqliteTx.Conn(c));
    }
    this.location = location;
  }

  /** Opens (creating and migrating as needed) {@code dataDir/rolegate.db}. */
  public static SqliteStore open(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir is null");
    Path dir = dataDir.toAbsolutePath();
    Path file = dir.resolve(DATABASE_FILE);
    try {
      createOwnerOnly(dir, file);
    } catch (IOException e) {
      throw new StoreException("cannot create the database file " + file + ": " + e, e);
    }
    return connect("jdbc:sqlite:" + file, true, file.toString());
  }

  /** A new, empty, private in-memory database; gone when closed. */
  public static SqliteStore inMemory() {
    return connect("jdbc:sqlite::memory:", false, ":memory:");
  }

  private static SqliteStore connect(String url, boolean wal, String location) {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    if (wal) {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }
    Connection connection;
    try {
      connection = config.createConnection(url);
    } catch (SQLException e) {
      throw new StoreException(
          "cannot open the SQLite database " + location + ": " + e.getMessage(), e);
    }
    List<Connection> readOnly = new java.util.ArrayList<>();
    try {
      SqliteMigrations.migrate(connection);
      if (wal) {
        SQLiteConfig reading = new SQLiteConfig();
        reading.setReadOnly(true);
        reading.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        int n = Math.max(READERS_MIN, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < n; i++) {
          readOnly.add(reading.createConnection(url));
        }
      }
    } catch (RuntimeException | SQLException e) {
      for (Connection c : readOnly) {
        try {
          c.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      try {
        connection.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof SQLException se) {
        throw new StoreException(
            "cannot open the SQLite database " + location + " for reading: " + se.getMessage(), se);
      }
      throw (RuntimeException) e;
    }
    return new SqliteStore(connection, readOnly, location);
  }

  private static void createOwnerOnly(Path dir, Path file) throws IOException {
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    boolean posix =
        existing != null
            && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
    if (!posix) {
      Files.createDirectories(dir);
      return;
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
    }
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
    } catch (FileAlreadyExistsException e) {
      // an existing database
    }
    Files.setPosixFilePermissions(file, OWNER_FILE);
  }

  @Override
  public <T> T read(Function<Repositories, T> work) {
    Objects.requireNonNull(work, "work is null");
    return transaction(false, tx -> work.apply(new SqliteRepositories(tx)));
  }

  @Override
  public <T> T write(Function<Repositories, T> work) {
    Objects.requireNonNull(work, "work is null");
    return transaction(true, tx -> work.apply(new SqliteRepositories(tx)));
  }

  /** See the class comment: settings named {@value #KEPT_SETTINGS_PREFIX}... are kept. */
  @Override
  public void wipe() {
    transaction(
        true,
        tx -> {
          for (String table : ENTITY_TABLES) {
            tx.update("DELETE FROM " + table);
          }
          tx.update(
              "DELETE FROM settings WHERE substr(name, 1, length(?)) <> ?",
              KEPT_SETTINGS_PREFIX,
              KEPT_SETTINGS_PREFIX);
          return null;
        });
  }

  @Override
  public void close() {
    if (inTransaction.get()) {
      throw new IllegalStateException("close() called inside read/write work");
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (readers != null) {
        for (int i = 0; i < readerCount; i++) {
          readers.take().close(); // waits for the reads in progress
        }
      }
      writer.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while closing the SQLite database " + location);
    } catch (SQLException e) {
      throw new StoreException(
          "closing the SQLite database " + location + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SqliteStore[" + location + "]";
  }

  private <T> T transaction(boolean write, Function<SqliteTx, T> work) {
    if (inTransaction.get()) {
      throw new IllegalStateException(
          "read/write called inside read/write work: transactions do not nest");
    }
    inTransaction.set(true);
    try {
      return write || readers == null ? locked(write, work) : pooled(work);
    } finally {
      inTransaction.set(false);
    }
  }

  /** A write, or an in-memory store's read: on the one connection, under the lock. */
  private <T> T locked(boolean write, Function<SqliteTx, T> work) {
    lock.lock();
    try {
      checkOpen();
      if (!write) {
        execute(writer, "PRAGMA query_only = ON");
      }
      try {
        return run(writer, write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", work);
      } finally {
        if (!write) {
          execute(writer, "PRAGMA query_only = OFF");
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** A file store's read: on a read-only connection of the pool, beside other reads and a write. */
  private <T> T pooled(Function<SqliteTx, T> work) {
    checkOpen();
    SqliteTx.Conn conn;
    try {
      conn = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for a read connection of " + location);
    }
    try {
      checkOpen();
      return run(conn, "BEGIN DEFERRED", work);
    } finally {
      readers.add(conn);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the store is closed: " + this);
    }
  }

  private static <T> T run(SqliteTx.Conn conn, String begin, Function<SqliteTx, T> work) {
    execute(conn, begin);
    SqliteTx tx = new SqliteTx(conn);
    try {
      T result = work.apply(tx);
      tx.end();
      execute(conn, "COMMIT");
      return result;
    } catch (Throwable t) {
      tx.end();
      rollbackAfter(conn, t);
      throw t;
    }
  }

  private static void rollbackAfter(SqliteTx.Conn conn, Throwable failure) {
    try {
      execute(conn, "ROLLBACK");
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static void execute(SqliteTx.Conn conn, String sql) {
    try {
      conn.prepare(sql).execute();
    } catch (SQLException e) {
      conn.discard(sql);
      throw SqliteTx.failure(sql, e);
    }
  }
}
