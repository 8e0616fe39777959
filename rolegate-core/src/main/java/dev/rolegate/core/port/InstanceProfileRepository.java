package dev.rolegate.core.port;

import dev.rolegate.core.model.InstanceProfile;
import java.util.List;
import java.util.Optional;

/** Instance profiles; names are unique per account without regard to case. */
public interface InstanceProfileRepository {
  /**
   * @throws DuplicateKeyException when the account has a profile of that name (any case)
   */
  void insert(InstanceProfile profile);

  Optional<InstanceProfile> findByName(String accountId, String name);

  /** Ordered by name (case-insensitive, then as written); a plain, case-sensitive path prefix. */
  List<InstanceProfile> list(String accountId, String pathPrefix);

  /** The profiles holding the role (name matched without regard to case), ordered by name. */
  List<InstanceProfile> listForRole(String accountId, String roleName);

  /**
   * Replaces the profile with the same instanceProfileId.
   *
   * @throws IllegalStateException when there is none
   */
  void update(InstanceProfile profile);

  boolean delete(String accountId, String name);
}
