package dev.rolegate.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void aHashIsSaltedIteratedAndMatchesOnlyItsPassword() {
    String hash = PasswordHashes.hash("Str0ng!Passw0rd", random);
    assertThat(hash).startsWith("pbkdf2-sha512$210000$").doesNotContain("Str0ng");
    assertThat(PasswordHashes.matches("Str0ng!Passw0rd", hash)).isTrue();
    assertThat(PasswordHashes.matches("Str0ng!Passw0rD", hash)).isFalse();
    assertThat(PasswordHashes.hash("Str0ng!Passw0rd", random))
        .as("a new salt each time")
        .isNotEqualTo(hash);
    assertThat(PasswordHashes.matches("x", "plain")).isFalse();
    assertThat(PasswordHashes.matches("x", "pbkdf2-sha512$1$%%$%%")).isFalse();
  }
}
