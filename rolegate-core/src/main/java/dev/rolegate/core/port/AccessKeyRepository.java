package dev.rolegate.core.port;

import dev.rolegate.core.model.AccessKey;
import dev.rolegate.core.model.AccessKeyUse;
import java.util.List;
import java.util.Optional;

public interface AccessKeyRepository {
  void insert(AccessKey key);

  Optional<AccessKey> find(String accessKeyId);

  /** Keys of a user (userName null: the account's root keys), ordered by create date. */
  List<AccessKey> listForUser(String accountId, String userName);

  void setActive(String accessKeyId, boolean active);

  boolean delete(String accessKeyId);

  /** The key's last recorded use; empty when it was never used (or does not exist). */
  Optional<AccessKeyUse> lastUsed(String accessKeyId);

  /** Records the key's last use (replacing the previous one); nothing when no key has the id. */
  void recordUse(String accessKeyId, AccessKeyUse use);

  /**
   * Moves the keys of user {@code from} to the user's new name {@code to} (UpdateUser's rename).
   */
  void renameUser(String accountId, String from, String to);
}
