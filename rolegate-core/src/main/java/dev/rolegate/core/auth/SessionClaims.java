package dev.rolegate.core.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What a session token carries, sealed: the temporary credentials themselves and who they belong to,
 * so any node can verify a request made with them without reading the database.
 *
 * @param roleArn the role's ARN with its path
 * @param roleId {@code AROA...}
 */
public record SessionClaims(
    String accessKeyId,
    String secretAccessKey,
    String accountId,
    String roleArn,
    String roleId,
    String roleName,
    String sessionName,
    Instant issuedAt,
    Instant expiration) {
  public SessionClaims {
    Objects.requireNonNull(accessKeyId, "accessKeyId is null");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey is null");
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(roleArn, "roleArn is null");
    Objects.requireNonNull(roleId, "roleId is null");
    Objects.requireNonNull(roleName, "roleName is null");
    Objects.requireNonNull(sessionName, "sessionName is null");
    Objects.requireNonNull(issuedAt, "issuedAt is null");
    Objects.requireNonNull(expiration, "expiration is null");
  }

  public String sessionArn() {
    return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
  }

  public Caller caller() {
    return new Caller(
        Caller.Kind.ASSUMED_ROLE, accountId, sessionArn(), roleId + ":" + sessionName, roleArn, roleName,
        sessionName, accessKeyId, issuedAt, expiration);
  }

  @Override
  public String toString() {
    return "SessionClaims[" + accessKeyId + ", " + sessionArn() + ", expires " + expiration + "]";
  }
}
