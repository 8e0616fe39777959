package dev.rolegate.core.port.contract;

import static dev.rolegate.core.port.contract.Fixtures.ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.DOCUMENT;
import static dev.rolegate.core.port.contract.Fixtures.OTHER_ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.T0;
import static dev.rolegate.core.port.contract.Fixtures.at;
import static dev.rolegate.core.port.contract.Fixtures.policy;
import static dev.rolegate.core.port.contract.Fixtures.role;
import static dev.rolegate.core.port.contract.Fixtures.tags;
import static dev.rolegate.core.port.contract.Fixtures.user;
import static dev.rolegate.core.port.contract.Fixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PolicyVersion;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.AttachmentRepository;
import dev.rolegate.core.port.Repositories;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Part of {@link StoreContractTest}: managed policies and their versions, inline policies,
 * attachments.
 */
public abstract class PolicyContract extends IdentityContract {
  // ---------------------------------------------------------------- managed policies

  @Test
  void aManagedPolicyRoundTripsAndIsFoundByArn() {
    ManagedPolicy full =
        new ManagedPolicy(
            ACCOUNT,
            "ANPAFULL0000000001",
            "ReadOnly",
            "/team/",
            "Reads, only",
            "v3",
            4,
            tags("a", "1", "b", "2"),
            T0,
            at(99));
    write(repos -> repos.managedPolicies().insert(full));
    assertThat(full.arn()).isEqualTo("arn:aws:iam::123456789012:policy/team/ReadOnly");
    assertThat(read((Repositories repos) -> repos.managedPolicies().findByArn(full.arn())))
        .contains(full);
    assertThat(
            read(
                (Repositories repos) ->
                    repos.managedPolicies().findByArn("arn:aws:iam::123456789012:policy/ReadOnly")))
        .isEmpty();
    assertThat(
            read(
                (Repositories repos) ->
                    repos
                        .managedPolicies()
                        .findByArn("arn:aws:iam::210987654321:policy/team/ReadOnly")))
        .isEmpty();
  }

  @Test
  void managedPoliciesAreListedByNameAndFilteredByPathPrefix() {
    write(
        repos -> {
          repos.managedPolicies().insert(policy(ACCOUNT, "s3-write", "/data/"));
          repos.managedPolicies().insert(policy(ACCOUNT, "Admin", "/"));
          repos.managedPolicies().insert(policy(ACCOUNT, "S3-Read", "/data/"));
          repos.managedPolicies().insert(policy(ACCOUNT, "billing", "/finance/"));
          repos.managedPolicies().insert(policy(OTHER_ACCOUNT, "Elsewhere", "/"));
        });
    assertThat(read((Repositories repos) -> repos.managedPolicies().list(ACCOUNT, "/")))
        .extracting(ManagedPolicy::name)
        .containsExactly("Admin", "billing", "S3-Read", "s3-write");
    assertThat(read((Repositories repos) -> repos.managedPolicies().list(ACCOUNT, "/data/")))
        .extracting(ManagedPolicy::name)
        .containsExactly("S3-Read", "s3-write");
    assertThat(read((Repositories repos) -> repos.managedPolicies().list(OTHER_ACCOUNT, "/")))
        .extracting(ManagedPolicy::name)
        .containsExactly("Elsewhere");
  }

  @Test
  void aManagedPolicyUpdateReplacesItsMutableFields() {
    ManagedPolicy original = policy(ACCOUNT, "Evolving");
    write(repos -> repos.managedPolicies().insert(original));
    ManagedPolicy updated =
        new ManagedPolicy(
            ACCOUNT,
            original.policyId(),
            "Evolving",
            "/",
            "described",
            "v2",
            3,
            tags("t", "v"),
            T0,
            at(10));
    write(repos -> repos.managedPolicies().update(updated));
    assertThat(read((Repositories repos) -> repos.managedPolicies().findByArn(original.arn())))
        .contains(updated);
    assertThatThrownBy(
            () -> write(repos -> repos.managedPolicies().update(policy(ACCOUNT, "Ghost"))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void policyVersionsAreListedNewestFirstAndFoundAndDeletedById() {
    ManagedPolicy policy = policy(ACCOUNT, "Versioned");
    ManagedPolicy other = policy(ACCOUNT, "Other");
    write(
        repos -> {
          repos.managedPolicies().insert(policy);
          repos.managedPolicies().insert(other);
          repos.managedPolicies().insertVersion(version(policy, "v1", at(1)));
          repos.managedPolicies().insertVersion(version(policy, "v2", at(2)));
          repos.managedPolicies().insertVersion(version(other, "v1", at(1)));
        });
    write(repos -> repos.managedPolicies().insertVersion(version(policy, "v3", at(3))));
    assertThat(versions(policy)).containsExactly("v3", "v2", "v1");
    assertThat(versions(other)).containsExactly("v1");
    assertThat(
            read((Repositories repos) -> repos.managedPolicies().findVersion(policy.arn(), "v2")))
        .contains(version(policy, "v2", at(2)));
    assertThat(
            read((Repositories repos) -> repos.managedPolicies().findVersion(policy.arn(), "v9")))
        .isEmpty();

    assertThat(
            store.write(
                (Repositories repos) -> repos.managedPolicies().deleteVersion(policy.arn(), "v2")))
        .isTrue();
    assertThat(
            store.write(
                (Repositories repos) -> repos.managedPolicies().deleteVersion(policy.arn(), "v2")))
        .isFalse();
    assertThat(versions(policy)).containsExactly("v3", "v1");
    assertThat(versions(other)).containsExactly("v1");
  }

  @Test
  void policyVersionsCreatedInTheSameMillisecondAreListedNewestInsertedFirst() {
    ManagedPolicy policy = policy(ACCOUNT, "Fast");
    write(
        repos -> {
          repos.managedPolicies().insert(policy);
          for (int v = 1; v <= 5; v++) {
            repos.managedPolicies().insertVersion(version(policy, "v" + v, T0));
          }
        });
    assertThat(versions(policy)).containsExactly("v5", "v4", "v3", "v2", "v1");
  }

  @Test
  void deletingAManagedPolicyDeletesItsVersions() {
    ManagedPolicy policy = policy(ACCOUNT, "Doomed");
    write(
        repos -> {
          repos.managedPolicies().insert(policy);
          repos.managedPolicies().insertVersion(version(policy, "v1", at(1)));
          repos.managedPolicies().insertVersion(version(policy, "v2", at(2)));
        });
    assertThat(store.write((Repositories repos) -> repos.managedPolicies().delete(policy.arn())))
        .isTrue();
    assertThat(store.write((Repositories repos) -> repos.managedPolicies().delete(policy.arn())))
        .isFalse();
    assertThat(read((Repositories repos) -> repos.managedPolicies().findByArn(policy.arn())))
        .isEmpty();
    assertThat(versions(policy)).isEmpty();
    // a new policy of the same name starts without versions, and may reuse the version ids
    write(
        repos -> {
          repos.managedPolicies().insert(policy);
          repos.managedPolicies().insertVersion(version(policy, "v1", at(5)));
        });
    assertThat(versions(policy)).containsExactly("v1");
  }

  private List<String> versions(ManagedPolicy policy) {
    return read(
        (Repositories repos) ->
            repos.managedPolicies().listVersions(policy.arn()).stream()
                .map(PolicyVersion::versionId)
                .toList());
  }

  // ---------------------------------------------------------------- inline policies

  @Test
  void anInlinePolicyIsPutFoundReplacedAndDeleted() {
    InlinePolicy first =
        new InlinePolicy(ACCOUNT, PrincipalType.ROLE, "Worker", "S3Access", DOCUMENT);
    write(repos -> repos.inlinePolicies().put(first));
    assertThat(
            read(
                (Repositories repos) ->
                    repos.inlinePolicies().find(ACCOUNT, PrincipalType.ROLE, "Worker", "S3Access")))
        .contains(first);

    InlinePolicy replaced =
        new InlinePolicy(
            ACCOUNT, PrincipalType.ROLE, "Worker", "S3Access", DOCUMENT.replace("s3:*", "s3:Get*"));
    write(repos -> repos.inlinePolicies().put(replaced));
    assertThat(
            read(
                (Repositories repos) ->
                    repos.inlinePolicies().list(ACCOUNT, PrincipalType.ROLE, "Worker")))
        .containsExactly(replaced);

    assertThat(
            read(
                (Repositories repos) ->
                    repos.inlinePolicies().find(ACCOUNT, PrincipalType.ROLE, "Worker", "s3access")))
        .isEmpty();
    assertThat(
            read(
                (Repositories repos) ->
                    repos.inlinePolicies().find(ACCOUNT, PrincipalType.USER, "Worker", "S3Access")))
        .isEmpty();
    assertThat(
            read(
                (Repositories repos) ->
                    repos
                        .inlinePolicies()
                        .find(OTHER_ACCOUNT, PrincipalType.ROLE, "Worker", "S3Access")))
        .isEmpty();

    assertThat(
            store.write(
                (Repositories repos) ->
                    repos
                        .inlinePolicies()
                        .delete(ACCOUNT, PrincipalType.ROLE, "Worker", "s3access")))
        .isFalse();
    assertThat(
            store.write(
                (Repositories repos) ->
                    repos
                        .inlinePolicies()
                        .delete(ACCOUNT, PrincipalType.ROLE, "Worker", "S3Access")))
        .isTrue();
    assertThat(
            read(
                (Repositories repos) ->
                    repos.inlinePolicies().list(ACCOUNT, PrincipalType.ROLE, "Worker")))
        .isEmpty();
  }

  @Test
  void inlinePolicyNamesAreCaseSensitiveAndListedByName() {
    write(
        repos -> {
          for (String name : List.of("beta", "Alpha", "alpha", "Beta", "_under", "123")) {
            repos
                .inlinePolicies()
                .put(new InlinePolicy(ACCOUNT, PrincipalType.USER, "bob", name, DOCUMENT));
          }
          repos
              .inlinePolicies()
              .put(new InlinePolicy(ACCOUNT, PrincipalType.GROUP, "bob", "GroupPolicy", DOCUMENT));
          repos
              .inlinePolicies()
              .put(new InlinePolicy(ACCOUNT, PrincipalType.USER, "carol", "CarolPolicy", DOCUMENT));
        });
    List<String> expected =
        new ArrayList<>(List.of("beta", "Alpha", "alpha", "Beta", "_under", "123"));
    expected.sort(Comparator.naturalOrder());
    assertThat(
            read(
                (Repositories repos) ->
                    repos.inlinePolicies().list(ACCOUNT, PrincipalType.USER, "bob")))
        .extracting(InlinePolicy::name)
        .containsExactlyElementsOf(expected);
    assertThat(
            read(
                (Repositories repos) ->
                    repos.inlinePolicies().list(ACCOUNT, PrincipalType.GROUP, "bob")))
        .extracting(InlinePolicy::name)
        .containsExactly("GroupPolicy");
    // owners are named like users, groups and roles: without regard to case
    assertThat(
            read(
                (Repositories repos) ->
                    repos.inlinePolicies().list(ACCOUNT, PrincipalType.USER, "CAROL")))
        .extracting(InlinePolicy::name)
        .containsExactly("CarolPolicy");
  }

  // ---------------------------------------------------------------- attachments

  @Test
  void attachmentsAreIdempotentAndListedInAttachmentOrder() {
    String a = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    String b = "arn:aws:iam::123456789012:policy/Custom";
    String c = "arn:aws:iam::aws:policy/AdministratorAccess";
    write(
        repos -> {
          repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "Worker", c);
          repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "Worker", a);
          repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "Worker", c);
        });
    write(repos -> repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "Worker", b));
    write(repos -> repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "worker", a));
    assertThat(attached(PrincipalType.ROLE, "Worker")).containsExactly(c, a, b);
    assertThat(attached(PrincipalType.ROLE, "WORKER")).containsExactly(c, a, b);
    assertThat(attached(PrincipalType.USER, "Worker")).isEmpty();

    assertThat(
            store.write(
                (Repositories repos) ->
                    repos.attachments().detach(ACCOUNT, PrincipalType.ROLE, "Worker", c)))
        .isTrue();
    assertThat(
            store.write(
                (Repositories repos) ->
                    repos.attachments().detach(ACCOUNT, PrincipalType.ROLE, "Worker", c)))
        .isFalse();
    assertThat(attached(PrincipalType.ROLE, "Worker")).containsExactly(a, b);
    // attached again: last in the order
    write(repos -> repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "Worker", c));
    assertThat(attached(PrincipalType.ROLE, "Worker")).containsExactly(a, b, c);
  }

  @Test
  void attachmentsAreCountedPerPolicyAcrossUsersGroupsAndRolesOfTheAccount() {
    String policy = "arn:aws:iam::123456789012:policy/Shared";
    String other = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    write(
        repos -> {
          repos.attachments().attach(ACCOUNT, PrincipalType.USER, "alice", policy);
          repos.attachments().attach(ACCOUNT, PrincipalType.USER, "alice", policy);
          repos.attachments().attach(ACCOUNT, PrincipalType.GROUP, "devs", policy);
          repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "Worker", policy);
          repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "alice", policy);
          repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "Worker", other);
          repos.attachments().attach(OTHER_ACCOUNT, PrincipalType.ROLE, "Worker", policy);
        });
    assertThat(read((Repositories repos) -> repos.attachments().count(ACCOUNT, policy)))
        .isEqualTo(4);
    assertThat(read((Repositories repos) -> repos.attachments().count(ACCOUNT, other)))
        .isEqualTo(1);
    assertThat(read((Repositories repos) -> repos.attachments().count(OTHER_ACCOUNT, policy)))
        .isEqualTo(1);
    assertThat(
            read(
                (Repositories repos) ->
                    repos.attachments().count(ACCOUNT, "arn:aws:iam::aws:policy/Nothing")))
        .isZero();
  }

  @Test
  void detachAllRemovesEveryAttachmentOfThatOwnerOnly() {
    String p1 = "arn:aws:iam::123456789012:policy/P1";
    String p2 = "arn:aws:iam::123456789012:policy/P2";
    write(
        repos -> {
          repos.attachments().attach(ACCOUNT, PrincipalType.USER, "alice", p1);
          repos.attachments().attach(ACCOUNT, PrincipalType.USER, "alice", p2);
          repos.attachments().attach(ACCOUNT, PrincipalType.USER, "bob", p1);
          repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "alice", p1);
          repos.attachments().attach(OTHER_ACCOUNT, PrincipalType.USER, "alice", p1);
        });
    write(repos -> repos.attachments().detachAll(ACCOUNT, PrincipalType.USER, "Alice"));
    assertThat(attached(PrincipalType.USER, "alice")).isEmpty();
    assertThat(attached(PrincipalType.USER, "bob")).containsExactly(p1);
    assertThat(attached(PrincipalType.ROLE, "alice")).containsExactly(p1);
    assertThat(
            read(
                (Repositories repos) ->
                    repos.attachments().list(OTHER_ACCOUNT, PrincipalType.USER, "alice")))
        .containsExactly(p1);
    assertThat(read((Repositories repos) -> repos.attachments().count(ACCOUNT, p1))).isEqualTo(2);
    write(repos -> repos.attachments().detachAll(ACCOUNT, PrincipalType.USER, "nobody"));
  }

  @Test
  void theOwnersOfAPolicyAreListedByTypeAndThenNameAsAttached() {
    String policy = "arn:aws:iam::123456789012:policy/Shared";
    String other = "arn:aws:iam::123456789012:policy/Other";
    write(
        repos -> {
          repos.attachments().attach(ACCOUNT, PrincipalType.USER, "bob", policy);
          repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "Worker", policy);
          repos.attachments().attach(ACCOUNT, PrincipalType.USER, "Alice", policy);
          repos.attachments().attach(ACCOUNT, PrincipalType.GROUP, "devs", policy);
          repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "admin", policy);
          repos.attachments().attach(ACCOUNT, PrincipalType.USER, "carol", other);
          repos.attachments().attach(OTHER_ACCOUNT, PrincipalType.USER, "dave", policy);
        });
    assertThat(read((Repositories repos) -> repos.attachments().listOwners(ACCOUNT, policy)))
        .containsExactly(
            new AttachmentRepository.Owner(PrincipalType.GROUP, "devs"),
            new AttachmentRepository.Owner(PrincipalType.ROLE, "admin"),
            new AttachmentRepository.Owner(PrincipalType.ROLE, "Worker"),
            new AttachmentRepository.Owner(PrincipalType.USER, "Alice"),
            new AttachmentRepository.Owner(PrincipalType.USER, "bob"));
    assertThat(read((Repositories repos) -> repos.attachments().listOwners(OTHER_ACCOUNT, policy)))
        .containsExactly(new AttachmentRepository.Owner(PrincipalType.USER, "dave"));
    assertThat(
            read(
                (Repositories repos) ->
                    repos.attachments().listOwners(ACCOUNT, "arn:aws:iam::aws:policy/Nothing")))
        .isEmpty();
    // detached: no longer an owner
    write(repos -> repos.attachments().detach(ACCOUNT, PrincipalType.USER, "BOB", policy));
    assertThat(read((Repositories repos) -> repos.attachments().listOwners(ACCOUNT, policy)))
        .extracting(AttachmentRepository.Owner::name)
        .containsExactly("devs", "admin", "Worker", "Alice");
  }

  @Test
  void rolesAndUsersAreCountedPerPermissionsBoundaryAndAccount() {
    String boundary = "arn:aws:iam::123456789012:policy/Boundary";
    String aws = "arn:aws:iam::aws:policy/PowerUserAccess";
    write(
        repos -> {
          repos.roles().insert(withBoundary(role(ACCOUNT, "r1"), boundary));
          repos.roles().insert(withBoundary(role(ACCOUNT, "r2"), boundary));
          repos.roles().insert(withBoundary(role(ACCOUNT, "r3"), aws));
          repos.roles().insert(role(ACCOUNT, "r4"));
          repos.roles().insert(withBoundary(role(OTHER_ACCOUNT, "r1"), boundary));
          repos.users().insert(withBoundary(user(ACCOUNT, "u1"), boundary));
          repos.users().insert(withBoundary(user(ACCOUNT, "u2"), aws));
          repos.users().insert(user(ACCOUNT, "u3"));
        });
    read(
        repos -> {
          assertThat(repos.roles().countWithBoundary(ACCOUNT, boundary)).isEqualTo(2);
          assertThat(repos.roles().countWithBoundary(ACCOUNT, aws)).isEqualTo(1);
          assertThat(repos.roles().countWithBoundary(OTHER_ACCOUNT, boundary)).isEqualTo(1);
          assertThat(
                  repos
                      .roles()
                      .countWithBoundary(ACCOUNT, boundary.toLowerCase(java.util.Locale.ROOT)))
              .isZero();
          assertThat(repos.users().countWithBoundary(ACCOUNT, boundary)).isEqualTo(1);
          assertThat(repos.users().countWithBoundary(ACCOUNT, aws)).isEqualTo(1);
          assertThat(repos.users().countWithBoundary(OTHER_ACCOUNT, boundary)).isZero();
          return null;
        });
    // the boundary removed: no longer counted
    write(repos -> repos.roles().update(withBoundary(role(ACCOUNT, "r1"), null)));
    assertThat(read((Repositories repos) -> repos.roles().countWithBoundary(ACCOUNT, boundary)))
        .isEqualTo(1);
  }

  private static Role withBoundary(Role r, String boundary) {
    return new Role(
        r.accountId(),
        r.roleId(),
        r.name(),
        r.path(),
        r.assumeRolePolicyDocument(),
        r.description(),
        r.maxSessionDuration(),
        boundary,
        r.tags(),
        r.createDate(),
        r.lastUsedDate(),
        r.lastUsedRegion());
  }

  private static User withBoundary(User u, String boundary) {
    return new User(
        u.accountId(), u.userId(), u.name(), u.path(), boundary, u.tags(), u.createDate());
  }

  private List<String> attached(PrincipalType type, String owner) {
    return read((Repositories repos) -> repos.attachments().list(ACCOUNT, type, owner));
  }

  @Test
  void renamingAnOwnerMovesItsInlinePoliciesAndAttachmentsInOrderAndNothingElse() {
    String p1 = "arn:aws:iam::123456789012:policy/P1";
    String p2 = "arn:aws:iam::123456789012:policy/P2";
    write(
        repos -> {
          repos.attachments().attach(ACCOUNT, PrincipalType.USER, "alice", p2);
          repos.attachments().attach(ACCOUNT, PrincipalType.USER, "alice", p1);
          repos.attachments().attach(ACCOUNT, PrincipalType.ROLE, "alice", p1);
          repos.attachments().attach(OTHER_ACCOUNT, PrincipalType.USER, "alice", p1);
          repos
              .inlinePolicies()
              .put(new InlinePolicy(ACCOUNT, PrincipalType.USER, "alice", "one", DOCUMENT));
          repos
              .inlinePolicies()
              .put(new InlinePolicy(ACCOUNT, PrincipalType.ROLE, "alice", "two", DOCUMENT));
        });
    write(
        repos -> {
          repos.attachments().renameOwner(ACCOUNT, PrincipalType.USER, "ALICE", "Alicia");
          repos.inlinePolicies().renameOwner(ACCOUNT, PrincipalType.USER, "ALICE", "Alicia");
        });
    assertThat(attached(PrincipalType.USER, "alice")).isEmpty();
    assertThat(attached(PrincipalType.USER, "alicia")).containsExactly(p2, p1);
    assertThat(attached(PrincipalType.ROLE, "alice")).containsExactly(p1);
    assertThat(read((Repositories repos) -> repos.attachments().listOwners(ACCOUNT, p2)))
        .containsExactly(new AttachmentRepository.Owner(PrincipalType.USER, "Alicia"));
    assertThat(
            read(
                (Repositories repos) ->
                    repos.attachments().list(OTHER_ACCOUNT, PrincipalType.USER, "alice")))
        .containsExactly(p1);
    assertThat(
            read(
                (Repositories repos) ->
                    repos.inlinePolicies().list(ACCOUNT, PrincipalType.USER, "alicia")))
        .extracting(InlinePolicy::ownerName, InlinePolicy::name)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Alicia", "one"));
    assertThat(
            read(
                (Repositories repos) ->
                    repos.inlinePolicies().list(ACCOUNT, PrincipalType.USER, "alice")))
        .isEmpty();
    assertThat(
            read(
                (Repositories repos) ->
                    repos.inlinePolicies().list(ACCOUNT, PrincipalType.ROLE, "alice")))
        .hasSize(1);
  }
}
