package dev.rolegate.store.sqlite;

import dev.rolegate.core.port.Store;
import dev.rolegate.core.port.contract.StoreContractTest;

class SqliteStoreInMemoryTest extends StoreContractTest {
  @Override
  protected Store newStore() {
    return SqliteStore.inMemory();
  }
}
