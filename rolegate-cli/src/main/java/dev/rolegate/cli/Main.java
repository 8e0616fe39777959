package dev.rolegate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rolegate} command. */
@Command(
    name = "rolegate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Rolegate: a self-hostable, AWS-compatible IAM and STS server.",
    subcommands = {ServeCommand.class, PolicyCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit status (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
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
