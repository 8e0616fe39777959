package dev.rolegate.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.model.PasswordPolicy;
import org.junit.jupiter.api.Test;

/** The account password policy as LoginProfileService checks it (AWS's rules and messages). */
class PasswordPolicyTest {
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
    assertThat(violation(null, "alice", "Ab1!xyz"))
        .isEqualTo("Password should have a minimum length of 8");
    assertThat(violation(null, "alice", "abcdefgh1"))
        .startsWith("Password should have at least three");
    assertThat(violation(null, "alice", "abcdefgh1!")).isNull();
    assertThat(violation(null, "Abc-12345", "abc-12345"))
        .isEqualTo("Password should not be the user name");
  }

  @Test
  void anAccountPolicyIsCheckedRuleByRule() {
    PasswordPolicy strict = new PasswordPolicy(12, true, true, true, true, true, 90, 5, false);
    assertThat(violation(strict, "alice", "Ab1!"))
        .isEqualTo("Password should have a minimum length of 12");
    assertThat(violation(strict, "alice", "ABCDEFGHIJ1!"))
        .isEqualTo("Password should have at least one lowercase letter");
    assertThat(violation(strict, "alice", "abcdefghij1!"))
        .isEqualTo("Password should have at least one uppercase letter");
    assertThat(violation(strict, "alice", "Abcdefghijk!"))
        .isEqualTo("Password should have at least one number");
    assertThat(violation(strict, "alice", "Abcdefghijk1"))
        .isEqualTo("Password should have at least one symbol");
    assertThat(violation(strict, "alice", "Abcdefghij1'")).isNull();
    PasswordPolicy lax = new PasswordPolicy(6, false, false, false, false, false, 0, 0, false);
    assertThat(violation(lax, "alice", "aaaaaa")).isNull();
    assertThatThrownBy(() -> LoginProfileService.checkPolicy(lax, "alice", "aaaaa"))
        .hasMessage("Password should have a minimum length of 6");
  }
}
