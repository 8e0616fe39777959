package dev.rolegate.cli;

import static dev.rolegate.cli.PolicyCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsQuotasCommandTest {
  @TempDir Path dir;

  @Test
  void showsSetsAndResetsAnAccountsQuotasInTheStore() {
    String data = dir.resolve("data").toString();
    PolicyCommandTest.Run r = run("accounts", "quotas", "--data-dir", data, "123456789012");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("RolesPerAccount\t1000\n", "PolicySize\t6144\n", "UsersPerAccount\t5000\n");

    r =
        run(
            "accounts",
            "quotas",
            "--data-dir",
            data,
            "123456789012",
            "--set",
            "RolesPerAccount=2000",
            "--set",
            "PolicySize=100");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("RolesPerAccount\t2000\n", "PolicySize\t100\n");
    // persisted in the store
    r = run("accounts", "quotas", "--data-dir", data, "123456789012");
    assertThat(r.out()).contains("RolesPerAccount\t2000\n", "PolicySize\t100\n");

    r =
        run(
            "accounts",
            "quotas",
            "--data-dir",
            data,
            "123456789012",
            "--set",
            "PolicySize=default");
    assertThat(r.out()).contains("RolesPerAccount\t2000\n", "PolicySize\t6144\n");
  }

  @Test
  void refusesUnknownNamesBadValuesAndUnknownAccountsWithoutChangingAnything() {
    String data = dir.resolve("data").toString();
    PolicyCommandTest.Run r =
        run(
            "accounts",
            "quotas",
            "--data-dir",
            data,
            "123456789012",
            "--set",
            "RolesPerAccount=7",
            "--set",
            "Roles=5");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .contains("Unknown quota Roles; the quotas are RolesPerAccount, UsersPerAccount");
    r =
        run(
            "accounts",
            "quotas",
            "--data-dir",
            data,
            "123456789012",
            "--set",
            "RolesPerAccount=-1");
    assertThat(r.err())
        .contains("Quota RolesPerAccount must be a whole number from 0 to 1000000: -1");
    r = run("accounts", "quotas", "--data-dir", data, "123456789012", "--set", "PolicySize=lots");
    assertThat(r.err()).contains("Quota PolicySize must be a whole number or \"default\": lots");
    r = run("accounts", "quotas", "--data-dir", data, "123456789012", "--set", "RolesPerAccount");
    assertThat(r.err()).contains("--set takes NAME=VALUE");
    r = run("accounts", "quotas", "--data-dir", data, "999999999999");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("Account 999999999999 does not exist.");
    r = run("accounts", "quotas", "--data-dir", data, "123456789012");
    assertThat(r.out()).contains("RolesPerAccount\t1000\n"); // the refused call set nothing
  }
}
