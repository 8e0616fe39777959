package dev.rolegate.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rolegate} command. */
@Command(
    name = "rolegate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Rolegate: a self-hostable, AWS-compatible IAM and STS server.",
    subcommands = {
      ServeCommand.class,
      AccountsCommand.class,
      RolesCommand.class,
      PolicyCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(
            new BufferedWriter(
                new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int status = commandLine(out, err).execute(args);
    out.flush();
    System.exit(status);
  }

  /** The command line writing to the given streams (tests use it with buffers). */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              // a short message, not a stack trace; ROLEGATE_DEBUG=1 shows the trace
              cmd.getErr().println("rolegate " + cmd.getCommandName() + ": " + e.getMessage());
              if (System.getenv("ROLEGATE_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
              }
              cmd.getErr().flush();
              return 1;
            });
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"rolegate " + (v == null ? "development build" : v)};
    }
  }
}
