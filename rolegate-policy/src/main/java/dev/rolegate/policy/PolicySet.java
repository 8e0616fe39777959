package dev.rolegate.policy;

import java.util.List;

/**
 * The policies that apply to one request.
 *
 * @param identity the principal's identity-based policies (inline, managed, its groups')
 * @param resource the resource's policy (for sts:AssumeRole* the role's trust policy), or null
 * @param permissionsBoundary the principal's permissions boundary, or null
 * @param sessionPolicies the session policies of the calling session (inline and managed)
 * @param scpLevels service control policies, one list per organization level, root first; every
 *     level must allow
 */
public record PolicySet(
    List<CompiledPolicy> identity,
    CompiledPolicy resource,
    CompiledPolicy permissionsBoundary,
    List<CompiledPolicy> sessionPolicies,
    List<List<CompiledPolicy>> scpLevels) {
  public PolicySet {
    identity = List.copyOf(identity);
    sessionPolicies = List.copyOf(sessionPolicies);
    scpLevels = scpLevels.stream().map(List::copyOf).toList();
  }

  public static PolicySet identityOnly(List<CompiledPolicy> identity) {
    return new PolicySet(identity, null, null, List.of(), List.of());
  }
}
