package dev.rolegate.core.iam;

import static dev.rolegate.core.testing.AwsErrors.expect;
import static dev.rolegate.core.testing.TestIam.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.testing.TestIam;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AccountViewService over the in-memory store: the summary's counts and quotas, and account
 * aliases.
 */
class AccountViewServiceTest {
  final TestIam t = new TestIam();
  final AccountViewService views = new AccountViewService(t.iam);
  final Caller root = t.root();

  @Test
  void anEmptyAccountCountsNothingAndShowsAwsDefaults() {
    Map<String, Integer> m = views.getAccountSummary(root, t.info());
    assertThat(m)
        .containsEntry("Users", 0)
        .containsEntry("Roles", 0)
        .containsEntry("Policies", 0)
        .containsEntry("Providers", 0)
        .containsEntry("UsersQuota", 5000)
        .containsEntry("RolesQuota", 1000)
        .containsEntry("PoliciesQuota", 1500)
        .containsEntry("VersionsPerPolicyQuota", 5)
        .containsEntry("AccountAccessKeysPresent", 0)
        .containsEntry("AccountMFAEnabled", 0);
    assertThat(m).hasSize(34);
  }

  @Test
  void theSummaryCountsEntitiesAttachmentsAndSetQuotas() {
    t.ensureUser(ACCOUNT, "u1");
    t.ensureUser(ACCOUNT, "u2");
    t.ensureRole(ACCOUNT, "r", TestIam.TRUST_ACCOUNT);
    t.rootKey(ACCOUNT);
    t.write(
        r -> {
          r.groups().insert(new Group(ACCOUNT, "AGPAG0000000000000000", "g", "/", TestIam.START));
          r.attachments()
              .attach(ACCOUNT, PrincipalType.USER, "u1", "arn:aws:iam::aws:policy/ReadOnlyAccess");
          r.attachments()
              .attach(ACCOUNT, PrincipalType.GROUP, "g", "arn:aws:iam::aws:policy/ReadOnlyAccess");
          r.attachments()
              .attach(ACCOUNT, PrincipalType.ROLE, "r", "arn:aws:iam::aws:policy/PowerUserAccess");
          r.accounts().putQuota(ACCOUNT, "RolesPerAccount", 7);
        });
    t.ensureUser(TestIam.OTHER_ACCOUNT, "elsewhere");
    Map<String, Integer> m = views.getAccountSummary(root, t.info());
    assertThat(m)
        .containsEntry("Users", 2)
        .containsEntry("Groups", 1)
        .containsEntry("Roles", 1)
        .containsEntry("PolicyVersionsInUse", 3)
        .containsEntry("AccountAccessKeysPresent", 1)
        .containsEntry("RolesQuota", 7);
  }

  @Test
  void anAccountHasOneAliasUniqueAcrossAccounts() {
    assertThat(views.listAccountAliases(root, t.info(), null, null).items()).isEmpty();
    views.createAccountAlias(root, t.info(), "example-corp");
    expect(
        () -> views.createAccountAlias(root, t.info(), "example-corp"),
        AwsErrorCode.ENTITY_ALREADY_EXISTS,
        "The account alias example-corp already exists.");
    views.createAccountAlias(root, t.info(), "example-two");
    assertThat(views.listAccountAliases(root, t.info(), null, null).items())
        .containsExactly("example-two");
    t.account(TestIam.OTHER_ACCOUNT);
    Caller other = t.root(TestIam.OTHER_ACCOUNT);
    expect(
        () -> views.createAccountAlias(other, t.info(), "example-two"),
        AwsErrorCode.ENTITY_ALREADY_EXISTS,
        "The account alias example-two already exists.");
    views.createAccountAlias(
        other, t.info(), "example-corp"); // released by the first account's rename
    expect(
        () -> views.deleteAccountAlias(root, t.info(), "example-corp"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The account alias example-corp does not exist.");
    views.deleteAccountAlias(root, t.info(), "example-two");
    assertThat(views.listAccountAliases(root, t.info(), null, null).items()).isEmpty();
  }

  @Test
  void everyViewIsAuthorized() {
    Caller nobody = t.user("nobody");
    expect(
        () -> views.getAccountSummary(nobody, t.info()),
        AwsErrorCode.ACCESS_DENIED,
        "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: iam:GetAccountSummary on resource: * "
            + "because no identity-based policy allows the iam:GetAccountSummary action");
    Caller reader = t.user("reader", TestIam.allow("iam:ListAccountAliases", "*"));
    assertThat(views.listAccountAliases(reader, t.info(), null, null).items()).isEmpty();
  }
}
