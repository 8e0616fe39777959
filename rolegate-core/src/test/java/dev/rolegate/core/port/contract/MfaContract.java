package dev.rolegate.core.port.contract;

import static dev.rolegate.core.port.contract.Fixtures.ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.OTHER_ACCOUNT;
import static dev.rolegate.core.port.contract.Fixtures.T0;
import static dev.rolegate.core.port.contract.Fixtures.at;
import static dev.rolegate.core.port.contract.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.model.MfaDevice;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.MfaDeviceRepository.AssignmentStatus;
import dev.rolegate.core.port.Repositories;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Part of {@link StoreContractTest}: virtual MFA devices. */
public abstract class MfaContract extends InstanceProfileContract {
  static MfaDevice device(String account, String path, String name) {
    return new MfaDevice(
        account,
        MfaDevice.serialNumber(account, path, name),
        path,
        name,
        ("sealed seed of " + name).getBytes(StandardCharsets.UTF_8),
        null,
        null,
        0,
        tags("k", "v"),
        T0);
  }

  @Test
  void anMfaDeviceRoundTripsAndIsFoundBySerialNumberInAnyCase() {
    MfaDevice d = device(ACCOUNT, "/team/", "Phone");
    write(repos -> repos.mfaDevices().insert(d));
    assertThat(d.serialNumber()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":mfa/team/Phone");
    MfaDevice found =
        read((Repositories r) -> r.mfaDevices().find("arn:aws:iam::" + ACCOUNT + ":mfa/TEAM/phone"))
            .orElseThrow();
    assertThat(found).isEqualTo(d);
    assertThat(found.encryptedSeed()).isEqualTo(d.encryptedSeed());
    assertThat(found.enabled()).isFalse();
    assertThat(
            read(
                (Repositories r) ->
                    r.mfaDevices().find("arn:aws:iam::" + OTHER_ACCOUNT + ":mfa/team/Phone")))
        .isEmpty();
    assertThatThrownBy(
            () -> write(repos -> repos.mfaDevices().insert(device(ACCOUNT, "/Team/", "PHONE"))))
        .isInstanceOf(DuplicateKeyException.class);
    write(
        repos ->
            repos
                .mfaDevices()
                .insert(device(ACCOUNT, "/", "Phone"))); // another path: another serial number
  }

  @Test
  void enablingRecordsUserDateAndStepAndDeactivatingKeepsTheStep() {
    MfaDevice d = device(ACCOUNT, "/", "Phone");
    write(repos -> repos.mfaDevices().insert(d));
    write(repos -> repos.mfaDevices().update(d.enable("Alice", at(60), 59_000_001L)));
    MfaDevice enabled =
        read((Repositories r) -> r.mfaDevices().find(d.serialNumber())).orElseThrow();
    assertThat(enabled.userName()).isEqualTo("Alice");
    assertThat(enabled.enableDate()).isEqualTo(at(60));
    assertThat(enabled.lastUsedStep()).isEqualTo(59_000_001L);
    write(repos -> repos.mfaDevices().update(enabled.withLastUsedStep(59_000_005L)));
    write(
        repos ->
            repos
                .mfaDevices()
                .update(repos.mfaDevices().find(d.serialNumber()).orElseThrow().deactivate()));
    MfaDevice after = read((Repositories r) -> r.mfaDevices().find(d.serialNumber())).orElseThrow();
    assertThat(after.enabled()).isFalse();
    assertThat(after.enableDate()).isNull();
    assertThat(after.lastUsedStep()).isEqualTo(59_000_005L);
    assertThatThrownBy(
            () -> write(repos -> repos.mfaDevices().update(device(ACCOUNT, "/", "Ghost"))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void virtualDevicesAreListedByAssignmentAndUserDevicesByUser() {
    MfaDevice a = device(ACCOUNT, "/", "a");
    MfaDevice b = device(ACCOUNT, "/", "B");
    MfaDevice c = device(ACCOUNT, "/x/", "c");
    write(
        repos -> {
          repos.mfaDevices().insert(c);
          repos.mfaDevices().insert(b.enable("Bob", at(20), 1));
          repos.mfaDevices().insert(a.enable("bob", at(10), 1));
          repos.mfaDevices().insert(device(OTHER_ACCOUNT, "/", "d").enable("Bob", at(5), 1));
        });
    assertThat(read((Repositories r) -> r.mfaDevices().listVirtual(ACCOUNT, AssignmentStatus.ANY)))
        .extracting(MfaDevice::name)
        .containsExactly("a", "B", "c");
    assertThat(
            read(
                (Repositories r) -> r.mfaDevices().listVirtual(ACCOUNT, AssignmentStatus.ASSIGNED)))
        .extracting(MfaDevice::name)
        .containsExactly("a", "B");
    assertThat(
            read(
                (Repositories r) ->
                    r.mfaDevices().listVirtual(ACCOUNT, AssignmentStatus.UNASSIGNED)))
        .extracting(MfaDevice::name)
        .containsExactly("c");
    assertThat(read((Repositories r) -> r.mfaDevices().listForUser(ACCOUNT, "BOB")))
        .extracting(MfaDevice::name)
        .containsExactly("a", "B"); // oldest enabled first
    assertThat(read((Repositories r) -> r.mfaDevices().listForUser(ACCOUNT, "carol"))).isEmpty();
  }

  @Test
  void anMfaDeviceIsDeletedAndWipedAndRolledBack() {
    MfaDevice d = device(ACCOUNT, "/", "Phone");
    write(repos -> repos.mfaDevices().insert(d));
    assertThatThrownBy(
            () ->
                write(
                    repos -> {
                      repos.mfaDevices().delete(d.serialNumber());
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(read((Repositories r) -> r.mfaDevices().find(d.serialNumber()))).isPresent();
    assertThat(
            store.write(
                (Repositories r) ->
                    r.mfaDevices().delete(d.serialNumber().toUpperCase(java.util.Locale.ROOT))))
        .isTrue();
    assertThat(store.write((Repositories r) -> r.mfaDevices().delete(d.serialNumber()))).isFalse();
    write(repos -> repos.mfaDevices().insert(d));
    store.wipe();
    assertThat(read((Repositories r) -> r.mfaDevices().listVirtual(ACCOUNT, AssignmentStatus.ANY)))
        .isEqualTo(List.of());
  }

  @Test
  void renamingAUserMovesItsDevicesOnly() {
    write(
        repos -> {
          repos.mfaDevices().insert(device(ACCOUNT, "/", "a").enable("bob", at(10), 1));
          repos.mfaDevices().insert(device(ACCOUNT, "/", "b").enable("carol", at(10), 1));
          repos.mfaDevices().insert(device(OTHER_ACCOUNT, "/", "c").enable("bob", at(10), 1));
        });
    write(repos -> repos.mfaDevices().renameUser(ACCOUNT, "BOB", "Robert"));
    assertThat(read((Repositories r) -> r.mfaDevices().listForUser(ACCOUNT, "bob"))).isEmpty();
    assertThat(read((Repositories r) -> r.mfaDevices().listForUser(ACCOUNT, "robert")))
        .extracting(MfaDevice::name, MfaDevice::userName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "Robert"));
    assertThat(read((Repositories r) -> r.mfaDevices().listForUser(ACCOUNT, "carol"))).hasSize(1);
    assertThat(read((Repositories r) -> r.mfaDevices().listForUser(OTHER_ACCOUNT, "bob")))
        .hasSize(1);
  }
}
