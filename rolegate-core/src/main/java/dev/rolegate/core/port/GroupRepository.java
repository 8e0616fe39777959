package dev.rolegate.core.port;

import dev.rolegate.core.model.Group;
import java.util.List;
import java.util.Optional;

/**
 * Groups and their members; group names are unique per account without regard to case, and groups
 * and users are matched by name without regard to case. A membership belongs to the group and the
 * user themselves (not their names): renaming either keeps it, deleting either removes it.
 */
public interface GroupRepository {
  /**
   * @throws DuplicateKeyException when the account has a group of that name (any case)
   */
  void insert(Group group);

  Optional<Group> findByName(String accountId, String name);

  /** Ordered by name (case-insensitive, then as written); a plain, case-sensitive path prefix. */
  List<Group> list(String accountId, String pathPrefix);

  /**
   * Replaces the group with the same groupId (its name and path may change).
   *
   * @throws DuplicateKeyException when another group of the account has the new name (any case)
   * @throws IllegalStateException when there is none
   */
  void update(Group group);

  /** Deletes the group and its memberships. */
  boolean delete(String accountId, String name);

  /**
   * Makes the user a member of the group.
   *
   * @return false when it already was
   * @throws IllegalStateException when the group or the user does not exist
   */
  boolean addMember(String accountId, String groupName, String userName);

  /**
   * @return false when the user was not a member (or either does not exist)
   */
  boolean removeMember(String accountId, String groupName, String userName);

  /** The names of the group's users, ordered by name (case-insensitive, then as written). */
  List<String> listMembers(String accountId, String groupName);

  /** The groups the user is a member of, ordered by name. */
  List<Group> listGroupsForUser(String accountId, String userName);
}
