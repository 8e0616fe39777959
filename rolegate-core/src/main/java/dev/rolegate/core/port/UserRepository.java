package dev.rolegate.core.port;

import dev.rolegate.core.model.User;
import java.util.List;
import java.util.Optional;

/** Users; names are unique per account without regard to case. */
public interface UserRepository {
  /**
   * @throws DuplicateKeyException when the account has a user of that name (any case)
   */
  void insert(User user);

  Optional<User> findByName(String accountId, String name);

  Optional<User> findById(String userId);

  /** Ordered by name (case-insensitive, then as written). */
  List<User> list(String accountId, String pathPrefix);

  void update(User user);

  boolean delete(String accountId, String name);

  /**
   * How many users of the account have the policy (by ARN, exactly) as their permissions boundary.
   */
  int countWithBoundary(String accountId, String policyArn);
}
