package dev.rolegate.core.port;

import java.util.function.Function;

/**
 * Where IAM state lives. Every {@link #write} is one transaction: if the work throws, nothing it
 * did is kept (a failed request leaves nothing half-written). Implementations: SQLite (embedded,
 * default) and later PostgreSQL, both held to the same contract tests.
 */
public interface Store extends AutoCloseable {
  /** Runs read-only work (a consistent snapshot where the database offers one). */
  <T> T read(Function<Repositories, T> work);

  /**
   * Runs work in one transaction; commits when it returns, rolls back when it throws (and
   * rethrows).
   */
  <T> T write(Function<Repositories, T> work);

  /** Deletes every entity of every account (test mode); the schema stays. */
  void wipe();

  @Override
  void close();
}
