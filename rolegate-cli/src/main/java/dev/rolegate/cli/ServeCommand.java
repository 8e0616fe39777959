package dev.rolegate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rolegate serve}: the IAM/STS server. Not built yet; it says so rather than pretending. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the IAM/STS server (not available yet: it arrives with issue 3).")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println(
            "rolegate serve: the server is not built yet (issue 3). Today rolegate offers the policy"
                + " engine: rolegate policy --help");
    return 2;
  }
}
