package dev.rolegate.tests.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The real AWS CLI v2 ({@code /usr/bin/aws}) pointed at a Rolegate server, run in a working
 * directory of its own (where {@code file://} arguments are resolved) with empty config and
 * credentials files there, so nothing of the machine's AWS set-up is read. The credentials come
 * from the environment, as in the brief: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and
 * AWS_SESSION_TOKEN for a session), AWS_DEFAULT_REGION=us-east-1, and AWS_PAGER="" so nothing waits
 * for a terminal.
 */
final class AwsCli {
  private final URI endpoint;
  private final Path dir;

  AwsCli(URI endpoint, Path dir) {
    this.endpoint = endpoint;
    this.dir = dir;
    try {
      Files.createDirectories(dir.resolve("home"));
      Files.writeString(dir.resolve("config"), "");
      Files.writeString(dir.resolve("credentials"), "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path dir() {
    return dir;
  }

  /**
   * Runs a command as the brief prints it, through bash: {@code aws} is a shell function calling
   * {@code /usr/bin/aws} with the same arguments and {@code --endpoint-url} added at the end, so
   * line continuations, quoting and trailing comments are read exactly as a user's shell reads
   * them.
   */
  Subprocess.Result brief(AwsCredentials as, String commandText) {
    String script =
        "aws() { "
            + Subprocess.AWS_CLI
            + " \"$@\" --endpoint-url \"$ROLEGATE_ENDPOINT\"; }\n"
            + commandText;
    return Subprocess.run(
        List.of("/bin/bash", "-c", script), dir, env(as), Subprocess.DEFAULT_TIMEOUT);
  }

  /** Runs {@code /usr/bin/aws ARGS --endpoint-url ENDPOINT} directly (no shell). */
  Subprocess.Result run(AwsCredentials as, String... args) {
    List<String> command = Subprocess.concat(List.of(Subprocess.AWS_CLI.toString()), List.of(args));
    command = Subprocess.concat(command, List.of("--endpoint-url", endpoint.toString()));
    return Subprocess.run(command, dir, env(as), Subprocess.DEFAULT_TIMEOUT);
  }

  private Map<String, String> env(AwsCredentials as) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", dir.resolve("home").toString());
    env.put("AWS_CONFIG_FILE", dir.resolve("config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("credentials").toString());
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    // No AWS_MAX_ATTEMPTS=1 to fail faster: with it the CLI words every error differently
    // ("when calling the AssumeRole operation (reached max retries: 0): ..."), even one it never
    // retries.
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("ROLEGATE_ENDPOINT", endpoint.toString());
    env.put("AWS_ACCESS_KEY_ID", as.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", as.secretAccessKey());
    if (as instanceof AwsSessionCredentials s) {
      env.put("AWS_SESSION_TOKEN", s.sessionToken());
    }
    return env;
  }
}
