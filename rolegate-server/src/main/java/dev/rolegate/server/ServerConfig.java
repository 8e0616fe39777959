package dev.rolegate.server;

import dev.rolegate.core.auth.Enforcement;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a server runs.
 *
 * @param dataDir where the embedded store, the master key and the root credentials live (ignored in
 *     memory)
 * @param inMemory a throwaway store
 * @param dev dev mode: in memory; {@code test}/{@code test} and unknown keys are the default
 *     account's root; the reset endpoint is on
 * @param testMode the reset endpoint is on
 * @param maxBodyBytes requests with a larger body are refused
 * @param enforcement what a denial does: enforce (as AWS), audit (let through, recorded), off
 * @param explain a debug log line per authorization decision (logger dev.rolegate.explain)
 */
public record ServerConfig(
    String bind, int port, Path dataDir, boolean inMemory, boolean dev, boolean testMode, String accountId, int maxBodyBytes,
    Enforcement enforcement, boolean explain) {
  public static final int DEFAULT_PORT = 4600;
  public static final String DEFAULT_ACCOUNT = "123456789012";
  public static final int DEFAULT_MAX_BODY = 1 << 20;

  /** Enforcing, without explain lines. */
  public ServerConfig(String bind, int port, Path dataDir, boolean inMemory, boolean dev, boolean testMode, String accountId, int maxBodyBytes) {
    this(bind, port, dataDir, inMemory, dev, testMode, accountId, maxBodyBytes, Enforcement.ENFORCE, false);
  }

  public ServerConfig {
    Objects.requireNonNull(bind, "bind is null");
    Objects.requireNonNull(enforcement, "enforcement is null");
    Objects.requireNonNull(dataDir, "dataDir is null");
    Objects.requireNonNull(accountId, "accountId is null");
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("--account-id must have 12 digits, not \"" + accountId + "\"");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0-65535, not " + port);
    }
  }

  public boolean resetAllowed() {
    return dev || testMode;
  }

  public boolean memory() {
    return inMemory || dev;
  }
}
