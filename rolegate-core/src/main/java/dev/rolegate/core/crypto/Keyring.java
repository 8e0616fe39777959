package dev.rolegate.core.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The session-token sealing keys. The newest key seals; every key still in the ring opens, so a
 * rotation never breaks live sessions. Old keys leave the ring only once every token they sealed
 * has expired (the longest session lasts 36 hours).
 */
public final class Keyring {
  /** Longer than any session (GetSessionToken: 129,600 s). */
  public static final Duration RETENTION = Duration.ofHours(37);

  public record Key(int id, byte[] material, Instant created) {
    public Key {
      material = material.clone();
    }

    @Override
    public byte[] material() {
      return material.clone();
    }
  }

  private final List<Key> keys;

  private Keyring(List<Key> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a keyring needs a key");
    }
    this.keys = List.copyOf(keys);
  }

  public static Keyring generate(SecureRandom random, Instant now) {
    return new Keyring(List.of(newKey(1, random, now)));
  }

  private static Key newKey(int id, SecureRandom random, Instant now) {
    byte[] material = new byte[32];
    random.nextBytes(material);
    return new Key(id, material, now);
  }

  /** A new current key; keys retired more than {@link #RETENTION} ago are dropped. */
  public Keyring rotate(SecureRandom random, Instant now) {
    List<Key> next = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Key k = keys.get(i);
      Instant retired = i + 1 < keys.size() ? keys.get(i + 1).created() : now;
      if (retired.plus(RETENTION).isAfter(now)) {
        next.add(k);
      }
    }
    next.add(newKey(current().id() + 1, random, now));
    return new Keyring(next);
  }

  public Key current() {
    return keys.get(keys.size() - 1);
  }

  public Key find(int id) {
    for (Key k : keys) {
      if (k.id() == id) {
        return k;
      }
    }
    return null;
  }

  public List<Key> keys() {
    return keys;
  }

  public byte[] serialize() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1);
      out.writeInt(keys.size());
      for (Key k : keys) {
        out.writeInt(k.id());
        out.writeLong(k.created().toEpochMilli());
        out.write(k.material);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static Keyring parse(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (in.readInt() != 1) {
        throw new IllegalArgumentException("unknown keyring format");
      }
      int n = in.readInt();
      List<Key> keys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int id = in.readInt();
        Instant created = Instant.ofEpochMilli(in.readLong());
        byte[] material = new byte[32];
        in.readFully(material);
        keys.add(new Key(id, material, created));
      }
      return new Keyring(keys);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt keyring", e);
    }
  }
}
