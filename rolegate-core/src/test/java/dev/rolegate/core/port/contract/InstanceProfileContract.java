package dev.rolegate.core.port.contract;

import static dev.rolegate.core.port.contract.Fixtures.ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.OTHER_ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.T0;
import static dev.rolegate.core.port.contract.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.model.InstanceProfile;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Part of {@link StoreContractTest}: instance profiles. */
public abstract class InstanceProfileContract extends PolicyContract {
  static InstanceProfile profile(String account, String name, String path, String role) {
    return new InstanceProfile(
        account,
        "AIPA" + account + name.toUpperCase(Locale.ROOT),
        name,
        path,
        role,
        tags("k", "v"),
        T0);
  }

  @Test
  void anInstanceProfileRoundTripsAndIsFoundByNameInAnyCase() {
    InstanceProfile p = profile(ACCOUNT, "Web", "/app/", "WebRole");
    write(repos -> repos.instanceProfiles().insert(p));
    assertThat(read((Repositories r) -> r.instanceProfiles().findByName(ACCOUNT, "wEB")))
        .contains(p);
    assertThat(read((Repositories r) -> r.instanceProfiles().findByName(OTHER_ACCOUNT, "Web")))
        .isEmpty();
    assertThatThrownBy(
            () ->
                write(repos -> repos.instanceProfiles().insert(profile(ACCOUNT, "WEB", "/", null))))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessage("Instance Profile WEB already exists.");
  }

  @Test
  void instanceProfilesAreListedByNameAndByRole() {
    write(
        repos -> {
          repos.instanceProfiles().insert(profile(ACCOUNT, "b", "/x/", "R1"));
          repos.instanceProfiles().insert(profile(ACCOUNT, "A", "/", "r1"));
          repos.instanceProfiles().insert(profile(ACCOUNT, "c", "/x/y/", null));
          repos.instanceProfiles().insert(profile(OTHER_ACCOUNT, "d", "/", "R1"));
        });
    assertThat(read((Repositories r) -> r.instanceProfiles().list(ACCOUNT, "/")))
        .extracting(InstanceProfile::name)
        .containsExactly("A", "b", "c");
    assertThat(read((Repositories r) -> r.instanceProfiles().list(ACCOUNT, "/x/")))
        .extracting(InstanceProfile::name)
        .containsExactly("b", "c");
    assertThat(read((Repositories r) -> r.instanceProfiles().listForRole(ACCOUNT, "R1")))
        .extracting(InstanceProfile::name)
        .containsExactly("A", "b");
  }

  @Test
  void anInstanceProfileTakesAndLosesItsRoleAndIsDeleted() {
    InstanceProfile p = profile(ACCOUNT, "Web", "/", null);
    write(repos -> repos.instanceProfiles().insert(p));
    write(repos -> repos.instanceProfiles().update(p.withRole("WebRole")));
    assertThat(read((Repositories r) -> r.instanceProfiles().listForRole(ACCOUNT, "webrole")))
        .singleElement()
        .extracting(InstanceProfile::roleName)
        .isEqualTo("WebRole");
    write(repos -> repos.instanceProfiles().update(p));
    assertThat(read((Repositories r) -> r.instanceProfiles().listForRole(ACCOUNT, "WebRole")))
        .isEmpty();
    assertThatThrownBy(
            () ->
                write(
                    repos -> repos.instanceProfiles().update(profile(ACCOUNT, "Ghost", "/", null))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.write((Repositories r) -> r.instanceProfiles().delete(ACCOUNT, "WEB")))
        .isTrue();
    assertThat(store.write((Repositories r) -> r.instanceProfiles().delete(ACCOUNT, "Web")))
        .isFalse();
  }
}
