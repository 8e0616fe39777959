package dev.rolegate.core.port;

import java.util.Optional;

/** Small named values the server keeps (e.g. the sealing keyring, sealed with the master key). */
public interface SettingsRepository {
  Optional<byte[]> get(String name);

  void put(String name, byte[] value);
}
