package dev.rolegate.core.sts;

import dev.rolegate.core.model.Tag;
import java.util.List;

/**
 * The session parameters of AssumeRole / GetFederationToken / GetSessionToken as the caller sent
 * them (null or empty when absent).
 */
public record SessionRequest(
    Integer durationSeconds,
    String policy,
    List<String> policyArns,
    List<Tag> tags,
    List<String> transitiveTagKeys,
    String sourceIdentity,
    String serialNumber,
    String tokenCode) {
  public SessionRequest {
    policyArns = policyArns == null ? List.of() : List.copyOf(policyArns);
    tags = tags == null ? List.of() : List.copyOf(tags);
    transitiveTagKeys = transitiveTagKeys == null ? List.of() : List.copyOf(transitiveTagKeys);
  }

  public static SessionRequest duration(Integer durationSeconds) {
    return new SessionRequest(durationSeconds, null, null, null, null, null, null, null);
  }
}
