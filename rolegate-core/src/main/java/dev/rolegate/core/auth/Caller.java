package dev.rolegate.core.auth;

import dev.rolegate.core.model.Arns;
import java.time.Instant;
import java.util.Objects;

/**
 * Who signed a request, resolved from its credentials.
 *
 * @param arn the principal ARN as GetCallerIdentity shows it (the session ARN for role sessions)
 * @param userId what GetCallerIdentity calls UserId and policies call aws:userid
 * @param identityArn aws:PrincipalArn: the user ARN, the role ARN (with its path) for a role
 *     session, the federated-user ARN, the root ARN
 * @param name the user name, the role name for a role session, the federated user's name; null for
 *     root
 * @param sessionName the role session name; null otherwise
 * @param accessKeyId the key the request was signed with
 * @param session what temporary credentials carry; null for long-term keys
 */
public record Caller(
    Kind kind,
    String accountId,
    String arn,
    String userId,
    String identityArn,
    String name,
    String sessionName,
    String accessKeyId,
    Session session) {
  public enum Kind {
    ROOT,
    USER,
    ASSUMED_ROLE,
    FEDERATED_USER
  }

  public Caller {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(arn, "arn is null");
    Objects.requireNonNull(userId, "userId is null");
    Objects.requireNonNull(identityArn, "identityArn is null");
  }

  public static Caller root(String accountId, String accessKeyId) {
    String arn = Arns.root(accountId);
    return new Caller(Kind.ROOT, accountId, arn, accountId, arn, null, null, accessKeyId, null);
  }

  /**
   * A privileged root session from AssumeRoot: the root user's permissions narrowed by the task
   * policy, which is evaluated (not skipped, as the root user's own calls are).
   */
  public boolean rootTaskSession() {
    return kind == Kind.ROOT && session != null && session.origin().equals(Session.ASSUME_ROOT);
  }

  public boolean temporary() {
    return session != null;
  }

  public Instant issuedAt() {
    return session == null ? null : session.issuedAt();
  }

  public Instant expiration() {
    return session == null ? null : session.expiration();
  }

  /** The same caller with other credentials (a session issued to it). */
  public Caller withSession(String accessKeyId, Session session) {
    return new Caller(
        kind, accountId, arn, userId, identityArn, name, sessionName, accessKeyId, session);
  }
}
