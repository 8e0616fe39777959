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
 * @param authorizeToken the shared token services send to POST /_rolegate/authorize (header {@code
 *     X-Rolegate-Token}); null: the decision API is off
 */
public record ServerConfig(
    String bind,
    int port,
    Path dataDir,
    boolean inMemory,
    boolean dev,
    boolean testMode,
    String accountId,
    int maxBodyBytes,
    Enforcement enforcement,
    boolean explain,
    String authorizeToken) {
  public static final int DEFAULT_PORT = 4600;
  public static final String DEFAULT_ACCOUNT = "123456789012";
  public static final int DEFAULT_MAX_BODY = 1 << 20;

  /** Enforcing, without explain lines. */
  public ServerConfig(
      String bind,
      int port,
      Path dataDir,
      boolean inMemory,
      boolean dev,
      boolean testMode,
      String accountId,
      int maxBodyBytes) {
    this(
        bind,
        port,
        dataDir,
        inMemory,
        dev,
        testMode,
        accountId,
        maxBodyBytes,
        Enforcement.ENFORCE,
        false,
        null);
  }

  public ServerConfig {
    Objects.requireNonNull(bind, "bind is null");
    Objects.requireNonNull(enforcement, "enforcement is null");
    if (authorizeToken != null && authorizeToken.isBlank()) {
      authorizeToken = null;
    }
    if (authorizeToken != null && authorizeToken.length() < 16) {
      throw new IllegalArgumentException("--authorize-token must have at least 16 characters");
    }
    Objects.requireNonNull(dataDir, "dataDir is null");
    Objects.requireNonNull(accountId, "accountId is null");
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException(
          "--account-id must have 12 digits, not \"" + accountId + "\"");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0-65535, not " + port);
    }
  }

  @Override
  public String toString() { // never the token
    return "ServerConfig[bind="
        + bind
        + ", port="
        + port
        + ", dataDir="
        + dataDir
        + ", memory="
        + memory()
        + ", dev="
        + dev
        + ", testMode="
        + testMode
        + ", accountId="
        + accountId
        + ", enforcement="
        + enforcement
        + ", decisionApi="
        + (authorizeToken != null)
        + "]";
  }

  public boolean resetAllowed() {
    return dev || testMode;
  }

  public boolean memory() {
    return inMemory || dev;
  }
}
