package dev.rolegate.core.port;

import dev.rolegate.core.model.OidcProvider;
import java.util.List;
import java.util.Optional;

/** OpenID Connect providers; one per URL (scheme removed, case-sensitive) per account. */
public interface OidcProviderRepository {
  /**
   * @throws DuplicateKeyException when the account has a provider with that URL
   */
  void insert(OidcProvider provider);

  /** The provider of the account with exactly that URL (without scheme). */
  Optional<OidcProvider> find(String accountId, String url);

  /** Ordered by URL. */
  List<OidcProvider> list(String accountId);

  /**
   * Replaces the client ids, thumbprints and tags of the provider with the same account and URL.
   *
   * @throws IllegalStateException when there is none
   */
  void update(OidcProvider provider);

  boolean delete(String accountId, String url);
}
