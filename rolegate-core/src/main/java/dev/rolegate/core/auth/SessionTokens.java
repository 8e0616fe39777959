package dev.rolegate.core.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rolegate.core.crypto.Keyring;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.core.model.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
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

  private static byte[] json(SessionClaims claims) {
    Caller c = claims.caller();
    Session s = c.session();
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("kind", c.kind().name());
      g.writeStringField("a", c.accountId());
      g.writeStringField("arn", c.arn());
      g.writeStringField("uid", c.userId());
      g.writeStringField("iarn", c.identityArn());
      text(g, "n", c.name());
      text(g, "sn", c.sessionName());
      g.writeStringField("k", c.accessKeyId());
      g.writeStringField("s", claims.secretAccessKey());
      g.writeStringField("o", s.origin());
      g.writeNumberField("iat", s.issuedAt().toEpochMilli());
      g.writeNumberField("exp", s.expiration().toEpochMilli());
      text(g, "p", s.policy());
      strings(g, "pa", s.policyArns());
      if (!s.tags().isEmpty()) {
        g.writeArrayFieldStart("t");
        for (Tag t : s.tags()) {
          g.writeString(t.key());
          g.writeString(t.value());
        }
        g.writeEndArray();
      }
      strings(g, "tt", s.transitiveTagKeys());
      text(g, "si", s.sourceIdentity());
      if (s.mfaAuthTime() != null) {
        g.writeNumberField("mfa", s.mfaAuthTime().toEpochMilli());
      }
      text(g, "pu", s.parentUserName());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void text(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void strings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    if (!values.isEmpty()) {
      g.writeArrayFieldStart(name);
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
  }

  private static SessionClaims parse(byte[] json) {
    Map<String, String> f = new HashMap<>();
    Map<String, List<String>> lists = new HashMap<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (p.nextToken() == JsonToken.START_ARRAY) {
          List<String> values = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(p.getText());
          }
          lists.put(name, values);
        } else {
          f.put(name, p.getText());
        }
      }
      List<String> flat = lists.getOrDefault("t", List.of());
      List<Tag> tags = new ArrayList<>();
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        tags.add(new Tag(flat.get(i), flat.get(i + 1)));
      }
      Session session =
          new Session(
              f.get("o"),
              Instant.ofEpochMilli(Long.parseLong(f.get("iat"))),
              Instant.ofEpochMilli(Long.parseLong(f.get("exp"))),
              f.get("p"),
              lists.getOrDefault("pa", List.of()),
              tags,
              lists.getOrDefault("tt", List.of()),
              f.get("si"),
              f.containsKey("mfa") ? Instant.ofEpochMilli(Long.parseLong(f.get("mfa"))) : null,
              f.get("pu"));
      Caller caller =
          new Caller(
              Caller.Kind.valueOf(f.get("kind")),
              f.get("a"),
              f.get("arn"),
              f.get("uid"),
              f.get("iarn"),
              f.get("n"),
              f.get("sn"),
              f.get("k"),
              session);
      return new SessionClaims(caller, f.get("s"));
    } catch (IOException | RuntimeException e) {
      return null; // sealed by us, so this means a format we no longer read
    }
  }
}
