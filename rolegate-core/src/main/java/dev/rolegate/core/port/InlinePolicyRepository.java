package dev.rolegate.core.port;

import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.PrincipalType;
import java.util.List;
import java.util.Optional;

/** Inline policies; the policy name is unique per owner (case-sensitive, as AWS). */
public interface InlinePolicyRepository {
  /** Inserts or replaces the owner's policy of that name. */
  void put(InlinePolicy policy);

  Optional<InlinePolicy> find(
      String accountId, PrincipalType ownerType, String ownerName, String policyName);

  /** Ordered by name. */
  List<InlinePolicy> list(String accountId, PrincipalType ownerType, String ownerName);

  boolean delete(String accountId, PrincipalType ownerType, String ownerName, String policyName);

  /**
   * Moves every inline policy of the owner {@code from} to the owner's new name {@code to}
   * (renames).
   */
  void renameOwner(String accountId, PrincipalType ownerType, String from, String to);
}
