package dev.rolegate.core.port.contract;

import static dev.rolegate.core.port.contract.Fixtures.ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.DOCUMENT;
import static dev.rolegate.core.port.contract.Fixtures.OTHER_ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.T0;
import static dev.rolegate.core.port.contract.Fixtures.account;
import static dev.rolegate.core.port.contract.Fixtures.at;
import static dev.rolegate.core.port.contract.Fixtures.key;
import static dev.rolegate.core.port.contract.Fixtures.policy;
import static dev.rolegate.core.port.contract.Fixtures.role;
import static dev.rolegate.core.port.contract.Fixtures.user;
import static dev.rolegate.core.port.contract.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rolegate.core.model.AccessKey;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.core.port.Store;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The {@link Store} contract, for every implementation: extend it and return a new, empty store
 * from {@link #newStore()} (one per test; closed after it). Nothing here depends on the database.
 *
 * <p>The tests are spread over a chain of abstract classes to keep each file readable: {@link
 * StoreContractSupport} (set-up, helpers) &lt; {@link IdentityContract} (accounts, roles, users,
 * access keys) &lt; {@link PolicyContract} (managed, inline, attached policies) &lt; this class
 * (transactions, duplicates, wipe, settings, concurrency).
 */
public abstract class StoreContractTest extends SamlProviderContract {
  // ---------------------------------------------------------------- Store: transactions

  @Test
  void writeCommitsAndReturnsTheResultOfTheWork() {
    String result =
        store.write(
            repos -> {
              repos.accounts().insert(account(ACCOUNT));
              return "done";
            });
    assertEquals("done", result);
    assertThat(read((Repositories repos) -> repos.accounts().find(ACCOUNT)))
        .contains(account(ACCOUNT));
    assertThat(read((Repositories repos) -> repos.accounts().list()))
        .containsExactly(account(ACCOUNT));
  }

  @Test
  void writeSeesItsOwnChangesBeforeCommit() {
    write(
        repos -> {
          repos.roles().insert(role(ACCOUNT, "Builder"));
          assertThat(repos.roles().findByName(ACCOUNT, "builder")).isPresent();
          assertThat(repos.roles().list(ACCOUNT, "/")).hasSize(1);
        });
  }

  @Test
  void anExceptionInWriteRollsBackEverythingItDidAndIsRethrownAsItIs() {
    write(repos -> repos.roles().insert(role(ACCOUNT, "Existing")));
    ManagedPolicy policy = policy(ACCOUNT, "Pol");
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(
            () ->
                store.write(
                    repos -> {
                      repos.accounts().insert(account(ACCOUNT));
                      repos.roles().insert(role(ACCOUNT, "Fresh"));
                      repos.roles().delete(ACCOUNT, "Existing");
                      repos.users().insert(user(ACCOUNT, "alice"));
                      repos.accessKeys().insert(key("AKIAROLLBACK00000001", ACCOUNT, "alice", T0));
                      repos.managedPolicies().insert(policy);
                      repos.managedPolicies().insertVersion(version(policy, "v1", T0));
                      repos
                          .inlinePolicies()
                          .put(
                              new InlinePolicy(
                                  ACCOUNT, PrincipalType.USER, "alice", "p", DOCUMENT));
                      repos
                          .attachments()
                          .attach(ACCOUNT, PrincipalType.USER, "alice", policy.arn());
                      repos.settings().put("some.setting", new byte[] {1});
                      throw boom;
                    }))
        .isSameAs(boom);

    read(
        repos -> {
          assertThat(repos.accounts().list()).isEmpty();
          assertThat(repos.roles().list(ACCOUNT, "/"))
              .extracting(Role::name)
              .containsExactly("Existing");
          assertThat(repos.users().list(ACCOUNT, "/")).isEmpty();
          assertThat(repos.accessKeys().find("AKIAROLLBACK00000001")).isEmpty();
          assertThat(repos.managedPolicies().list(ACCOUNT, "/")).isEmpty();
          assertThat(repos.managedPolicies().listVersions(policy.arn())).isEmpty();
          assertThat(repos.inlinePolicies().list(ACCOUNT, PrincipalType.USER, "alice")).isEmpty();
          assertThat(repos.attachments().list(ACCOUNT, PrincipalType.USER, "alice")).isEmpty();
          assertThat(repos.settings().get("some.setting")).isEmpty();
          return null;
        });
  }

  @Test
  void aFailedWriteLeavesTheStoreUsable() {
    assertThatThrownBy(
            () ->
                write(
                    repos -> {
                      throw new IllegalArgumentException("no");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    write(repos -> repos.accounts().insert(account(ACCOUNT)));
    assertThat(read((Repositories repos) -> repos.accounts().list())).hasSize(1);
  }

  @Test
  void readReturnsTheResultOfTheWorkAndSeesCommittedData() {
    assertThat(read((Repositories repos) -> repos.roles().list(ACCOUNT, "/"))).isEmpty();
    write(repos -> repos.roles().insert(role(ACCOUNT, "One")));
    write(repos -> repos.roles().insert(role(ACCOUNT, "Two")));
    assertThat(read((Repositories repos) -> repos.roles().list(ACCOUNT, "/").size())).isEqualTo(2);
  }

  @Test
  void anExceptionInReadIsRethrownAsItIs() {
    RuntimeException boom = new RuntimeException("boom");
    assertThatThrownBy(
            () ->
                store.read(
                    repos -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    assertThat(read((Repositories repos) -> repos.accounts().list())).isEmpty();
  }

  @Test
  void aDuplicateNameInAnyCaseIsRefusedAndTheWholeWriteIsRolledBack() {
    write(repos -> repos.roles().insert(role(ACCOUNT, "MyRole")));
    assertThatThrownBy(
            () ->
                write(
                    repos -> {
                      repos.users().insert(user(ACCOUNT, "bob"));
                      repos.roles().insert(role(ACCOUNT, "MYROLE", "/other/"));
                    }))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(read((Repositories repos) -> repos.users().list(ACCOUNT, "/"))).isEmpty();
    assertThat(read((Repositories repos) -> repos.roles().list(ACCOUNT, "/")))
        .extracting(Role::name)
        .containsExactly("MyRole");
  }

  @Test
  void namesAreUniquePerAccountOnly() {
    write(
        repos -> {
          repos.roles().insert(role(ACCOUNT, "Shared"));
          repos.roles().insert(role(OTHER_ACCOUNT, "shared"));
          repos.users().insert(user(ACCOUNT, "Shared"));
          repos.users().insert(user(OTHER_ACCOUNT, "shared"));
          repos.managedPolicies().insert(policy(ACCOUNT, "Shared"));
          repos.managedPolicies().insert(policy(OTHER_ACCOUNT, "shared"));
        });
    assertThat(read((Repositories repos) -> repos.roles().findByName(OTHER_ACCOUNT, "SHARED")))
        .get()
        .extracting(Role::name)
        .isEqualTo("shared");
  }

  @Test
  void duplicateKeysOfEveryKindAreRefused() {
    ManagedPolicy policy = policy(ACCOUNT, "Pol");
    write(
        repos -> {
          repos.accounts().insert(account(ACCOUNT));
          repos.users().insert(user(ACCOUNT, "alice"));
          repos.managedPolicies().insert(policy);
          repos.managedPolicies().insertVersion(version(policy, "v1", T0));
          repos.accessKeys().insert(key("AKIADUPLICATE0000001", ACCOUNT, "alice", T0));
        });
    assertDuplicate(repos -> repos.accounts().insert(account(ACCOUNT)));
    assertDuplicate(repos -> repos.users().insert(user(ACCOUNT, "ALICE", "/elsewhere/")));
    assertDuplicate(
        repos -> repos.managedPolicies().insert(policy(ACCOUNT, "pOL", "/other/path/")));
    assertDuplicate(repos -> repos.managedPolicies().insertVersion(version(policy, "v1", at(5))));
    assertDuplicate(
        repos -> repos.accessKeys().insert(key("AKIADUPLICATE0000001", ACCOUNT, null, T0)));
    read(
        repos -> {
          assertThat(repos.users().list(ACCOUNT, "/")).hasSize(1);
          assertThat(repos.managedPolicies().list(ACCOUNT, "/")).hasSize(1);
          assertThat(repos.managedPolicies().listVersions(policy.arn())).hasSize(1);
          assertThat(repos.accessKeys().find("AKIADUPLICATE0000001"))
              .get()
              .extracting(AccessKey::userName)
              .isEqualTo("alice");
          return null;
        });
  }

  private void assertDuplicate(Consumer<Repositories> work) {
    assertThatThrownBy(() -> write(work)).isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void wipeDeletesEveryEntityAndEverySettingButTheKeyring() {
    ManagedPolicy policy = policy(ACCOUNT, "Pol");
    write(
        repos -> {
          repos.accounts().insert(account(ACCOUNT));
          repos.roles().insert(role(ACCOUNT, "R"));
          repos.users().insert(user(ACCOUNT, "u"));
          repos.accessKeys().insert(key("AKIAWIPE000000000001", ACCOUNT, "u", T0));
          repos.accessKeys().insert(key("AKIAWIPE000000000002", ACCOUNT, null, T0));
          repos.managedPolicies().insert(policy);
          repos.managedPolicies().insertVersion(version(policy, "v1", T0));
          repos
              .inlinePolicies()
              .put(new InlinePolicy(ACCOUNT, PrincipalType.ROLE, "R", "p", DOCUMENT));
          repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "R", policy.arn());
          repos.settings().put("keyring", bytes("sealed keys"));
          repos.settings().put("keyring.previous", bytes("older keys"));
          repos.settings().put("bootstrap.done", bytes("yes"));
        });

    store.wipe();

    read(
        repos -> {
          assertThat(repos.accounts().list()).isEmpty();
          assertThat(repos.roles().list(ACCOUNT, "/")).isEmpty();
          assertThat(repos.users().list(ACCOUNT, "/")).isEmpty();
          assertThat(repos.accessKeys().listForUser(ACCOUNT, "u")).isEmpty();
          assertThat(repos.accessKeys().listForUser(ACCOUNT, null)).isEmpty();
          assertThat(repos.managedPolicies().findByArn(policy.arn())).isEmpty();
          assertThat(repos.managedPolicies().listVersions(policy.arn())).isEmpty();
          assertThat(repos.inlinePolicies().list(ACCOUNT, PrincipalType.ROLE, "R")).isEmpty();
          assertThat(repos.attachments().count(ACCOUNT, policy.arn())).isZero();
          assertThat(repos.settings().get("keyring"))
              .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("sealed keys")));
          assertThat(repos.settings().get("keyring.previous")).isPresent();
          assertThat(repos.settings().get("bootstrap.done")).isEmpty();
          return null;
        });

    // the schema stays: the same entities can be created again
    write(
        repos -> {
          repos.accounts().insert(account(ACCOUNT));
          repos.roles().insert(role(ACCOUNT, "R"));
          repos.managedPolicies().insert(policy);
          repos.managedPolicies().insertVersion(version(policy, "v1", T0));
        });
    assertThat(read((Repositories repos) -> repos.roles().list(ACCOUNT, "/"))).hasSize(1);
  }

  @Test
  void aPolicyVersionWithoutItsPolicyFailsTheCommitAndLeavesNothing() {
    ManagedPolicy orphan = policy(ACCOUNT, "Orphan");
    assertThatThrownBy(
            () ->
                write(
                    repos -> {
                      repos.users().insert(user(ACCOUNT, "kept-out"));
                      repos.managedPolicies().insertVersion(version(orphan, "v1", T0));
                    }))
        .isInstanceOf(RuntimeException.class)
        .isNotInstanceOf(DuplicateKeyException.class);
    read(
        repos -> {
          assertThat(repos.managedPolicies().listVersions(orphan.arn())).isEmpty();
          assertThat(repos.users().list(ACCOUNT, "/")).isEmpty();
          return null;
        });
    // inserted in the same transaction, before or after its first version: fine
    write(
        repos -> {
          repos.managedPolicies().insertVersion(version(orphan, "v1", T0));
          repos.managedPolicies().insert(orphan);
        });
    assertThat(read((Repositories repos) -> repos.managedPolicies().listVersions(orphan.arn())))
        .hasSize(1);
  }

  @Test
  void anAliasAPasswordPolicyAndAQuotaNeedTheirAccount() {
    assertThatThrownBy(() -> write(repos -> repos.accounts().setAlias(ACCOUNT, "nobody-home")))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(
            () ->
                write(
                    repos ->
                        repos
                            .accounts()
                            .putPasswordPolicy(
                                ACCOUNT,
                                new dev.rolegate.core.model.PasswordPolicy(
                                    8, false, false, false, false, false, 0, 0, false))))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(
            () -> write(repos -> repos.accounts().putQuota(ACCOUNT, "RolesPerAccount", 5)))
        .isInstanceOf(RuntimeException.class);
    read(
        repos -> {
          assertThat(repos.accounts().alias(ACCOUNT)).isEmpty();
          assertThat(repos.accounts().passwordPolicy(ACCOUNT)).isEmpty();
          assertThat(repos.accounts().quotas(ACCOUNT)).isEmpty();
          return null;
        });
  }

  @Test
  void aNegativeQuotaIsRefused() {
    write(repos -> repos.accounts().insert(account(ACCOUNT)));
    assertThatThrownBy(
            () -> write(repos -> repos.accounts().putQuota(ACCOUNT, "RolesPerAccount", -1)))
        .isInstanceOf(RuntimeException.class);
    assertThat(read((Repositories repos) -> repos.accounts().quotas(ACCOUNT))).isEmpty();
  }

  @Test
  void aManagedPolicyMovedToAnotherPathTakesItsVersionsWithIt() {
    ManagedPolicy policy = policy(ACCOUNT, "Mover");
    write(
        repos -> {
          repos.managedPolicies().insert(policy);
          repos.managedPolicies().insertVersion(version(policy, "v1", T0));
        });
    ManagedPolicy moved =
        new ManagedPolicy(
            ACCOUNT,
            policy.policyId(),
            policy.name(),
            "/moved/",
            null,
            "v1",
            2,
            java.util.List.of(),
            T0,
            T0);
    write(repos -> repos.managedPolicies().update(moved));
    read(
        repos -> {
          assertThat(repos.managedPolicies().findByArn(policy.arn())).isEmpty();
          assertThat(repos.managedPolicies().listVersions(policy.arn())).isEmpty();
          assertThat(repos.managedPolicies().findVersion(moved.arn(), "v1"))
              .get()
              .extracting(v -> v.policyArn())
              .isEqualTo(moved.arn());
          return null;
        });
  }

  // ---------------------------------------------------------------- settings

  @Test
  void settingsRoundTripBytesExactlyAndPutReplaces() {
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    write(
        repos -> {
          assertThat(repos.settings().get("keyring")).isEmpty();
          repos.settings().put("keyring", binary);
          repos.settings().put("empty", new byte[0]);
          repos.settings().put("counter", bytes("1"));
          repos.settings().put("counter", bytes("2"));
        });
    read(
        repos -> {
          assertThat(repos.settings().get("keyring"))
              .hasValueSatisfying(v -> assertThat(v).isEqualTo(binary));
          assertThat(repos.settings().get("empty"))
              .hasValueSatisfying(v -> assertThat(v).isEmpty());
          assertThat(repos.settings().get("counter"))
              .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("2")));
          assertThat(repos.settings().get("Counter")).isEmpty();
          return null;
        });
  }

  // ---------------------------------------------------------------- concurrency

  /**
   * 8 threads each write (a user plus a counter bumped read-modify-write, in one transaction) and
   * read (users and counter must agree within one read). Lost updates, torn reads or a deadlock
   * fail.
   */
  @Test
  void concurrentWritesAndReadsNeitherDeadlockNorCorrupt() {
    int threads = 8;
    int rounds = 40;
    assertTimeoutPreemptively(
        Duration.ofMinutes(2),
        () -> {
          ExecutorService pool = Executors.newFixedThreadPool(threads);
          try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
              int thread = t;
              Callable<Integer> worker =
                  () -> {
                    start.await();
                    int reads = 0;
                    for (int i = 0; i < rounds; i++) {
                      String name = "user-" + thread + "-" + i;
                      write(
                          repos -> {
                            repos.users().insert(user(ACCOUNT, name));
                            int n = counter(repos);
                            repos
                                .settings()
                                .put("counter", ByteBuffer.allocate(4).putInt(n + 1).array());
                          });
                      reads +=
                          read(
                              repos -> {
                                int users = repos.users().list(ACCOUNT, "/").size();
                                assertEquals(
                                    users,
                                    counter(repos),
                                    "users and counter disagree within one read");
                                assertThat(repos.users().findByName(ACCOUNT, name)).isPresent();
                                return 1;
                              });
                    }
                    return reads;
                  };
              results.add(pool.submit(worker));
            }
            start.countDown();
            int reads = 0;
            for (Future<Integer> result : results) {
              reads += result.get();
            }
            assertEquals(threads * rounds, reads);
          } finally {
            pool.shutdownNow();
          }
        });
    assertThat(read((Repositories repos) -> repos.users().list(ACCOUNT, "/")))
        .hasSize(threads * rounds);
    assertThat(read(StoreContractTest::counter)).isEqualTo(threads * rounds);
  }

  private static int counter(Repositories repos) {
    return repos.settings().get("counter").map(v -> ByteBuffer.wrap(v).getInt()).orElse(0);
  }
}
