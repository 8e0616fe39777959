package dev.rolegate.core.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * Who signed a request, resolved from its credentials.
 *
 * @param arn the principal ARN as GetCallerIdentity shows it (the session ARN for role sessions)
 * @param userId what GetCallerIdentity calls UserId and policies call aws:userid
 * @param identityArn the IAM identity the permissions come from: the user ARN, the role ARN (with
 *     its path) for a role session, the root ARN
 * @param name the user name, or the role name for a role session; null for root
 * @param sessionName the role session name; null otherwise
 * @param accessKeyId the key the request was signed with
 * @param issuedAt when temporary credentials were issued; null for long-term keys
 * @param expiration when temporary credentials expire; null for long-term keys
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
    Instant issuedAt,
    Instant expiration) {
  public enum Kind {
    ROOT,
    USER,
    ASSUMED_ROLE
  }

  public Caller {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(arn, "arn is null");
    Objects.requireNonNull(userId, "userId is null");
    Objects.requireNonNull(identityArn, "identityArn is null");
  }

  public static Caller root(String accountId, String accessKeyId) {
    String arn = "arn:aws:iam::" + accountId + ":root";
    return new Caller(Kind.ROOT, accountId, arn, accountId, arn, null, null, accessKeyId, null, null);
  }

  public boolean temporary() {
    return issuedAt != null;
  }
}
