package dev.rolegate.store.sqlite;

import static dev.rolegate.core.port.contract.Fixtures.ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.T0;
import static dev.rolegate.core.port.contract.Fixtures.account;
import static dev.rolegate.core.port.contract.Fixtures.key;
import static dev.rolegate.core.port.contract.Fixtures.policy;
import static dev.rolegate.core.port.contract.Fixtures.role;
import static dev.rolegate.core.port.contract.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.core.port.Store;
import dev.rolegate.core.port.contract.StoreContractTest;
import dev.rolegate.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreFileTest extends StoreContractTest {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  @TempDir Path dir;

  @Override
  protected Store newStore() {
    return SqliteStore.open(dir.resolve("data"));
  }

  private Path databaseFile() {
    return dir.resolve("data").resolve(SqliteStore.DATABASE_FILE);
  }

  @Test
  void dataSurvivesCloseAndOpen() {
    ManagedPolicy policy = policy(ACCOUNT, "Kept");
    write(
        repos -> {
          repos.accounts().insert(account(ACCOUNT));
          repos.roles().insert(role(ACCOUNT, "Kept"));
          repos.managedPolicies().insert(policy);
          repos.managedPolicies().insertVersion(version(policy, "v1", T0));
          repos.accessKeys().insert(key("AKIAKEPT000000000001", ACCOUNT, null, T0));
          repos.settings().put("keyring", bytes("keys"));
        });
    store.close();

    store = SqliteStore.open(dir.resolve("data"));
    read(
        repos -> {
          assertThat(repos.accounts().list()).containsExactly(account(ACCOUNT));
          assertThat(repos.roles().findByName(ACCOUNT, "kept"))
              .get()
              .extracting(Role::name)
              .isEqualTo("Kept");
          assertThat(repos.managedPolicies().findVersion(policy.arn(), "v1")).isPresent();
          assertThat(repos.accessKeys().listForUser(ACCOUNT, null)).hasSize(1);
          assertThat(repos.settings().get("keyring"))
              .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("keys")));
          return null;
        });
    // and it is still writable (a name taken before the reopen is still taken)
    write(repos -> repos.roles().insert(role(ACCOUNT, "Another")));
    assertThat(read((Repositories repos) -> repos.roles().list(ACCOUNT, "/"))).hasSize(2);
  }

  @Test
  void theDatabaseFilesAreReadableByTheOwnerOnly() throws IOException {
    assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class),
        "POSIX file system");
    write(repos -> repos.accounts().insert(account(ACCOUNT)));
    assertThat(Files.getPosixFilePermissions(databaseFile())).isEqualTo(OWNER_ONLY);
    for (String sidecar : new String[] {"-wal", "-shm"}) {
      Path file = databaseFile().resolveSibling(SqliteStore.DATABASE_FILE + sidecar);
      if (Files.exists(file)) {
        assertThat(Files.getPosixFilePermissions(file)).as(sidecar).isEqualTo(OWNER_ONLY);
      }
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve("data")))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void anExistingDatabaseFileThatOthersCouldReadIsTightened() throws IOException {
    assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class),
        "POSIX file system");
    store.close();
    Files.setPosixFilePermissions(databaseFile(), PosixFilePermissions.fromString("rw-r--r--"));
    store = SqliteStore.open(dir.resolve("data"));
    assertThat(Files.getPosixFilePermissions(databaseFile())).isEqualTo(OWNER_ONLY);
  }

  @Test
  void anAppliedMigrationWhoseChecksumNoLongerMatchesFailsTheOpen() throws SQLException {
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
    }
    assertThatThrownBy(() -> SqliteStore.open(dir.resolve("data")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("checksum");
    store = null; // nothing left open
  }

  @Test
  void theDatabaseIsInWalModeAndTheSchemaIsMigratedOnce() throws SQLException {
    store.close();
    store = SqliteStore.open(dir.resolve("data")); // a second open validates, applies nothing
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
        java.util.List<String> versions = new java.util.ArrayList<>();
        while (rs.next()) {
          assertThat(rs.getBoolean("success")).isTrue();
          versions.add(rs.getString("version"));
        }
        assertThat(versions)
            .containsExactly("1", "2", "3", "4", "5", "6", "7", "9", "10"); // each migration once
      }
    }
  }
}
