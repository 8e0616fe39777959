package dev.rolegate.core.port;

import dev.rolegate.core.model.LoginProfile;
import java.util.Optional;

/** Users' login profiles, one per user; the user is matched without regard to case. */
public interface LoginProfileRepository {
  /**
   * @throws DuplicateKeyException when the user has one
   */
  void insert(LoginProfile profile);

  Optional<LoginProfile> find(String accountId, String userName);

  /**
   * Replaces the user's profile (password hash and reset flag). @throws IllegalStateException when
   * there is none
   */
  void update(LoginProfile profile);

  boolean delete(String accountId, String userName);

  /**
   * Moves the profile of user {@code from} to the user's new name {@code to} (UpdateUser's rename).
   */
  void renameUser(String accountId, String from, String to);
}
