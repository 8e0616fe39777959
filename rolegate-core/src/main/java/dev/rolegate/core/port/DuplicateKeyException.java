package dev.rolegate.core.port;

/** A store refused an insert because the key (e.g. a name, case-insensitive) exists. */
public final class DuplicateKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuplicateKeyException(String message) {
    super(message);
  }
}
