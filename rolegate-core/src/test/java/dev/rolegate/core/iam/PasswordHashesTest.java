package dev.rolegate.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.model.PasswordPolicy;
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
    assertThat(PasswordHashes.hash("Str0ng!Passw0rd", random)).as("a new salt each time").isNotEqualTo(hash);
    assertThat(PasswordHashes.matches("x", "plain")).isFalse();
    assertThat(PasswordHashes.matches("x", "pbkdf2-sha512$1$%%$%%")).isFalse();
  }

  private static String violation(PasswordPolicy policy, String user, String password) {
    try {
      LoginProfileService.checkPolicy(policy, user, password);
      return null;
    } catch (AwsServiceException e) {
      assertThat(e.code()).isEqualTo(AwsErrorCode.PASSWORD_POLICY_VIOLATION);
      return e.getMessage();
    }
  }

  @Test
  void withoutAnAccountPolicyAwsDefaultPolicyApplies() {
    assertThat(violation(null, "alice", "Ab1!xyz")).isEqualTo("Password should have a minimum length of 8");
    assertThat(violation(null, "alice", "abcdefgh1")).startsWith("Password should have at least three");
    assertThat(violation(null, "alice", "abcdefgh1!")).isNull();
    assertThat(violation(null, "Abc-12345", "abc-12345")).isEqualTo("Password should not be the user name");
  }

  @Test
  void anAccountPolicyIsCheckedRuleByRule() {
    PasswordPolicy strict = new PasswordPolicy(12, true, true, true, true, true, 90, 5, false);
    assertThat(violation(strict, "alice", "Ab1!")).isEqualTo("Password should have a minimum length of 12");
    assertThat(violation(strict, "alice", "ABCDEFGHIJ1!")).isEqualTo("Password should have at least one lowercase letter");
    assertThat(violation(strict, "alice", "abcdefghij1!")).isEqualTo("Password should have at least one uppercase letter");
    assertThat(violation(strict, "alice", "Abcdefghijk!")).isEqualTo("Password should have at least one number");
    assertThat(violation(strict, "alice", "Abcdefghijk1")).isEqualTo("Password should have at least one symbol");
    assertThat(violation(strict, "alice", "Abcdefghij1'")).isNull();
    PasswordPolicy lax = new PasswordPolicy(6, false, false, false, false, false, 0, 0, false);
    assertThat(violation(lax, "alice", "aaaaaa")).isNull();
    assertThatThrownBy(() -> LoginProfileService.checkPolicy(lax, "alice", "aaaaa")).hasMessage("Password should have a minimum length of 6");
  }
}
