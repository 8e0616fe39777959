package dev.rolegate.core.auth;

import dev.rolegate.core.model.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What temporary credentials carry besides who they belong to.
 *
 * @param origin the STS operation that issued them: {@code AssumeRole}, {@code GetSessionToken},
 *     {@code GetFederationToken}, {@code AssumeRoot}
 * @param policy the inline session policy, or null
 * @param policyArns the managed session policies; for {@code AssumeRoot}, the task policy (a
 *     deny-only guardrail evaluated with the root user's identity, not a session policy)
 * @param tags the session tags (they override the role's tags of the same key)
 * @param transitiveTagKeys the tag keys that pass on to chained role sessions
 * @param sourceIdentity null when none was set
 * @param mfaAuthTime when the caller authenticated with MFA, or null
 * @param parentUserName for a federated user, the IAM user whose policies apply (null for root)
 */
public record Session(
    String origin,
    Instant issuedAt,
    Instant expiration,
    String policy,
    List<String> policyArns,
    List<Tag> tags,
    List<String> transitiveTagKeys,
    String sourceIdentity,
    Instant mfaAuthTime,
    String parentUserName) {
  public Session {
    Objects.requireNonNull(origin, "origin is null");
    Objects.requireNonNull(issuedAt, "issuedAt is null");
    Objects.requireNonNull(expiration, "expiration is null");
    policyArns = List.copyOf(policyArns);
    tags = List.copyOf(tags);
    transitiveTagKeys = List.copyOf(transitiveTagKeys);
  }

  public static final String ASSUME_ROOT = "AssumeRoot";

  public boolean hasSessionPolicies() {
    return !origin.equals(ASSUME_ROOT) && (policy != null || !policyArns.isEmpty());
  }
}
