package dev.rolegate.core.port.contract;

import dev.rolegate.core.port.Repositories;
import dev.rolegate.core.port.Store;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Set-up and helpers of {@link StoreContractTest}: a new store per test, closed after it. */
public abstract class StoreContractSupport {
  /** Name order of the ports: without regard to case (lower-cased), then as written. */
  protected static final Comparator<String> NAME_ORDER =
      String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

  protected Store store;

  /** A new, empty store. */
  protected abstract Store newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /** Runs the work in {@link Store#write}. */
  protected void write(Consumer<Repositories> work) {
    store.write(
        repos -> {
          work.accept(repos);
          return null;
        });
  }

  protected <T> T read(Function<Repositories, T> work) {
    return store.read(work);
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
