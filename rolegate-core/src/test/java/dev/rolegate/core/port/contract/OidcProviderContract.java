package dev.rolegate.core.port.contract;

import static dev.rolegate.core.port.contract.Fixtures.ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.OTHER_ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.T0;
import static dev.rolegate.core.port.contract.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.model.OidcProvider;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Part of {@link StoreContractTest}: OpenID Connect providers. */
public abstract class OidcProviderContract extends GroupContract {
  static OidcProvider oidc(String account, String url) {
    return new OidcProvider(
        account,
        url,
        List.of("sts.amazonaws.com", "b"),
        List.of("a".repeat(40)),
        tags("k", "v"),
        T0);
  }

  @Test
  void anOidcProviderRoundTripsAndItsUrlIsCaseSensitiveAndUniquePerAccount() {
    OidcProvider p = oidc(ACCOUNT, "token.actions.githubusercontent.com");
    write(repos -> repos.oidcProviders().insert(p));
    assertThat(p.arn())
        .isEqualTo(
            "arn:aws:iam::" + ACCOUNT + ":oidc-provider/token.actions.githubusercontent.com");
    assertThat(read((Repositories r) -> r.oidcProviders().find(ACCOUNT, p.url()))).contains(p);
    assertThat(
            read(
                (Repositories r) ->
                    r.oidcProviders().find(ACCOUNT, "Token.actions.githubusercontent.com")))
        .isEmpty();
    assertThat(read((Repositories r) -> r.oidcProviders().find(OTHER_ACCOUNT, p.url()))).isEmpty();
    assertThatThrownBy(() -> write(repos -> repos.oidcProviders().insert(oidc(ACCOUNT, p.url()))))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessage(
            "Provider with url https://token.actions.githubusercontent.com already exists.");
    write(repos -> repos.oidcProviders().insert(oidc(OTHER_ACCOUNT, p.url()))); // another account
  }

  @Test
  void oidcProvidersAreListedByUrlAndUpdatedAndDeleted() {
    write(
        repos -> {
          repos.oidcProviders().insert(oidc(ACCOUNT, "b.example.com/path"));
          repos.oidcProviders().insert(oidc(ACCOUNT, "a.example.com"));
          repos.oidcProviders().insert(oidc(OTHER_ACCOUNT, "c.example.com"));
        });
    assertThat(read((Repositories r) -> r.oidcProviders().list(ACCOUNT)))
        .extracting(OidcProvider::url)
        .containsExactly("a.example.com", "b.example.com/path");
    OidcProvider a =
        read((Repositories r) -> r.oidcProviders().find(ACCOUNT, "a.example.com")).orElseThrow();
    write(
        repos ->
            repos
                .oidcProviders()
                .update(a.withClientIds(List.of("x", "y")).withThumbprints(List.of())));
    OidcProvider after =
        read((Repositories r) -> r.oidcProviders().find(ACCOUNT, "a.example.com")).orElseThrow();
    assertThat(after.clientIds()).containsExactly("x", "y");
    assertThat(after.thumbprints()).isEmpty();
    assertThat(after.createDate()).isEqualTo(T0);
    assertThatThrownBy(
            () -> write(repos -> repos.oidcProviders().update(oidc(ACCOUNT, "ghost.example.com"))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.write((Repositories r) -> r.oidcProviders().delete(ACCOUNT, "a.example.com")))
        .isTrue();
    assertThat(store.write((Repositories r) -> r.oidcProviders().delete(ACCOUNT, "a.example.com")))
        .isFalse();
    assertThat(read((Repositories r) -> r.oidcProviders().list(ACCOUNT)))
        .extracting(OidcProvider::url)
        .containsExactly("b.example.com/path");
  }
}
