package dev.rolegate.store;

/**
 * The database failed (I/O, a constraint other than a duplicate key, a lock that could not be had,
 * a closed store...). Duplicate keys are reported as {@link
 * dev.rolegate.core.port.DuplicateKeyException} instead, which callers turn into AWS's {@code
 * EntityAlreadyExists}.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
