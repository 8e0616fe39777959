package dev.rolegate.core.port.contract;

import static dev.rolegate.core.port.contract.Fixtures.ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.OTHER_ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.T0;
import static dev.rolegate.core.port.contract.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.model.SamlProvider;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Part of {@link StoreContractTest}: SAML providers. */
public abstract class SamlProviderContract extends OidcProviderContract {
  static SamlProvider saml(String account, String name) {
    return new SamlProvider(
        account,
        name,
        "<EntityDescriptor entityID=\"" + name + "\"/>",
        T0.plusSeconds(86_400),
        tags("k", "v"),
        T0);
  }

  @Test
  void aSamlProviderRoundTripsAndItsNameIsCaseSensitiveAndUniquePerAccount() {
    SamlProvider p = saml(ACCOUNT, "Okta");
    write(repos -> repos.samlProviders().insert(p));
    assertThat(p.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":saml-provider/Okta");
    assertThat(read((Repositories r) -> r.samlProviders().find(ACCOUNT, "Okta"))).contains(p);
    assertThat(read((Repositories r) -> r.samlProviders().find(ACCOUNT, "okta"))).isEmpty();
    assertThat(read((Repositories r) -> r.samlProviders().find(OTHER_ACCOUNT, "Okta"))).isEmpty();
    assertThatThrownBy(() -> write(repos -> repos.samlProviders().insert(saml(ACCOUNT, "Okta"))))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessage("SAMLProvider Okta already exists.");
    write(repos -> repos.samlProviders().insert(saml(OTHER_ACCOUNT, "Okta"))); // another account
    SamlProvider noExpiry = new SamlProvider(ACCOUNT, "adfs", "<x/>", null, List.of(), T0);
    write(repos -> repos.samlProviders().insert(noExpiry));
    assertThat(read((Repositories r) -> r.samlProviders().find(ACCOUNT, "adfs")))
        .contains(noExpiry);
  }

  @Test
  void samlProvidersAreListedByNameAndUpdatedAndDeleted() {
    write(
        repos -> {
          repos.samlProviders().insert(saml(ACCOUNT, "b"));
          repos.samlProviders().insert(saml(ACCOUNT, "a"));
          repos.samlProviders().insert(saml(OTHER_ACCOUNT, "c"));
        });
    assertThat(read((Repositories r) -> r.samlProviders().list(ACCOUNT)))
        .extracting(SamlProvider::name)
        .containsExactly("a", "b");
    SamlProvider a = read((Repositories r) -> r.samlProviders().find(ACCOUNT, "a")).orElseThrow();
    write(
        repos ->
            repos.samlProviders().update(a.withMetadata("<new/>", null).withTags(tags("x", "y"))));
    SamlProvider after =
        read((Repositories r) -> r.samlProviders().find(ACCOUNT, "a")).orElseThrow();
    assertThat(after.metadataDocument()).isEqualTo("<new/>");
    assertThat(after.validUntil()).isNull();
    assertThat(after.tags()).isEqualTo(tags("x", "y"));
    assertThat(after.createDate()).isEqualTo(T0);
    assertThatThrownBy(() -> write(repos -> repos.samlProviders().update(saml(ACCOUNT, "ghost"))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.write((Repositories r) -> r.samlProviders().delete(ACCOUNT, "a"))).isTrue();
    assertThat(store.write((Repositories r) -> r.samlProviders().delete(ACCOUNT, "a"))).isFalse();
    assertThat(read((Repositories r) -> r.samlProviders().list(ACCOUNT)))
        .extracting(SamlProvider::name)
        .containsExactly("b");
  }
}
