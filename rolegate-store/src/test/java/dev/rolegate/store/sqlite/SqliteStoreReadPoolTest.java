package dev.rolegate.store.sqlite;

import static dev.rolegate.core.port.contract.Fixtures.ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.account;
import static dev.rolegate.core.port.contract.Fixtures.role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.model.Role;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store's read connections: reads run side by side and beside a write, and stay read-only.
 */
class SqliteStoreReadPoolTest {
  @TempDir Path dir;

  SqliteStore store;
  ExecutorService threads = Executors.newFixedThreadPool(3);

  @BeforeEach
  void open() {
    store = SqliteStore.open(dir);
    store.write(
        r -> {
          r.accounts().insert(account(ACCOUNT));
          return null;
        });
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    store.close();
  }

  @Test
  void twoReadsAreInsideTheStoreAtOnce() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    Runnable read =
        () ->
            store.read(
                r -> {
                  both.countDown();
                  try {
                    // each read waits, inside its transaction, for the other one to be inside too
                    assertThat(both.await(10, TimeUnit.SECONDS))
                        .as("the other read is inside as well")
                        .isTrue();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return r.roles().list(ACCOUNT, "/");
                });
    Future<?> a = threads.submit(read);
    Future<?> b = threads.submit(read);
    a.get(20, TimeUnit.SECONDS);
    b.get(20, TimeUnit.SECONDS);
  }

  @Test
  void aReadRunsWhileAWriteIsOpenAndSeesTheLastCommit() throws Exception {
    store.write(
        r -> {
          r.roles().insert(role(ACCOUNT, "Before"));
          return null;
        });
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch readDone = new CountDownLatch(1);
    Future<?> writer =
        threads.submit(
            () ->
                store.write(
                    r -> {
                      r.roles().insert(role(ACCOUNT, "During"));
                      writing.countDown();
                      try {
                        assertThat(readDone.await(10, TimeUnit.SECONDS))
                            .as("the read finished while this write was open")
                            .isTrue();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return null;
                    }));
    assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
    List<String> seen =
        store.read(r -> r.roles().list(ACCOUNT, "/").stream().map(Role::name).toList());
    readDone.countDown();
    writer.get(20, TimeUnit.SECONDS);
    assertThat(seen).containsExactly("Before");
    assertThat(
            store.read((Repositories r) -> r.roles().list(ACCOUNT, "/")).stream().map(Role::name))
        .containsExactly("Before", "During");
  }

  @Test
  void aWriteInsideAReadFailsAndTheConnectionStaysUsable() {
    for (int i = 0; i < 5; i++) { // more times than there are read connections
      assertThatThrownBy(
              () ->
                  store.read(
                      r -> {
                        r.roles().insert(role(ACCOUNT, "Sneaky"));
                        return null;
                      }))
          .isInstanceOf(StoreException.class);
    }
    assertThat(store.read((Repositories r) -> r.roles().list(ACCOUNT, "/"))).isEmpty();
    assertThatThrownBy(() -> store.read(outer -> store.read(inner -> null)))
        .isInstanceOf(IllegalStateException.class);
  }
}
