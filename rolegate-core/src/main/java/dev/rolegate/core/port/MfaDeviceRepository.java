package dev.rolegate.core.port;

import dev.rolegate.core.model.MfaDevice;
import java.util.List;
import java.util.Optional;

/**
 * Virtual MFA devices; serial numbers (the device ARNs) are unique and found without regard to
 * case.
 */
public interface MfaDeviceRepository {
  /** ListVirtualMFADevices' AssignmentStatus. */
  enum AssignmentStatus {
    ASSIGNED,
    UNASSIGNED,
    ANY
  }

  /**
   * @throws DuplicateKeyException when a device has that serial number (any case)
   */
  void insert(MfaDevice device);

  Optional<MfaDevice> find(String serialNumber);

  /**
   * The account's devices with that status, ordered by serial number (case-insensitive, then as
   * written).
   */
  List<MfaDevice> listVirtual(String accountId, AssignmentStatus status);

  /**
   * The devices enabled for the user (name matched without regard to case), oldest enabled first.
   */
  List<MfaDevice> listForUser(String accountId, String userName);

  /**
   * Replaces the device with the same serial number (its user, enable date, last step and tags).
   *
   * @throws IllegalStateException when there is none
   */
  void update(MfaDevice device);

  boolean delete(String serialNumber);

  /**
   * Moves the devices enabled for user {@code from} to the user's new name {@code to} (UpdateUser's
   * rename).
   */
  void renameUser(String accountId, String from, String to);
}
