package dev.rolegate.core.port;

import dev.rolegate.core.model.SamlProvider;
import java.util.List;
import java.util.Optional;

/** SAML providers; one per name (case-sensitive) per account. */
public interface SamlProviderRepository {
  /**
   * @throws DuplicateKeyException when the account has a provider with that name
   */
  void insert(SamlProvider provider);

  /** The provider of the account with exactly that name. */
  Optional<SamlProvider> find(String accountId, String name);

  /** Ordered by name. */
  List<SamlProvider> list(String accountId);

  /**
   * Replaces the metadata document, its validUntil and the tags of the provider with the same
   * account and name.
   *
   * @throws IllegalStateException when there is none
   */
  void update(SamlProvider provider);

  boolean delete(String accountId, String name);
}
