package dev.rolegate.store.sqlite;

import static dev.rolegate.core.port.contract.Fixtures.ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.T0;
import static dev.rolegate.core.port.contract.Fixtures.account;
import static dev.rolegate.core.port.contract.Fixtures.policy;
import static dev.rolegate.core.port.contract.Fixtures.role;
import static dev.rolegate.core.port.contract.Fixtures.tags;
import static dev.rolegate.core.port.contract.Fixtures.user;
import static dev.rolegate.core.port.contract.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.model.Account;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.store.StoreException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the SQLite store does beyond the port contract. */
class SqliteStoreBehaviourTest {
  private SqliteStore store = SqliteStore.inMemory();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void instantsAreTruncatedToTheMillisecond() {
    Instant precise = Instant.parse("2026-03-04T05:06:07.123456789Z");
    store.write(
        repos -> {
          repos.accounts().insert(new Account(ACCOUNT, precise));
          return null;
        });
    assertThat(
            store
                .read((Repositories repos) -> repos.accounts().find(ACCOUNT))
                .orElseThrow()
                .createDate())
        .isEqualTo(Instant.parse("2026-03-04T05:06:07.123Z"));
  }

  @Test
  void instantsBeforeTheEpochRoundTrip() {
    Instant old = Instant.parse("1969-12-31T23:59:59.999Z");
    store.write(
        repos -> {
          repos.accounts().insert(new Account(ACCOUNT, old));
          return null;
        });
    assertThat(
            store
                .read((Repositories repos) -> repos.accounts().find(ACCOUNT))
                .orElseThrow()
                .createDate())
        .isEqualTo(old);
  }

  @Test
  void transactionsDoNotNest() {
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
    // and the store is still usable
    store.write(
        repos -> {
          repos.accounts().insert(account(ACCOUNT));
          return null;
        });
    assertThat(store.read((Repositories repos) -> repos.accounts().list())).hasSize(1);
  }

  @Test
  void repositoriesAreUnusableAfterTheirTransaction() {
    Repositories escaped = store.read(repos -> repos);
    assertThatThrownBy(() -> escaped.roles().list(ACCOUNT, "/"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void repositoriesAreUnusableFromAnotherThread() throws Exception {
    Throwable[] seen = new Throwable[1];
    store.read(
        repos -> {
          Thread other =
              new Thread(
                  () -> {
                    try {
                      repos.roles().list(ACCOUNT, "/");
                    } catch (Throwable t) {
                      seen[0] = t;
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
  void aWriteInsideReadFailsAndChangesNothing() {
    assertThatThrownBy(
            () ->
                store.read(
                    repos -> {
                      repos.roles().insert(role(ACCOUNT, "Sneaky"));
                      return null;
                    }))
        .isInstanceOf(StoreException.class);
    store.write(
        repos -> {
          repos.roles().insert(role(ACCOUNT, "Honest"));
          return null;
        });
    assertThat(store.read((Repositories repos) -> repos.roles().list(ACCOUNT, "/")))
        .extracting(Role::name)
        .containsExactly("Honest");
  }

  @Test
  void aVersionWithoutItsPolicyFailsTheCommit() {
    ManagedPolicy policy = policy(ACCOUNT, "Missing");
    assertThatThrownBy(
            () ->
                store.write(
                    repos -> {
                      repos.users().insert(user(ACCOUNT, "bystander"));
                      repos.managedPolicies().insertVersion(version(policy, "v1", T0));
                      return null;
                    }))
        .isInstanceOf(StoreException.class);
    assertThat(store.read((Repositories repos) -> repos.users().list(ACCOUNT, "/"))).isEmpty();
    // the version may come before its policy within one transaction
    store.write(
        repos -> {
          repos.managedPolicies().insertVersion(version(policy, "v1", T0));
          repos.managedPolicies().insert(policy);
          return null;
        });
    assertThat(
            store.read((Repositories repos) -> repos.managedPolicies().listVersions(policy.arn())))
        .hasSize(1);
  }

  @Test
  void aClosedStoreRefusesWorkAndClosesTwiceQuietly() {
    store.close();
    store.close();
    assertThatThrownBy(() -> store.read(repos -> null)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.write(repos -> null)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(store::wipe).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void eachInMemoryStoreIsPrivate() {
    try (SqliteStore other = SqliteStore.inMemory()) {
      other.write(
          repos -> {
            repos.accounts().insert(account(ACCOUNT));
            return null;
          });
      assertThat(store.read((Repositories repos) -> repos.accounts().list())).isEmpty();
    }
  }

  @Test
  void tagsRoundTripThroughJsonInOrder() {
    List<Tag> tags =
        tags("b", "2", "a", "1", "q\"uote", "back\\slash\n", "", "", "ünï", "日本語 \u0000");
    String json = TagsJson.encode(tags);
    assertThat(TagsJson.decode(json)).isEqualTo(tags);
    assertThat(TagsJson.encode(List.of())).isEqualTo("[]");
    assertThat(TagsJson.decode("[]")).isEmpty();
    assertThat(TagsJson.encode(tags("Key", "Value")))
        .isEqualTo("[{\"Key\":\"Key\",\"Value\":\"Value\"}]");
    assertThat(TagsJson.decode("[{\"Value\":\"v\",\"Key\":\"k\"}]"))
        .containsExactly(new Tag("k", "v"));
  }

  @Test
  void corruptTagsAreAStoreException() {
    for (String bad :
        List.of(
            "",
            "{}",
            "[{\"Key\":\"k\"}]",
            "[{\"Key\":\"k\",\"Value\":1}]",
            "[{\"Key\":\"k\",\"Value\":\"v\",\"X\":\"y\"}]",
            "[] []",
            "[")) {
      assertThatThrownBy(() -> TagsJson.decode(bad)).as(bad).isInstanceOf(StoreException.class);
    }
  }
}
