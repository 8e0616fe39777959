package dev.rolegate.cli;

import dev.rolegate.core.AccountService;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.model.Account;
import dev.rolegate.server.Rolegate;
import dev.rolegate.server.ServerConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rolegate accounts create|list|quotas}: accounts in the data directory's store. */
@Command(
    name = "accounts",
    mixinStandardHelpOptions = true,
    description =
        "Create and list accounts, and show or set their IAM quotas, in the store of --data-dir.",
    subcommands = {
      AccountsCommand.Create.class,
      AccountsCommand.ListAccounts.class,
      AccountsCommand.Quotas.class
    })
final class AccountsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create an account with a root access key (printed once).")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ServerOptions options = new ServerOptions();

    @Option(
        names = "--new-account-id",
        description = "The new account's 12-digit id (default: random).")
    String newAccountId;

    @Override
    public Integer call() {
      ServerConfig config = options.resolve(spec);
      PrintWriter out = spec.commandLine().getOut();
      try (Rolegate rolegate = new Rolegate(config, Clock.systemUTC())) {
        rolegate.bootstrap();
        AccountService.CreatedAccount a = rolegate.accounts().create(newAccountId);
        out.println("Created account " + a.accountId() + ". Its root access key (shown once):");
        out.println("  aws_access_key_id     = " + a.accessKeyId());
        out.println("  aws_secret_access_key = " + a.secretAccessKey());
        return 0;
      } catch (AwsServiceException e) {
        spec.commandLine().getErr().println("rolegate accounts create: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts.")
  static final class ListAccounts implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ServerOptions options = new ServerOptions();

    @Override
    public Integer call() {
      ServerConfig config = options.resolve(spec);
      try (Rolegate rolegate = new Rolegate(config, Clock.systemUTC())) {
        rolegate.bootstrap();
        for (Account a : rolegate.accounts().list()) {
          spec.commandLine().getOut().println(a.id() + "\t" + a.createDate());
        }
      }
      return 0;
    }
  }

  @Command(
      name = "quotas",
      mixinStandardHelpOptions = true,
      description =
          "Show an account's IAM quotas (AWS's defaults unless set), or set some: --set RolesPerAccount=2000 (or =default).")
  static final class Quotas implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ServerOptions options = new ServerOptions();

    @picocli.CommandLine.Parameters(
        index = "0",
        paramLabel = "ACCOUNT",
        description = "The account's 12-digit id.")
    String accountId;

    @Option(
        names = "--set",
        paramLabel = "NAME=VALUE",
        description = "A quota to set (repeatable): AWS's quota name = a whole number or default.")
    java.util.List<String> settings = new java.util.ArrayList<>();

    @Override
    public Integer call() {
      ServerConfig config = options.resolve(spec);
      PrintWriter out = spec.commandLine().getOut();
      try (Rolegate rolegate = new Rolegate(config, Clock.systemUTC())) {
        rolegate.bootstrap();
        java.util.Map<String, String> set = new java.util.LinkedHashMap<>();
        for (String s : settings) {
          int eq = s.indexOf('=');
          if (eq <= 0) {
            throw dev.rolegate.core.AwsServiceException.invalidInput(
                "--set takes NAME=VALUE, e.g. RolesPerAccount=2000: " + s);
          }
          set.put(s.substring(0, eq).trim(), s.substring(eq + 1));
        }
        java.util.Map<String, Integer> quotas =
            set.isEmpty()
                ? rolegate.accounts().quotas(accountId)
                : rolegate.accounts().setQuotas(accountId, set);
        quotas.forEach((name, value) -> out.println(name + "\t" + value));
        return 0;
      } catch (AwsServiceException e) {
        spec.commandLine().getErr().println("rolegate accounts quotas: " + e.getMessage());
        return 1;
      }
    }
  }
}
