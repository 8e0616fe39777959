package dev.rolegate.cli;

import dev.rolegate.core.AccountService;
import dev.rolegate.server.HttpServer;
import dev.rolegate.server.Rolegate;
import dev.rolegate.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rolegate serve}: the IAM/STS server. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Start the IAM/STS server (default http://127.0.0.1:4600, store ./rolegate-data).")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServerOptions options = new ServerOptions();

  /**
   * Starts, answers nothing and stops: the ./rolegate launcher's class-data-sharing training run.
   */
  @picocli.CommandLine.Option(names = "--exit-when-ready", hidden = true)
  boolean exitWhenReady;

  @Override
  public Integer call() throws Exception {
    ServerConfig config = options.resolve(spec);
    PrintWriter out = spec.commandLine().getOut();
    Rolegate rolegate = new Rolegate(config, Clock.systemUTC());
    AccountService.CreatedAccount created = rolegate.bootstrap();
    HttpServer server = new HttpServer(rolegate);
    int port = server.start();
    String endpoint =
        "http://"
            + (config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind())
            + ":"
            + port;
    if (config.dev()) {
      out.println(
          "WARNING: --dev mode: in-memory store; the access key pair test/test is the root user of account "
              + config.accountId()
              + " (signatures still verified), and any access key Rolegate never issued is accepted as that root"
              + " without checking its signature. Keys Rolegate issued are always verified. Do not expose this server.");
    }
    if (created != null) {
      printCredentials(out, config, created, endpoint);
    } else if (!config.memory()) {
      out.println(
          "Account "
              + config.accountId()
              + " exists; its root credentials were written to "
              + config.dataDir().resolve("root-credentials")
              + " on first start.");
    }
    long ready = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    out.println(
        "Rolegate listening on "
            + endpoint
            + " (store: "
            + (config.memory() ? "in memory" : config.dataDir().resolve("rolegate.db"))
            + ", ready "
            + ready
            + " ms after the JVM started)");
    out.flush();
    if (exitWhenReady) {
      server.close();
      rolegate.close();
      return 0;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  rolegate.close();
                  stopped.countDown();
                },
                "rolegate-shutdown"));
    stopped.await();
    return 0;
  }

  private static void printCredentials(
      PrintWriter out, ServerConfig config, AccountService.CreatedAccount a, String endpoint)
      throws IOException {
    String profile =
        "[profile rolegate]\n"
            + "aws_access_key_id = "
            + a.accessKeyId()
            + "\n"
            + "aws_secret_access_key = "
            + a.secretAccessKey()
            + "\n"
            + "region = us-east-1\n"
            + "endpoint_url = "
            + endpoint
            + "\n";
    out.println("Created account " + a.accountId() + ". Its root access key (shown once):");
    out.println("  aws_access_key_id     = " + a.accessKeyId());
    out.println("  aws_secret_access_key = " + a.secretAccessKey());
    if (!config.memory()) {
      Path file = config.dataDir().resolve("root-credentials");
      Files.deleteIfExists(file);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(
          file,
          "# Rolegate root credentials of account "
              + a.accountId()
              + " (append to ~/.aws/config)\n"
              + profile);
      out.println("Written, with an AWS CLI profile, to " + file + " (readable by you only).");
    } else {
      out.println("An AWS CLI profile (append to ~/.aws/config):\n" + profile);
    }
  }
}
