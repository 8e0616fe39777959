package dev.rolegate.core.auth;

import java.util.Objects;

/**
 * What a session token carries, sealed: the caller the temporary credentials belong to (with its
 * {@link Session}) and their secret, so any node can verify a request made with them without
 * reading the database.
 */
public record SessionClaims(Caller caller, String secretAccessKey) {
  public SessionClaims {
    Objects.requireNonNull(caller, "caller is null");
    Objects.requireNonNull(caller.session(), "a session caller is needed");
    Objects.requireNonNull(caller.accessKeyId(), "accessKeyId is null");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey is null");
  }

  public String accessKeyId() {
    return caller.accessKeyId();
  }

  @Override
  public String toString() {
    return "SessionClaims["
        + caller.accessKeyId()
        + ", "
        + caller.arn()
        + ", expires "
        + caller.expiration()
        + "]";
  }
}
