package dev.rolegate.core.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rolegate.core.crypto.Keyring;
import dev.rolegate.core.crypto.SecretBox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Session tokens: the {@link SessionClaims} as JSON, sealed with AES-256-GCM under the keyring's
 * current key. Layout before base64: {@code 'R' 'G' version(1) keyId(4) box}. Opening tries the key
 * the token names, so tokens sealed before a rotation keep working while that key is in the ring.
 */
public final class SessionTokens {
  private static final byte[] AAD = "rolegate session token v1".getBytes(StandardCharsets.US_ASCII);
  private static final JsonFactory JSON = new JsonFactory();
  /** A bound on what we try to decode: tokens we issue are far smaller. */
  public static final int MAX_TOKEN_LENGTH = 8192;

  private final Supplier<Keyring> keyring;
  private final SecureRandom random;

  public SessionTokens(Supplier<Keyring> keyring, SecureRandom random) {
    this.keyring = keyring;
    this.random = random;
  }

  public String seal(SessionClaims claims) {
    Keyring.Key key = keyring.get().current();
    byte[] box = new SecretBox(key.material(), random).seal(json(claims), AAD);
    ByteBuffer b = ByteBuffer.allocate(3 + 4 + box.length);
    b.put((byte) 'R').put((byte) 'G').put((byte) 1).putInt(key.id()).put(box);
    return Base64.getEncoder().encodeToString(b.array());
  }

  /** The claims, or null when the token is not one we sealed (tampered, truncated, unknown key). */
  public SessionClaims open(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return null;
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (raw.length < 8 || raw[0] != 'R' || raw[1] != 'G' || raw[2] != 1) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    b.position(3);
    Keyring.Key key = keyring.get().find(b.getInt());
    if (key == null) {
      return null;
    }
    byte[] box = new byte[b.remaining()];
    b.get(box);
    byte[] plain = new SecretBox(key.material(), random).open(box, AAD);
    return plain == null ? null : parse(plain);
  }

  private static byte[] json(SessionClaims c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("k", c.accessKeyId());
      g.writeStringField("s", c.secretAccessKey());
      g.writeStringField("a", c.accountId());
      g.writeStringField("ra", c.roleArn());
      g.writeStringField("ri", c.roleId());
      g.writeStringField("rn", c.roleName());
      g.writeStringField("sn", c.sessionName());
      g.writeNumberField("iat", c.issuedAt().toEpochMilli());
      g.writeNumberField("exp", c.expiration().toEpochMilli());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static SessionClaims parse(byte[] json) {
    Map<String, String> f = new HashMap<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        f.put(name, p.getText());
      }
      return new SessionClaims(
          f.get("k"), f.get("s"), f.get("a"), f.get("ra"), f.get("ri"), f.get("rn"), f.get("sn"),
          Instant.ofEpochMilli(Long.parseLong(f.get("iat"))), Instant.ofEpochMilli(Long.parseLong(f.get("exp"))));
    } catch (IOException | RuntimeException e) {
      return null; // sealed by us, so this means a format we no longer read
    }
  }
}
