package dev.rolegate.core.port.contract;

import static dev.rolegate.core.port.contract.Fixtures.ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.OTHER_ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.T0;
import static dev.rolegate.core.port.contract.Fixtures.account;
import static dev.rolegate.core.port.contract.Fixtures.at;
import static dev.rolegate.core.port.contract.Fixtures.key;
import static dev.rolegate.core.port.contract.Fixtures.role;
import static dev.rolegate.core.port.contract.Fixtures.tags;
import static dev.rolegate.core.port.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.model.AccessKey;
import dev.rolegate.core.model.AccessKeyUse;
import dev.rolegate.core.model.LoginProfile;
import dev.rolegate.core.model.PasswordPolicy;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.AccountRepository;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Part of {@link StoreContractTest}: accounts, roles, users and access keys. */
public abstract class IdentityContract extends StoreContractSupport {
  // ---------------------------------------------------------------- accounts

  @Test
  void accountsAreListedById() {
    write(
        repos -> {
          repos.accounts().insert(account("999999999999"));
          repos.accounts().insert(account("000000000001"));
          repos.accounts().insert(account(ACCOUNT));
        });
    assertThat(read((Repositories repos) -> repos.accounts().list()))
        .extracting(a -> a.id())
        .containsExactly("000000000001", ACCOUNT, "999999999999");
    assertThat(read((Repositories repos) -> repos.accounts().find("000000000002"))).isEmpty();
    assertThat(read((Repositories repos) -> repos.accounts().find(ACCOUNT)))
        .get()
        .extracting(a -> a.createDate())
        .isEqualTo(T0);
  }

  @Test
  void anAccountHasAtMostOneAliasAndAnAliasBelongsToOneAccount() {
    write(
        repos -> {
          repos.accounts().insert(account(ACCOUNT));
          repos.accounts().insert(account(OTHER_ACCOUNT));
        });
    assertThat(read((Repositories repos) -> repos.accounts().alias(ACCOUNT))).isEmpty();
    write(repos -> repos.accounts().setAlias(ACCOUNT, "first"));
    write(repos -> repos.accounts().setAlias(ACCOUNT, "second"));
    assertThat(read((Repositories repos) -> repos.accounts().alias(ACCOUNT))).contains("second");
    assertThatThrownBy(() -> write(repos -> repos.accounts().setAlias(OTHER_ACCOUNT, "second")))
        .isInstanceOf(DuplicateKeyException.class);
    write(repos -> repos.accounts().setAlias(OTHER_ACCOUNT, "first"));
    assertThat(read((Repositories repos) -> repos.accounts().alias(OTHER_ACCOUNT)))
        .contains("first");
    assertThat(store.write((Repositories repos) -> repos.accounts().deleteAlias(ACCOUNT, "first")))
        .isFalse();
    assertThat(store.write((Repositories repos) -> repos.accounts().deleteAlias(ACCOUNT, "second")))
        .isTrue();
    assertThat(read((Repositories repos) -> repos.accounts().alias(ACCOUNT))).isEmpty();
    assertThat(read((Repositories repos) -> repos.accounts().alias(OTHER_ACCOUNT)))
        .contains("first");
  }

  // ---------------------------------------------------------------- roles

  @Test
  void aRoleRoundTripsEveryField() {
    Role full =
        new Role(
            ACCOUNT,
            "AROAFULL00000000001",
            "Full-Role_1+=,.@",
            "/service/team/",
            Fixtures.TRUST,
            "A \"described\" role — ünïcödé",
            43200,
            "arn:aws:iam::123456789012:policy/Boundary",
            tags("Team", "Platform", "Quote\"d", "Back\\slash", "Empty", "", "Zürich", "日本"),
            T0,
            at(3600),
            "eu-central-1");
    Role bare = role(ACCOUNT, "bare");
    write(
        repos -> {
          repos.roles().insert(full);
          repos.roles().insert(bare);
        });
    assertThat(read((Repositories repos) -> repos.roles().findById(full.roleId()))).contains(full);
    assertThat(read((Repositories repos) -> repos.roles().findByName(ACCOUNT, "full-role_1+=,.@")))
        .contains(full);
    assertThat(read((Repositories repos) -> repos.roles().findByName(ACCOUNT, "BARE")))
        .contains(bare);
    assertThat(read((Repositories repos) -> repos.roles().findByName(OTHER_ACCOUNT, "bare")))
        .isEmpty();
    assertThat(read((Repositories repos) -> repos.roles().findById("AROANOSUCHROLE"))).isEmpty();
  }

  @Test
  void rolesAreListedByNameWithoutRegardToCaseThenAsWritten() {
    List<String> names =
        List.of("zeta", "Alpha", "beta", "ALPHA2", "a_b", "aB", "Beta1", "_x", "9");
    write(
        repos -> {
          names.forEach(name -> repos.roles().insert(role(ACCOUNT, name)));
          repos.roles().insert(role(OTHER_ACCOUNT, "Another"));
        });
    List<String> expected = new ArrayList<>(names);
    expected.sort(NAME_ORDER);
    assertThat(read((Repositories repos) -> repos.roles().list(ACCOUNT, "/")))
        .extracting(Role::name)
        .containsExactlyElementsOf(expected);
    assertThat(read((Repositories repos) -> repos.roles().list(OTHER_ACCOUNT, "/")))
        .extracting(Role::name)
        .containsExactly("Another");
    // the store's own paging gives the same order, window by window
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < names.size() + 2; offset += 2) {
      int from = offset;
      read((Repositories repos) -> repos.roles().list(ACCOUNT, "/", from, 2))
          .forEach(r -> paged.add(r.name()));
    }
    assertThat(paged).containsExactlyElementsOf(expected);
    assertThat(read((Repositories repos) -> repos.roles().list(ACCOUNT, "/", names.size(), 5)))
        .isEmpty();
  }

  @Test
  void rolesAreFilteredByPathPrefixAsPlainCaseSensitiveText() {
    write(
        repos -> {
          repos.roles().insert(role(ACCOUNT, "root", "/"));
          repos.roles().insert(role(ACCOUNT, "app", "/app/"));
          repos.roles().insert(role(ACCOUNT, "team", "/app/team/"));
          repos.roles().insert(role(ACCOUNT, "application", "/application/"));
          repos.roles().insert(role(ACCOUNT, "underscore", "/a_b/"));
          repos.roles().insert(role(ACCOUNT, "percent", "/a%b/"));
          repos.roles().insert(role(ACCOUNT, "axb", "/axb/"));
        });
    assertThat(listRoles("/"))
        .containsExactly("app", "application", "axb", "percent", "root", "team", "underscore");
    assertThat(listRoles("/app/")).containsExactly("app", "team");
    assertThat(listRoles("/app")).containsExactly("app", "application", "team");
    assertThat(listRoles("/app/team/")).containsExactly("team");
    assertThat(listRoles("/APP/")).isEmpty();
    assertThat(listRoles("/a_b/")).containsExactly("underscore");
    assertThat(listRoles("/a%")).containsExactly("percent");
    assertThat(listRoles("/none/")).isEmpty();
  }

  private List<String> listRoles(String pathPrefix) {
    return read(
        (Repositories repos) ->
            repos.roles().list(ACCOUNT, pathPrefix).stream().map(Role::name).toList());
  }

  @Test
  void aRoleUpdateReplacesTheRoleWithTheSameId() {
    Role original = role(ACCOUNT, "Worker");
    write(repos -> repos.roles().insert(original));
    Role updated =
        new Role(
            ACCOUNT,
            original.roleId(),
            original.name(),
            original.path(),
            original.assumeRolePolicyDocument().replace("ec2", "lambda"),
            "now described",
            7200,
            "arn:aws:iam::123456789012:policy/Boundary",
            tags("k", "v"),
            original.createDate(),
            at(60),
            "us-east-1");
    write(repos -> repos.roles().update(updated));
    assertThat(read((Repositories repos) -> repos.roles().findById(original.roleId())))
        .contains(updated);
    assertThat(read((Repositories repos) -> repos.roles().findByName(ACCOUNT, "worker")))
        .contains(updated);
    assertThat(read((Repositories repos) -> repos.roles().list(ACCOUNT, "/")))
        .containsExactly(updated);
  }

  @Test
  void updatingARoleThatDoesNotExistFails() {
    assertThatThrownBy(() -> write(repos -> repos.roles().update(role(ACCOUNT, "Ghost"))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(read((Repositories repos) -> repos.roles().list(ACCOUNT, "/"))).isEmpty();
  }

  @Test
  void aRoleIsDeletedByNameInAnyCase() {
    write(
        repos -> {
          repos.roles().insert(role(ACCOUNT, "Doomed"));
          repos.roles().insert(role(OTHER_ACCOUNT, "Doomed"));
        });
    assertThat(store.write((Repositories repos) -> repos.roles().delete(ACCOUNT, "dOOMED")))
        .isTrue();
    assertThat(store.write((Repositories repos) -> repos.roles().delete(ACCOUNT, "Doomed")))
        .isFalse();
    assertThat(read((Repositories repos) -> repos.roles().findByName(ACCOUNT, "Doomed"))).isEmpty();
    assertThat(read((Repositories repos) -> repos.roles().findByName(OTHER_ACCOUNT, "Doomed")))
        .isPresent();
    // the name is free again
    write(repos -> repos.roles().insert(role(ACCOUNT, "doomed")));
  }

  // ---------------------------------------------------------------- users

  @Test
  void aUserRoundTripsAndIsFoundByNameInAnyCaseAndById() {
    User full =
        new User(
            ACCOUNT,
            "AIDAFULL0000000001",
            "Alice.Smith@corp",
            "/people/",
            "arn:aws:iam::123456789012:policy/B",
            tags("cost-center", "42", "owner", "Ålice"),
            T0);
    write(repos -> repos.users().insert(full));
    assertThat(read((Repositories repos) -> repos.users().findById("AIDAFULL0000000001")))
        .contains(full);
    assertThat(read((Repositories repos) -> repos.users().findByName(ACCOUNT, "alice.smith@CORP")))
        .contains(full);
    assertThat(
            read(
                (Repositories repos) ->
                    repos.users().findByName(OTHER_ACCOUNT, "Alice.Smith@corp")))
        .isEmpty();
    assertThat(read((Repositories repos) -> repos.users().findById("AIDANOSUCHUSER"))).isEmpty();
  }

  @Test
  void usersAreListedByNameAndFilteredByPathPrefix() {
    List<String> names = List.of("carol", "Bob", "alice", "ALBERT", "a.b", "a-b");
    write(
        repos -> {
          for (int i = 0; i < names.size(); i++) {
            repos
                .users()
                .insert(user(ACCOUNT, names.get(i), i % 2 == 0 ? "/staff/" : "/contractors/"));
          }
          repos.users().insert(user(OTHER_ACCOUNT, "zed"));
        });
    List<String> expected = new ArrayList<>(names);
    expected.sort(NAME_ORDER);
    assertThat(read((Repositories repos) -> repos.users().list(ACCOUNT, "/")))
        .extracting(User::name)
        .containsExactlyElementsOf(expected);
    assertThat(read((Repositories repos) -> repos.users().list(ACCOUNT, "/staff/")))
        .extracting(User::name)
        .containsExactlyElementsOf(
            expected.stream().filter(n -> names.indexOf(n) % 2 == 0).toList());
    assertThat(read((Repositories repos) -> repos.users().list(ACCOUNT, "/contractors/")))
        .extracting(User::name)
        .containsExactlyElementsOf(
            expected.stream().filter(n -> names.indexOf(n) % 2 == 1).toList());
  }

  @Test
  void aUserUpdateReplacesTheUserWithTheSameIdIncludingItsName() {
    User original = user(ACCOUNT, "temp");
    write(
        repos -> {
          repos.users().insert(original);
          repos.users().insert(user(ACCOUNT, "Taken"));
        });
    User renamed =
        new User(
            ACCOUNT,
            original.userId(),
            "permanent",
            "/moved/",
            "arn:aws:iam::123456789012:policy/B",
            tags("a", "b"),
            T0);
    write(repos -> repos.users().update(renamed));
    assertThat(read((Repositories repos) -> repos.users().findById(original.userId())))
        .contains(renamed);
    assertThat(read((Repositories repos) -> repos.users().findByName(ACCOUNT, "PERMANENT")))
        .contains(renamed);
    assertThat(read((Repositories repos) -> repos.users().findByName(ACCOUNT, "temp"))).isEmpty();

    User clash = new User(ACCOUNT, original.userId(), "TAKEN", "/", null, List.of(), T0);
    assertThatThrownBy(() -> write(repos -> repos.users().update(clash)))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(read((Repositories repos) -> repos.users().findById(original.userId())))
        .contains(renamed);

    assertThatThrownBy(() -> write(repos -> repos.users().update(user(ACCOUNT, "ghost"))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aUserIsDeletedByNameInAnyCase() {
    write(repos -> repos.users().insert(user(ACCOUNT, "Leaving")));
    assertThat(store.write((Repositories repos) -> repos.users().delete(ACCOUNT, "leaving")))
        .isTrue();
    assertThat(store.write((Repositories repos) -> repos.users().delete(ACCOUNT, "leaving")))
        .isFalse();
    assertThat(read((Repositories repos) -> repos.users().list(ACCOUNT, "/"))).isEmpty();
  }

  // ---------------------------------------------------------------- access keys

  @Test
  void anAccessKeyRoundTrips() {
    byte[] secret = new byte[] {0, 1, 2, (byte) 0xff, 0, 42};
    AccessKey userKey = new AccessKey("AKIAUSERKEY000000001", ACCOUNT, "alice", secret, true, T0);
    AccessKey rootKey = new AccessKey("AKIAROOTKEY000000001", ACCOUNT, null, secret, false, at(1));
    write(
        repos -> {
          repos.accessKeys().insert(userKey);
          repos.accessKeys().insert(rootKey);
        });
    AccessKey found = read(repos -> repos.accessKeys().find("AKIAUSERKEY000000001")).orElseThrow();
    assertThat(found.accountId()).isEqualTo(ACCOUNT);
    assertThat(found.userName()).isEqualTo("alice");
    assertThat(found.encryptedSecret()).isEqualTo(secret);
    assertThat(found.active()).isTrue();
    assertThat(found.createDate()).isEqualTo(T0);
    AccessKey root = read(repos -> repos.accessKeys().find("AKIAROOTKEY000000001")).orElseThrow();
    assertThat(root.isRoot()).isTrue();
    assertThat(root.active()).isFalse();
    assertThat(root.encryptedSecret()).isEqualTo(secret);
    assertThat(root.createDate()).isEqualTo(at(1));
    assertThat(read((Repositories repos) -> repos.accessKeys().find("AKIANOSUCHKEY0000000")))
        .isEmpty();
  }

  @Test
  void accessKeysAreListedPerUserAndForRootByCreateDate() {
    write(
        repos -> {
          repos.accessKeys().insert(key("AKIAALICE00000000002", ACCOUNT, "alice", at(20)));
          repos.accessKeys().insert(key("AKIAALICE00000000001", ACCOUNT, "alice", at(10)));
          repos.accessKeys().insert(key("AKIABOB0000000000001", ACCOUNT, "bob", at(5)));
          repos.accessKeys().insert(key("AKIAROOT000000000002", ACCOUNT, null, at(30)));
          repos.accessKeys().insert(key("AKIAROOT000000000001", ACCOUNT, null, at(1)));
          repos.accessKeys().insert(key("AKIAOTHERROOT0000001", OTHER_ACCOUNT, null, at(1)));
          repos.accessKeys().insert(key("AKIAOTHERALICE000001", OTHER_ACCOUNT, "alice", at(1)));
        });
    assertThat(listKeys(ACCOUNT, "alice"))
        .containsExactly("AKIAALICE00000000001", "AKIAALICE00000000002");
    assertThat(listKeys(ACCOUNT, "ALICE"))
        .containsExactly("AKIAALICE00000000001", "AKIAALICE00000000002");
    assertThat(listKeys(ACCOUNT, "bob")).containsExactly("AKIABOB0000000000001");
    assertThat(listKeys(ACCOUNT, null))
        .containsExactly("AKIAROOT000000000001", "AKIAROOT000000000002");
    assertThat(listKeys(OTHER_ACCOUNT, null)).containsExactly("AKIAOTHERROOT0000001");
    assertThat(listKeys(ACCOUNT, "carol")).isEmpty();
  }

  private List<String> listKeys(String accountId, String userName) {
    return read(
        (Repositories repos) ->
            repos.accessKeys().listForUser(accountId, userName).stream()
                .map(AccessKey::accessKeyId)
                .toList());
  }

  @Test
  void anAccessKeyIsDeactivatedReactivatedAndDeleted() {
    write(repos -> repos.accessKeys().insert(key("AKIATOGGLE0000000001", ACCOUNT, "alice", T0)));
    write(repos -> repos.accessKeys().setActive("AKIATOGGLE0000000001", false));
    assertThat(read((Repositories repos) -> repos.accessKeys().find("AKIATOGGLE0000000001")))
        .get()
        .extracting(AccessKey::active)
        .isEqualTo(false);
    write(repos -> repos.accessKeys().setActive("AKIATOGGLE0000000001", true));
    assertThat(read((Repositories repos) -> repos.accessKeys().find("AKIATOGGLE0000000001")))
        .get()
        .extracting(AccessKey::active)
        .isEqualTo(true);
    assertThatThrownBy(
            () -> write(repos -> repos.accessKeys().setActive("AKIANOSUCHKEY0000000", false)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(
            store.write((Repositories repos) -> repos.accessKeys().delete("AKIATOGGLE0000000001")))
        .isTrue();
    assertThat(
            store.write((Repositories repos) -> repos.accessKeys().delete("AKIATOGGLE0000000001")))
        .isFalse();
    assertThat(listKeys(ACCOUNT, "alice")).isEmpty();
  }

  @Test
  void anAccessKeysLastUseIsRecordedAndReplaced() {
    write(repos -> repos.accessKeys().insert(key("AKIAUSED000000000001", ACCOUNT, "alice", T0)));
    assertThat(read((Repositories repos) -> repos.accessKeys().lastUsed("AKIAUSED000000000001")))
        .isEmpty();
    write(
        repos ->
            repos
                .accessKeys()
                .recordUse("AKIAUSED000000000001", new AccessKeyUse(at(60), "iam", "us-east-1")));
    assertThat(read((Repositories repos) -> repos.accessKeys().lastUsed("AKIAUSED000000000001")))
        .contains(new AccessKeyUse(at(60), "iam", "us-east-1"));
    write(
        repos ->
            repos
                .accessKeys()
                .recordUse("AKIAUSED000000000001", new AccessKeyUse(at(120), "sts", "eu-west-1")));
    assertThat(read((Repositories repos) -> repos.accessKeys().lastUsed("AKIAUSED000000000001")))
        .contains(new AccessKeyUse(at(120), "sts", "eu-west-1"));
    write(
        repos ->
            repos
                .accessKeys()
                .recordUse("AKIANOSUCHKEY0000000", new AccessKeyUse(at(120), "sts", "eu-west-1")));
    assertThat(read((Repositories repos) -> repos.accessKeys().lastUsed("AKIANOSUCHKEY0000000")))
        .isEmpty();
    assertThat(read((Repositories repos) -> repos.accessKeys().find("AKIAUSED000000000001")))
        .get()
        .extracting(AccessKey::active)
        .isEqualTo(true);
  }

  @Test
  void renamingAUsersKeysMovesOnlyThatUsersKeysInItsAccount() {
    write(
        repos -> {
          repos.accessKeys().insert(key("AKIAALICE00000000001", ACCOUNT, "alice", at(1)));
          repos.accessKeys().insert(key("AKIABOB0000000000001", ACCOUNT, "bob", at(1)));
          repos.accessKeys().insert(key("AKIAOTHERALICE000001", OTHER_ACCOUNT, "alice", at(1)));
        });
    write(repos -> repos.accessKeys().renameUser(ACCOUNT, "ALICE", "Alicia"));
    assertThat(listKeys(ACCOUNT, "alice")).isEmpty();
    assertThat(listKeys(ACCOUNT, "alicia")).containsExactly("AKIAALICE00000000001");
    assertThat(read((Repositories repos) -> repos.accessKeys().find("AKIAALICE00000000001")))
        .get()
        .extracting(AccessKey::userName)
        .isEqualTo("Alicia");
    assertThat(listKeys(ACCOUNT, "bob")).containsExactly("AKIABOB0000000000001");
    assertThat(listKeys(OTHER_ACCOUNT, "alice")).containsExactly("AKIAOTHERALICE000001");
  }

  @Test
  void aLoginProfileIsInsertedOncePerUserUpdatedRenamedAndDeleted() {
    write(
        repos ->
            repos.loginProfiles().insert(new LoginProfile(ACCOUNT, "alice", "hash-1", true, T0)));
    assertThatThrownBy(
            () ->
                write(
                    repos ->
                        repos
                            .loginProfiles()
                            .insert(new LoginProfile(ACCOUNT, "ALICE", "hash-2", false, T0))))
        .isInstanceOf(DuplicateKeyException.class);
    write(
        repos ->
            repos
                .loginProfiles()
                .insert(new LoginProfile(OTHER_ACCOUNT, "alice", "hash-3", false, T0)));
    assertThat(read((Repositories repos) -> repos.loginProfiles().find(ACCOUNT, "Alice")))
        .get()
        .satisfies(
            p -> {
              assertThat(p.passwordHash()).isEqualTo("hash-1");
              assertThat(p.passwordResetRequired()).isTrue();
              assertThat(p.createDate()).isEqualTo(T0);
            });
    write(
        repos ->
            repos.loginProfiles().update(new LoginProfile(ACCOUNT, "alice", "hash-4", false, T0)));
    write(repos -> repos.loginProfiles().renameUser(ACCOUNT, "alice", "Alicia"));
    assertThat(read((Repositories repos) -> repos.loginProfiles().find(ACCOUNT, "alice")))
        .isEmpty();
    assertThat(read((Repositories repos) -> repos.loginProfiles().find(ACCOUNT, "alicia")))
        .get()
        .extracting(
            LoginProfile::userName, LoginProfile::passwordHash, LoginProfile::passwordResetRequired)
        .containsExactly("Alicia", "hash-4", false);
    assertThatThrownBy(
            () ->
                write(
                    repos ->
                        repos
                            .loginProfiles()
                            .update(new LoginProfile(ACCOUNT, "bob", "h", false, T0))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.write((Repositories repos) -> repos.loginProfiles().delete(ACCOUNT, "ALICIA")))
        .isTrue();
    assertThat(store.write((Repositories repos) -> repos.loginProfiles().delete(ACCOUNT, "alicia")))
        .isFalse();
    assertThat(read((Repositories repos) -> repos.loginProfiles().find(OTHER_ACCOUNT, "alice")))
        .isPresent();
  }

  @Test
  void anAccountPasswordPolicyIsPutReplacedAndDeleted() {
    write(repos -> repos.accounts().insert(account(ACCOUNT)));
    assertThat(read((Repositories repos) -> repos.accounts().passwordPolicy(ACCOUNT))).isEmpty();
    PasswordPolicy strict = new PasswordPolicy(14, true, true, true, true, true, 90, 24, true);
    write(repos -> repos.accounts().putPasswordPolicy(ACCOUNT, strict));
    assertThat(read((Repositories repos) -> repos.accounts().passwordPolicy(ACCOUNT)))
        .contains(strict);
    PasswordPolicy lax = new PasswordPolicy(6, false, false, false, false, false, 0, 0, false);
    write(repos -> repos.accounts().putPasswordPolicy(ACCOUNT, lax));
    assertThat(read((Repositories repos) -> repos.accounts().passwordPolicy(ACCOUNT)))
        .contains(lax);
    assertThat(store.write((Repositories repos) -> repos.accounts().deletePasswordPolicy(ACCOUNT)))
        .isTrue();
    assertThat(store.write((Repositories repos) -> repos.accounts().deletePasswordPolicy(ACCOUNT)))
        .isFalse();
  }

  @Test
  void anAccountsQuotasAreSetReplacedAndRemovedAndEntitiesCounted() {
    write(
        repos -> {
          repos.accounts().insert(account(ACCOUNT));
          repos.accounts().insert(account(OTHER_ACCOUNT));
        });
    assertThat(read((Repositories repos) -> repos.accounts().quotas(ACCOUNT))).isEmpty();
    write(repos -> repos.accounts().putQuota(ACCOUNT, "RolesPerAccount", 2));
    write(repos -> repos.accounts().putQuota(ACCOUNT, "RolesPerAccount", 3));
    write(repos -> repos.accounts().putQuota(ACCOUNT, "PolicySize", 100));
    assertThat(read((Repositories repos) -> repos.accounts().quotas(ACCOUNT)))
        .containsExactly(
            java.util.Map.entry("PolicySize", 100), java.util.Map.entry("RolesPerAccount", 3));
    assertThat(read((Repositories repos) -> repos.accounts().quotas(OTHER_ACCOUNT))).isEmpty();
    write(repos -> repos.accounts().putQuota(ACCOUNT, "PolicySize", null));
    assertThat(read((Repositories repos) -> repos.accounts().quotas(ACCOUNT)))
        .containsOnlyKeys("RolesPerAccount");

    write(
        repos -> {
          repos.roles().insert(role(ACCOUNT, "a"));
          repos.roles().insert(role(ACCOUNT, "b"));
          repos.roles().insert(role(OTHER_ACCOUNT, "a"));
          repos.users().insert(user(ACCOUNT, "u"));
        });
    assertThat(
            read(
                (Repositories repos) ->
                    repos.accounts().count(ACCOUNT, AccountRepository.Counted.ROLES)))
        .isEqualTo(2);
    assertThat(
            read(
                (Repositories repos) ->
                    repos.accounts().count(OTHER_ACCOUNT, AccountRepository.Counted.ROLES)))
        .isEqualTo(1);
    assertThat(
            read(
                (Repositories repos) ->
                    repos.accounts().count(ACCOUNT, AccountRepository.Counted.USERS)))
        .isEqualTo(1);
    for (AccountRepository.Counted kind : AccountRepository.Counted.values()) {
      assertThat(read((Repositories repos) -> repos.accounts().count("000000000002", kind)))
          .isZero();
    }
  }
}
