package dev.rolegate.cli;

import dev.rolegate.core.AwsServiceException;
import dev.rolegate.server.Rolegate;
import dev.rolegate.server.ServerConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rolegate roles revoke-sessions}: AWS's "Revoke active sessions", for operators. */
@Command(
    name = "roles",
    mixinStandardHelpOptions = true,
    description = "Operator actions on roles in the store of --data-dir.",
    subcommands = {RolesCommand.RevokeSessions.class})
final class RolesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "revoke-sessions",
      mixinStandardHelpOptions = true,
      description =
          "Deny everything to the role's sessions issued until now (an inline policy AWSRevokeOlderSessions on aws:TokenIssueTime); newer sessions are unaffected.")
  static final class RevokeSessions implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ServerOptions options = new ServerOptions();

    @Option(names = "--role-name", required = true)
    String roleName;

    @Option(
        names = "--role-account",
        description = "The role's account (default: the default account).")
    String roleAccount;

    @Override
    public Integer call() {
      ServerConfig config = options.resolve(spec);
      try (Rolegate rolegate = new Rolegate(config, Clock.systemUTC())) {
        Instant cutoff =
            rolegate.revokeSessions(
                roleAccount != null ? roleAccount : config.accountId(), roleName);
        spec.commandLine()
            .getOut()
            .println("Sessions of " + roleName + " issued before " + cutoff + " are revoked.");
        return 0;
      } catch (AwsServiceException e) {
        spec.commandLine().getErr().println("rolegate roles revoke-sessions: " + e.getMessage());
        return 1;
      }
    }
  }
}
