package dev.rolegate.core.port;

import dev.rolegate.core.model.AccessKey;
import java.util.List;
import java.util.Optional;

public interface AccessKeyRepository {
  void insert(AccessKey key);

  Optional<AccessKey> find(String accessKeyId);

  /** Keys of a user (userName null: the account's root keys), ordered by create date. */
  List<AccessKey> listForUser(String accountId, String userName);

  void setActive(String accessKeyId, boolean active);

  boolean delete(String accessKeyId);
}
