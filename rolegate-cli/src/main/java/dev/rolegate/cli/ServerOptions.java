package dev.rolegate.cli;

import dev.rolegate.core.auth.Enforcement;
import dev.rolegate.server.ServerConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options every server-side command shares. Each comes from the command line, else the
 * environment ({@code ROLEGATE_*}), else the config file ({@code --config}, keys as the long option
 * names without dashes: {@code port=4600}), else the default.
 */
final class ServerOptions {
  @Option(
      names = "--bind",
      description = "Address to listen on (env ROLEGATE_BIND; default 127.0.0.1).")
  String bind;

  @Option(names = "--port", description = "Port (env ROLEGATE_PORT; default 4600).")
  Integer port;

  @Option(
      names = "--data-dir",
      description =
          "Where the embedded store, master key and root credentials live (env ROLEGATE_DATA_DIR; default ./rolegate-data).")
  Path dataDir;

  @Option(names = "--in-memory", description = "A throwaway in-memory store.")
  boolean inMemory;

  @Option(
      names = "--dev",
      description =
          "Local testing: in memory; test/test and unknown access keys are the default account's root; reset endpoint on.")
  boolean dev;

  @Option(names = "--test-mode", description = "Enables POST /_rolegate/reset.")
  boolean testMode;

  @Option(
      names = "--account-id",
      description = "The default account (env ROLEGATE_ACCOUNT_ID; default 123456789012).")
  String accountId;

  @Option(
      names = "--max-body-bytes",
      description = "Largest request body accepted (default 1 MiB).")
  Integer maxBodyBytes;

  @Option(
      names = "--enforcement",
      description =
          "enforce (default): deny as AWS does; audit: allow, and record each would-be denial with its explanation; off: authenticate only (env ROLEGATE_ENFORCEMENT).")
  String enforcement;

  @Option(
      names = "--explain",
      description =
          "Log a debug line per authorization decision with its explanation (logger dev.rolegate.explain).")
  boolean explain;

  @Option(
      names = "--authorize-token",
      description =
          "Turns on the decision API (POST /_rolegate/authorize) for services sending this token in X-Rolegate-Token; 16+ characters (env ROLEGATE_AUTHORIZE_TOKEN, better than the command line).")
  String authorizeToken;

  @Option(
      names = "--config",
      description = "A properties file with any of the options above (env ROLEGATE_CONFIG).")
  Path config;

  ServerConfig resolve(CommandSpec spec) {
    Properties file = new Properties();
    Path configFile =
        config != null
            ? config
            : env("ROLEGATE_CONFIG") == null ? null : Path.of(env("ROLEGATE_CONFIG"));
    if (configFile != null) {
      try (Reader r = Files.newBufferedReader(configFile)) {
        file.load(r);
      } catch (IOException e) {
        throw new ParameterException(
            spec.commandLine(), "cannot read --config " + configFile + ": " + e.getMessage());
      }
    }
    try {
      return new ServerConfig(
          pick(bind, "ROLEGATE_BIND", file, "bind", "127.0.0.1"),
          Integer.parseInt(
              pick(
                  port == null ? null : port.toString(),
                  "ROLEGATE_PORT",
                  file,
                  "port",
                  Integer.toString(ServerConfig.DEFAULT_PORT))),
          Path.of(
              pick(
                  dataDir == null ? null : dataDir.toString(),
                  "ROLEGATE_DATA_DIR",
                  file,
                  "data-dir",
                  "./rolegate-data")),
          inMemory || Boolean.parseBoolean(file.getProperty("in-memory", "false")),
          dev || Boolean.parseBoolean(file.getProperty("dev", "false")),
          testMode || Boolean.parseBoolean(file.getProperty("test-mode", "false")),
          pick(accountId, "ROLEGATE_ACCOUNT_ID", file, "account-id", ServerConfig.DEFAULT_ACCOUNT),
          Integer.parseInt(
              pick(
                  maxBodyBytes == null ? null : maxBodyBytes.toString(),
                  "ROLEGATE_MAX_BODY_BYTES",
                  file,
                  "max-body-bytes",
                  Integer.toString(ServerConfig.DEFAULT_MAX_BODY))),
          Enforcement.parse(
              pick(enforcement, "ROLEGATE_ENFORCEMENT", file, "enforcement", "enforce")),
          explain || Boolean.parseBoolean(file.getProperty("explain", "false")),
          pick(authorizeToken, "ROLEGATE_AUTHORIZE_TOKEN", file, "authorize-token", null));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static String pick(
      String cli, String envName, Properties file, String key, String fallback) {
    if (cli != null) {
      return cli;
    }
    String env = env(envName);
    if (env != null && !env.isBlank()) {
      return env;
    }
    return file.getProperty(key, fallback);
  }

  private static String env(String name) {
    return System.getenv(name);
  }
}
