package dev.rolegate.core.auth;

import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.Repositories;
import java.util.Optional;

/** The stored user or role a caller is, for its policies and its tags. */
final class Principals {
  private Principals() {}

  /**
   * The calling user's row. Temporary credentials (GetSessionToken) find it by its unique id, which
   * a rename keeps, as IAM identifies users; long-term keys resolve to the current row already.
   */
  static Optional<User> user(Repositories r, Caller caller) {
    if (caller.temporary()) {
      return r.users()
          .findById(caller.userId())
          .filter(u -> u.accountId().equals(caller.accountId()));
    }
    return r.users().findByName(caller.accountId(), caller.name());
  }

  /** A role session's role. */
  static Optional<Role> role(Repositories r, Caller caller) {
    return r.roles().findByName(caller.accountId(), caller.name());
  }
}
