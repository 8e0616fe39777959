package dev.rolegate.core.port;

import dev.rolegate.core.model.Account;
import java.util.List;
import java.util.Optional;

public interface AccountRepository {
  /** @throws DuplicateKeyException when the id exists */
  void insert(Account account);

  Optional<Account> find(String accountId);

  /** Ordered by id. */
  List<Account> list();
}
