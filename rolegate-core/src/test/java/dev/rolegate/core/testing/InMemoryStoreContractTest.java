package dev.rolegate.core.testing;

import dev.rolegate.core.port.Store;
import dev.rolegate.core.port.contract.StoreContractTest;

/** The in-memory store held to the same contract as the SQLite store. */
class InMemoryStoreContractTest extends StoreContractTest {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
