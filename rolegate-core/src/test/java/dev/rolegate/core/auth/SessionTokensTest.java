package dev.rolegate.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.crypto.Keyring;
import dev.rolegate.core.crypto.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionTokensTest {
  private final SecureRandom random = new SecureRandom();
  private final Instant now = Instant.parse("2026-11-28T00:00:00Z");
  private final SessionClaims claims =
      new SessionClaims(
          new Caller(
              Caller.Kind.ASSUMED_ROLE,
              "123456789012",
              "arn:aws:sts::123456789012:assumed-role/Dev/alice",
              "AROAEXAMPLE:alice",
              "arn:aws:iam::123456789012:role/teams/Dev",
              "Dev",
              "alice",
              "ASIAEXAMPLE",
              new Session(
                  "AssumeRole",
                  now,
                  now.plusSeconds(3600),
                  "{\"Version\":\"2012-10-17\"}",
                  java.util.List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
                  java.util.List.of(new dev.rolegate.core.model.Tag("team", "blue")),
                  java.util.List.of("team"),
                  "alice@example.com",
                  now,
                  null)),
          "secret");

  @Test
  void aSealedTokenOpensToTheSameClaims() {
    AtomicReference<Keyring> ring = new AtomicReference<>(Keyring.generate(random, now));
    SessionTokens tokens = new SessionTokens(ring::get, random);
    String token = tokens.seal(claims);
    assertThat(tokens.open(token)).isEqualTo(claims);
    assertThat(token).doesNotContain("secret").doesNotContain("alice");
    Caller caller = tokens.open(token).caller();
    assertThat(caller.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Dev/alice");
    assertThat(caller.userId()).isEqualTo("AROAEXAMPLE:alice");
    assertThat(caller.identityArn()).isEqualTo("arn:aws:iam::123456789012:role/teams/Dev");
  }

  @Test
  void tamperedTruncatedOrForeignTokensDoNotOpen() {
    AtomicReference<Keyring> ring = new AtomicReference<>(Keyring.generate(random, now));
    SessionTokens tokens = new SessionTokens(ring::get, random);
    String token = tokens.seal(claims);
    byte[] raw = Base64.getDecoder().decode(token);
    for (int i = 0; i < raw.length; i++) {
      byte[] copy = raw.clone();
      copy[i] ^= 0x01;
      assertThat(tokens.open(Base64.getEncoder().encodeToString(copy)))
          .as("byte %d flipped", i)
          .isNull();
    }
    assertThat(tokens.open(token.substring(0, token.length() - 4))).isNull();
    assertThat(tokens.open("")).isNull();
    assertThat(tokens.open("not base64 !")).isNull();
    assertThat(tokens.open("x".repeat(SessionTokens.MAX_TOKEN_LENGTH + 1))).isNull();
    SessionTokens other = new SessionTokens(() -> Keyring.generate(random, now), random);
    assertThat(other.open(token)).isNull();
  }

  @Test
  void rotationKeepsLiveSessionsAndRetiresOldKeysAfterTheLongestSession() {
    AtomicReference<Keyring> ring = new AtomicReference<>(Keyring.generate(random, now));
    SessionTokens tokens = new SessionTokens(ring::get, random);
    String before = tokens.seal(claims);
    ring.set(ring.get().rotate(random, now.plusSeconds(60)));
    assertThat(tokens.open(before)).as("sealed before the rotation").isEqualTo(claims);
    String after = tokens.seal(claims);
    assertThat(ring.get().current().id()).isEqualTo(2);
    ring.set(ring.get().rotate(random, now.plus(Keyring.RETENTION).plus(Duration.ofMinutes(2))));
    assertThat(tokens.open(before)).as("key 1 retired long ago").isNull();
    assertThat(tokens.open(after)).as("key 2 retired just now").isEqualTo(claims);
    assertThat(Keyring.parse(ring.get().serialize()).keys())
        .extracting(Keyring.Key::id)
        .containsExactly(2, 3);
  }

  @Test
  void secretBoxBindsThePurpose() {
    byte[] key = new byte[32];
    random.nextBytes(key);
    SecretBox box = new SecretBox(key, random);
    byte[] sealed =
        box.seal("hello".getBytes(StandardCharsets.UTF_8), "a".getBytes(StandardCharsets.UTF_8));
    assertThat(box.open(sealed, "a".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    assertThat(box.open(sealed, "b".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(box.open(new byte[3], "a".getBytes(StandardCharsets.UTF_8))).isNull();
  }
}
