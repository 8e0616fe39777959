package dev.rolegate.core.port.contract;

import static dev.rolegate.core.port.contract.Fixtures.ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.OTHER_ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.T0;
import static dev.rolegate.core.port.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import org.junit.jupiter.api.Test;

/** Part of {@link StoreContractTest}: groups and their members. */
public abstract class GroupContract extends MfaContract {
  static Group group(String account, String name, String path) {
    return new Group(
        account, "AGPA" + account + name.toUpperCase(java.util.Locale.ROOT), name, path, T0);
  }

  @Test
  void aGroupRoundTripsAndIsFoundByNameInAnyCase() {
    Group g = group(ACCOUNT, "Admins", "/ops/");
    write(repos -> repos.groups().insert(g));
    assertThat(read((Repositories r) -> r.groups().findByName(ACCOUNT, "aDMINS"))).contains(g);
    assertThat(g.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":group/ops/Admins");
    assertThat(read((Repositories r) -> r.groups().findByName(OTHER_ACCOUNT, "Admins"))).isEmpty();
    assertThatThrownBy(() -> write(repos -> repos.groups().insert(group(ACCOUNT, "ADMINS", "/"))))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessage("Group with name ADMINS already exists.");
    write(
        repos ->
            repos
                .groups()
                .insert(group(OTHER_ACCOUNT, "Admins", "/"))); // another account: no clash
  }

  @Test
  void groupsAreListedByNameAndPathPrefix() {
    write(
        repos -> {
          repos.groups().insert(group(ACCOUNT, "b", "/x/"));
          repos.groups().insert(group(ACCOUNT, "A", "/"));
          repos.groups().insert(group(ACCOUNT, "c", "/x/y/"));
          repos.groups().insert(group(ACCOUNT, "Bb", "/z/"));
          repos.groups().insert(group(OTHER_ACCOUNT, "d", "/"));
        });
    assertThat(read((Repositories r) -> r.groups().list(ACCOUNT, "/")))
        .extracting(Group::name)
        .containsExactly("A", "b", "Bb", "c");
    assertThat(read((Repositories r) -> r.groups().list(ACCOUNT, null)))
        .extracting(Group::name)
        .containsExactly("A", "b", "Bb", "c");
    assertThat(read((Repositories r) -> r.groups().list(ACCOUNT, "/x/")))
        .extracting(Group::name)
        .containsExactly("b", "c");
    assertThat(read((Repositories r) -> r.groups().list(ACCOUNT, "/X/"))).isEmpty();
  }

  @Test
  void membersAreAddedOnceListedByNameAndRemoved() {
    write(
        repos -> {
          repos.groups().insert(group(ACCOUNT, "Devs", "/"));
          repos.groups().insert(group(ACCOUNT, "Ops", "/"));
          repos.users().insert(user(ACCOUNT, "carol"));
          repos.users().insert(user(ACCOUNT, "Bob"));
          repos.users().insert(user(ACCOUNT, "alice"));
        });
    assertThat(store.write((Repositories r) -> r.groups().addMember(ACCOUNT, "devs", "CAROL")))
        .isTrue();
    assertThat(store.write((Repositories r) -> r.groups().addMember(ACCOUNT, "Devs", "carol")))
        .as("already a member")
        .isFalse();
    write(
        repos -> {
          repos.groups().addMember(ACCOUNT, "Devs", "alice");
          repos.groups().addMember(ACCOUNT, "Devs", "bob");
          repos.groups().addMember(ACCOUNT, "Ops", "alice");
        });
    assertThat(read((Repositories r) -> r.groups().listMembers(ACCOUNT, "DEVS")))
        .containsExactly("alice", "Bob", "carol");
    assertThat(read((Repositories r) -> r.groups().listGroupsForUser(ACCOUNT, "ALICE")))
        .extracting(Group::name)
        .containsExactly("Devs", "Ops");
    assertThat(read((Repositories r) -> r.groups().listGroupsForUser(OTHER_ACCOUNT, "alice")))
        .isEmpty();
    assertThat(read((Repositories r) -> r.groups().listMembers(ACCOUNT, "Nobody"))).isEmpty();

    assertThat(store.write((Repositories r) -> r.groups().removeMember(ACCOUNT, "devs", "Alice")))
        .isTrue();
    assertThat(store.write((Repositories r) -> r.groups().removeMember(ACCOUNT, "Devs", "alice")))
        .isFalse();
    assertThat(store.write((Repositories r) -> r.groups().removeMember(ACCOUNT, "Ghost", "alice")))
        .isFalse();
    assertThat(read((Repositories r) -> r.groups().listMembers(ACCOUNT, "Devs")))
        .containsExactly("Bob", "carol");
    assertThat(read((Repositories r) -> r.groups().listGroupsForUser(ACCOUNT, "alice")))
        .extracting(Group::name)
        .containsExactly("Ops");
  }

  @Test
  void addingAMemberNeedsAnExistingGroupAndUser() {
    write(
        repos -> {
          repos.groups().insert(group(ACCOUNT, "Devs", "/"));
          repos.users().insert(user(ACCOUNT, "alice"));
          repos.users().insert(user(OTHER_ACCOUNT, "bob"));
        });
    assertThatThrownBy(() -> write(repos -> repos.groups().addMember(ACCOUNT, "Ghost", "alice")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> write(repos -> repos.groups().addMember(ACCOUNT, "Devs", "ghost")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> write(repos -> repos.groups().addMember(ACCOUNT, "Devs", "bob")))
        .as("a user of another account")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void renamingAGroupKeepsItsIdAndMembersAndClashesAreDuplicates() {
    Group g = group(ACCOUNT, "Devs", "/");
    write(
        repos -> {
          repos.groups().insert(g);
          repos.groups().insert(group(ACCOUNT, "Ops", "/"));
          repos.users().insert(user(ACCOUNT, "alice"));
          repos.groups().addMember(ACCOUNT, "Devs", "alice");
        });
    write(repos -> repos.groups().update(g.renamed("Engineers", "/eng/")));
    assertThat(read((Repositories r) -> r.groups().findByName(ACCOUNT, "Devs"))).isEmpty();
    Group renamed =
        read((Repositories r) -> r.groups().findByName(ACCOUNT, "engineers")).orElseThrow();
    assertThat(renamed.groupId()).isEqualTo(g.groupId());
    assertThat(renamed.path()).isEqualTo("/eng/");
    assertThat(renamed.createDate()).isEqualTo(T0);
    assertThat(read((Repositories r) -> r.groups().listMembers(ACCOUNT, "Engineers")))
        .containsExactly("alice");
    assertThat(read((Repositories r) -> r.groups().listGroupsForUser(ACCOUNT, "alice")))
        .containsExactly(renamed);

    write(
        repos ->
            repos.groups().update(renamed.renamed("ENGINEERS", "/eng/"))); // a change of case only
    assertThat(
            read((Repositories r) -> r.groups().findByName(ACCOUNT, "engineers"))
                .orElseThrow()
                .name())
        .isEqualTo("ENGINEERS");
    assertThatThrownBy(() -> write(repos -> repos.groups().update(renamed.renamed("ops", "/"))))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessage("Group with name ops already exists.");
    assertThatThrownBy(() -> write(repos -> repos.groups().update(group(ACCOUNT, "Ghost", "/"))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void membershipsFollowRenamedUsersAndGoWithDeletedGroupsAndUsers() {
    User alice = user(ACCOUNT, "alice");
    write(
        repos -> {
          repos.groups().insert(group(ACCOUNT, "Devs", "/"));
          repos.groups().insert(group(ACCOUNT, "Ops", "/"));
          repos.users().insert(alice);
          repos.users().insert(user(ACCOUNT, "bob"));
          repos.groups().addMember(ACCOUNT, "Devs", "alice");
          repos.groups().addMember(ACCOUNT, "Ops", "alice");
          repos.groups().addMember(ACCOUNT, "Devs", "bob");
        });
    write(
        repos ->
            repos
                .users()
                .update(
                    new User(
                        alice.accountId(),
                        alice.userId(),
                        "alicia",
                        alice.path(),
                        null,
                        alice.tags(),
                        alice.createDate())));
    assertThat(read((Repositories r) -> r.groups().listMembers(ACCOUNT, "Devs")))
        .containsExactly("alicia", "bob");

    assertThat(store.write((Repositories r) -> r.groups().delete(ACCOUNT, "devs"))).isTrue();
    assertThat(store.write((Repositories r) -> r.groups().delete(ACCOUNT, "Devs"))).isFalse();
    assertThat(read((Repositories r) -> r.groups().listGroupsForUser(ACCOUNT, "bob"))).isEmpty();
    assertThat(read((Repositories r) -> r.groups().listGroupsForUser(ACCOUNT, "alicia")))
        .extracting(Group::name)
        .containsExactly("Ops");

    write(repos -> repos.users().delete(ACCOUNT, "alicia"));
    assertThat(read((Repositories r) -> r.groups().listMembers(ACCOUNT, "Ops"))).isEmpty();
    // a new group of a deleted group's name starts empty
    write(repos -> repos.groups().insert(group(ACCOUNT, "Devs", "/")));
    assertThat(read((Repositories r) -> r.groups().listMembers(ACCOUNT, "Devs"))).isEmpty();
  }

  @Test
  void wipeDeletesGroupsAndMemberships() {
    write(
        repos -> {
          repos.groups().insert(group(ACCOUNT, "Devs", "/"));
          repos.users().insert(user(ACCOUNT, "alice"));
          repos.groups().addMember(ACCOUNT, "Devs", "alice");
        });
    store.wipe();
    assertThat(read((Repositories r) -> r.groups().list(ACCOUNT, "/"))).isEmpty();
    write(
        repos -> {
          repos.groups().insert(group(ACCOUNT, "Devs", "/"));
          repos.users().insert(user(ACCOUNT, "alice"));
        });
    assertThat(read((Repositories r) -> r.groups().listMembers(ACCOUNT, "Devs"))).isEmpty();
  }
}
