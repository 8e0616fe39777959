package dev.rolegate.tests.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real program (the AWS CLI, node, bash) as a subprocess with a clean environment and a
 * timeout. The tools are never skipped when missing: a test that needs one fails and says to run
 * {@code ./run-tests}, which installs them.
 */
public final class Subprocess {
  /**
   * Debian's AWS CLI v2. Named explicitly: the first {@code aws} on PATH may be a Python CLI v1.
   */
  static final Path AWS_CLI = Path.of("/usr/bin/aws");

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final String INSTALL_HINT =
      " Run ./run-tests from the repository root once: it installs what the end-to-end tests need.";

  private Subprocess() {}

  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public String describe() {
      return "command "
          + command
          + " exited "
          + exitCode
          + "\n--- stdout ---\n"
          + stdout
          + "\n--- stderr ---\n"
          + stderr;
    }
  }

  /** Fails the test unless /usr/bin/aws is the AWS CLI v2. */
  static void requireAwsCliV2() {
    if (!Files.isExecutable(AWS_CLI)) {
      fail(AWS_CLI + " is missing (Debian package awscli, the AWS CLI v2)." + INSTALL_HINT);
    }
    Result version = run(List.of(AWS_CLI.toString(), "--version"), null, Map.of(), DEFAULT_TIMEOUT);
    if (version.exitCode() != 0 || !version.stdout().startsWith("aws-cli/2.")) {
      fail(AWS_CLI + " is not the AWS CLI v2: " + version.describe() + INSTALL_HINT);
    }
  }

  /** Debian's xmlsec1 (package xmlsec1): the XML Signature tool of the SAML tests. */
  public static final Path XMLSEC1 = Path.of("/usr/bin/xmlsec1");

  /** Fails the test unless /usr/bin/xmlsec1 runs. */
  public static void requireXmlsec1() {
    if (!Files.isExecutable(XMLSEC1)) {
      fail(XMLSEC1 + " is missing (Debian package xmlsec1)." + INSTALL_HINT);
    }
    Result version = run(List.of(XMLSEC1.toString(), "--version"), null, Map.of(), DEFAULT_TIMEOUT);
    if (version.exitCode() != 0 || !version.stdout().startsWith("xmlsec1 ")) {
      fail(XMLSEC1 + " does not run: " + version.describe() + INSTALL_HINT);
    }
  }

  /**
   * Fails the test unless node runs and the seed's npm packages are installed in {@code nodeDir}.
   */
  static void requireNode(Path nodeDir) {
    Result version;
    try {
      version = run(List.of("node", "--version"), null, Map.of(), DEFAULT_TIMEOUT);
    } catch (AssertionError e) {
      fail("node (Node.js) is missing: " + e.getMessage() + INSTALL_HINT);
      return;
    }
    if (version.exitCode() != 0) {
      fail("node (Node.js) does not run: " + version.describe() + INSTALL_HINT);
    }
    for (String pkg : List.of("@aws-sdk/client-sts", "@aws-sdk/client-s3")) {
      if (!Files.isRegularFile(
          nodeDir.resolve("node_modules").resolve(pkg).resolve("package.json"))) {
        fail("The npm package " + pkg + " is not installed in " + nodeDir + "." + INSTALL_HINT);
      }
    }
  }

  /**
   * The environment for a child: this JVM's, without any AWS_* variable (nothing of the machine's
   * AWS set-up leaks in) nor Python path overrides (the CLI is a Python program), plus {@code env}.
   */
  static Map<String, String> environment(Map<String, String> inherited, Map<String, String> env) {
    inherited
        .keySet()
        .removeIf(k -> k.startsWith("AWS_") || k.equals("PYTHONPATH") || k.equals("PYTHONHOME"));
    inherited.putAll(env);
    return inherited;
  }

  public static Result run(
      List<String> command, Path dir, Map<String, String> env, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    environment(pb.environment(), env);
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("rolegate-subprocess", ".out");
      err = Files.createTempFile("rolegate-subprocess", ".err");
      pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      pb.redirectOutput(out.toFile());
      pb.redirectError(err.toFile());
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new AssertionError("cannot start " + command.get(0) + ": " + e.getMessage(), e);
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        fail(
            "command "
                + command
                + " did not finish within "
                + timeout.toSeconds()
                + " s\n--- stdout ---\n"
                + Files.readString(out, StandardCharsets.UTF_8)
                + "\n--- stderr ---\n"
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(
          List.copyOf(command),
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temp file
      }
    }
  }
}
