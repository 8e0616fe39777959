package dev.rolegate.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.model.Account;
import dev.rolegate.core.port.Repositories;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the in-memory store does beyond the port contract, as the SQLite store does it. */
class InMemoryStoreBehaviourTest {
  final InMemoryStore store = new InMemoryStore();

  @Test
  void transactionsDoNotNestAndTheStoreStaysUsable() {
    assertThatThrownBy(() -> store.write(outer -> store.write(inner -> null)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.read(outer -> store.read(inner -> null)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                store.write(
                    outer -> {
                      store.close();
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class);
    store.write(
        r -> {
          r.accounts().insert(new Account(TestIam.ACCOUNT, Instant.EPOCH));
          return null;
        });
    assertThat(store.read((Repositories r) -> r.accounts().list())).hasSize(1);
  }

  @Test
  void repositoriesAreUnusableAfterTheirTransactionAndFromAnotherThread()
      throws InterruptedException {
    Repositories escaped = store.read(r -> r);
    assertThatThrownBy(() -> escaped.roles().list(TestIam.ACCOUNT, "/"))
        .isInstanceOf(IllegalStateException.class);
    Throwable[] seen = new Throwable[1];
    store.read(
        r -> {
          Thread other =
              new Thread(
                  () -> {
                    try {
                      r.roles().list(TestIam.ACCOUNT, "/");
                    } catch (Throwable e) {
                      seen[0] = e;
                    }
                  });
          other.start();
          try {
            other.join();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return null;
        });
    assertThat(seen[0]).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aWriteInsideAReadIsRefused() {
    assertThatThrownBy(
            () ->
                store.read(
                    r -> {
                      r.accounts().insert(new Account(TestIam.ACCOUNT, Instant.EPOCH));
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.read((Repositories r) -> r.accounts().list())).isEmpty();
  }

  @Test
  void aClosedStoreRefusesWork() {
    store.close();
    assertThatThrownBy(() -> store.read(r -> null)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.write(r -> null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void settingsAreCopiedInAndOut() {
    byte[] value = {1, 2, 3};
    store.write(
        r -> {
          r.settings().put("s", value);
          return null;
        });
    value[0] = 9;
    byte[] read = store.read(r -> r.settings().get("s")).orElseThrow();
    assertThat(read).containsExactly(1, 2, 3);
    read[1] = 9;
    assertThat(store.read(r -> r.settings().get("s")).orElseThrow()).containsExactly(1, 2, 3);
  }
}
