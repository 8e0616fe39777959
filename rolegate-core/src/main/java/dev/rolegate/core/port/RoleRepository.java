package dev.rolegate.core.port;

import dev.rolegate.core.model.Role;
import java.util.List;
import java.util.Optional;

/** Roles; names are unique per account without regard to case ("MyRole" and "myrole" clash). */
public interface RoleRepository {
  /**
   * @throws DuplicateKeyException when the account has a role of that name (any case)
   */
  void insert(Role role);

  /** Finds by name, without regard to case. */
  Optional<Role> findByName(String accountId, String name);

  Optional<Role> findById(String roleId);

  /**
   * Roles of the account whose path starts with {@code pathPrefix}, ordered by name
   * (case-insensitive, then as written).
   */
  List<Role> list(String accountId, String pathPrefix);

  /**
   * {@link #list(String, String)} rows {@code offset .. offset + limit - 1}, read by the store
   * alone.
   */
  List<Role> list(String accountId, String pathPrefix, int offset, int limit);

  /** Replaces the role with the same roleId. */
  void update(Role role);

  /**
   * @return whether a role was deleted
   */
  boolean delete(String accountId, String name);

  /**
   * How many roles of the account have the policy (by ARN, exactly) as their permissions boundary.
   */
  int countWithBoundary(String accountId, String policyArn);
}
