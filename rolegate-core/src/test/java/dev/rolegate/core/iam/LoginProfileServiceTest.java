package dev.rolegate.core.iam;

import static dev.rolegate.core.testing.AwsErrors.expect;
import static dev.rolegate.core.testing.TestIam.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.crypto.PasswordHashes;
import dev.rolegate.core.model.LoginProfile;
import dev.rolegate.core.model.PasswordPolicy;
import dev.rolegate.core.testing.TestIam;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** LoginProfileService and the account password policy over the in-memory store. */
class LoginProfileServiceTest {
  static final String GOOD = "Correct-Horse-7";

  /**
   * GOOD's hash, made once: PBKDF2 with 210,000 iterations is slow by design, so tests that only
   * need a profile store this one.
   */
  static final String GOOD_HASH = PasswordHashes.hash(GOOD, new java.security.SecureRandom());

  final TestIam t = new TestIam();
  final LoginProfileService logins = new LoginProfileService(t.iam, t.random);
  final Caller root = t.root();

  /** A login profile with the password GOOD, stored directly. */
  void seedProfile(String user, boolean resetRequired) {
    t.ensureUser(ACCOUNT, user);
    t.write(
        r ->
            r.loginProfiles()
                .insert(new LoginProfile(ACCOUNT, user, GOOD_HASH, resetRequired, TestIam.START)));
  }

  LoginProfile stored(String user) {
    return t.read((dev.rolegate.core.port.Repositories r) -> r.loginProfiles().find(ACCOUNT, user))
        .orElseThrow();
  }

  @Test
  void aProfileKeepsAHashNeverThePasswordAndExistsOncePerUser() {
    t.ensureUser(ACCOUNT, "Alice");
    LoginProfile p = logins.createLoginProfile(root, t.info(), "alice", GOOD, true);
    assertThat(p.userName()).isEqualTo("Alice");
    assertThat(p.passwordResetRequired()).isTrue();
    assertThat(p.passwordHash()).doesNotContain(GOOD);
    assertThat(PasswordHashes.matches(GOOD, stored("Alice").passwordHash())).isTrue();
    expect(
        () -> logins.createLoginProfile(root, t.info(), "ALICE", GOOD, false),
        AwsErrorCode.ENTITY_ALREADY_EXISTS,
        "Login Profile for user Alice already exists.");
    assertThat(logins.getLoginProfile(root, t.info(), "alice").createDate())
        .isEqualTo(TestIam.START);
    expect(
        () -> logins.createLoginProfile(root, t.info(), "ghost", GOOD, false),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The user with name ghost cannot be found.");
  }

  @Test
  void updateChangesOnlyWhatIsGivenAndDeleteRemovesTheProfile() {
    seedProfile("alice", true);
    String hash = stored("alice").passwordHash();
    logins.updateLoginProfile(root, t.info(), "alice", null, false);
    assertThat(stored("alice").passwordHash()).isEqualTo(hash);
    assertThat(stored("alice").passwordResetRequired()).isFalse();
    logins.updateLoginProfile(root, t.info(), "alice", "Another-Pass-9", null);
    assertThat(PasswordHashes.matches("Another-Pass-9", stored("alice").passwordHash())).isTrue();
    assertThat(stored("alice").passwordResetRequired()).isFalse();
    logins.deleteLoginProfile(root, t.info(), "alice");
    expect(
        () -> logins.getLoginProfile(root, t.info(), "alice"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Login Profile for User alice cannot be found.");
    expect(
        () -> logins.deleteLoginProfile(root, t.info(), "alice"),
        AwsErrorCode.NO_SUCH_ENTITY,
        "Login Profile for User alice cannot be found.");
    expect(
        () -> logins.updateLoginProfile(root, t.info(), "alice", null, true),
        AwsErrorCode.NO_SUCH_ENTITY);
  }

  static Stream<Arguments> defaultPolicy() {
    return Stream.of(
        Arguments.of("Short-1", "Password should have a minimum length of 8"),
        Arguments.of(
            "alllowercase",
            "Password should have at least three of these character types: uppercase letters, lowercase letters, numbers and symbols"),
        Arguments.of(
            "lower-and-symbols",
            "Password should have at least three of these character types: uppercase letters, lowercase letters, numbers and symbols"),
        Arguments.of("Alice-Smith-1", null),
        Arguments.of("UPPER-lower", null),
        Arguments.of("UPPERlower1", null));
  }

  /**
   * Without an account policy, AWS's default: 8 characters, three of four character types, not the
   * user name.
   */
  @ParameterizedTest
  @MethodSource("defaultPolicy")
  void withoutAnAccountPolicyAwsDefaultApplies(String password, String violation) {
    check(null, "bob", password, violation);
  }

  @Test
  void thePasswordMayNotBeTheUserName() {
    check(null, "Pass-Word1", "pass-word1", "Password should not be the user name");
  }

  static Stream<Arguments> accountPolicy() {
    PasswordPolicy strict = new PasswordPolicy(12, true, true, true, true, true, 90, 5, false);
    PasswordPolicy lenient = new PasswordPolicy(6, false, false, false, false, false, 0, 0, false);
    return Stream.of(
        Arguments.of(strict, "Sh0rt!", "Password should have a minimum length of 12"),
        Arguments.of(strict, "NOLOWERCASE1!", "Password should have at least one lowercase letter"),
        Arguments.of(strict, "nouppercase1!", "Password should have at least one uppercase letter"),
        Arguments.of(strict, "NoNumbersHere!", "Password should have at least one number"),
        Arguments.of(strict, "NoSymbolsHere1", "Password should have at least one symbol"),
        Arguments.of(
            strict,
            "NoSymbolsHere1~",
            "Password should have at least one symbol"), // ~ is not one of AWS's symbols
        Arguments.of(strict, "Good-Password1", null),
        Arguments.of(lenient, "aaaaaa", null),
        Arguments.of(lenient, "aaaaa", "Password should have a minimum length of 6"));
  }

  @ParameterizedTest
  @MethodSource("accountPolicy")
  void theAccountPolicyReplacesTheDefault(
      PasswordPolicy policy, String password, String violation) {
    check(policy, "bob", password, violation);
  }

  private static void check(PasswordPolicy policy, String user, String password, String violation) {
    if (violation == null) {
      assertThatCode(() -> LoginProfileService.checkPolicy(policy, user, password))
          .doesNotThrowAnyException();
    } else {
      expect(
          () -> LoginProfileService.checkPolicy(policy, user, password),
          AwsErrorCode.PASSWORD_POLICY_VIOLATION,
          violation);
    }
  }

  @Test
  void theAccountPasswordPolicyIsPutWithDefaultsReadAndDeleted() {
    expect(
        () -> logins.getAccountPasswordPolicy(root, t.info()),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The Password Policy with domain name 123456789012 cannot be found.");
    logins.updateAccountPasswordPolicy(
        root, t.info(), null, true, false, false, false, true, null, null, false);
    assertThat(logins.getAccountPasswordPolicy(root, t.info()))
        .isEqualTo(new PasswordPolicy(6, true, false, false, false, true, 0, 0, false));
    logins.updateAccountPasswordPolicy(
        root, t.info(), 14, false, true, true, true, false, 90, 24, true);
    assertThat(logins.getAccountPasswordPolicy(root, t.info()))
        .isEqualTo(new PasswordPolicy(14, false, true, true, true, false, 90, 24, true));
    logins.deleteAccountPasswordPolicy(root, t.info());
    expect(
        () -> logins.deleteAccountPasswordPolicy(root, t.info()),
        AwsErrorCode.NO_SUCH_ENTITY,
        "The Password Policy with domain name 123456789012 cannot be found.");
  }

  @Test
  void aNewProfileMustSatisfyTheAccountPolicy() {
    t.ensureUser(ACCOUNT, "alice");
    logins.updateAccountPasswordPolicy(
        root, t.info(), 20, false, false, false, false, false, null, null, false);
    expect(
        () -> logins.createLoginProfile(root, t.info(), "alice", GOOD, false),
        AwsErrorCode.PASSWORD_POLICY_VIOLATION,
        "Password should have a minimum length of 20");
    assertThat(
            t.read(
                (dev.rolegate.core.port.Repositories r) ->
                    r.loginProfiles().find(ACCOUNT, "alice")))
        .isEmpty();
  }

  @Test
  void aUserChangesItsOwnPasswordWithTheOldOneAndTheResetFlagIsCleared() {
    seedProfile("alice", true);
    logins.updateAccountPasswordPolicy(
        root, t.info(), 8, false, false, false, false, true, null, null, false);
    Caller alice =
        t.user("alice"); // no identity policy: the account policy lets users change their password
    expect(
        () -> logins.changePassword(alice, t.info(), "Wrong-Pass-1", "New-Pass-22"),
        AwsErrorCode.INVALID_INPUT,
        "The old password is incorrect.");
    logins.changePassword(alice, t.info(), GOOD, "New-Pass-22");
    assertThat(stored("alice").passwordHash())
        .isNotEqualTo(GOOD_HASH)
        .startsWith("pbkdf2-sha512$210000$");
    assertThat(stored("alice").passwordResetRequired()).isFalse();
    expect(
        () -> logins.changePassword(root, t.info(), GOOD, "New-Pass-22"),
        AwsErrorCode.INVALID_USER_TYPE,
        "Only an IAM user can change its own password with ChangePassword.");
  }

  @Test
  void
      changingThePasswordNeedsAPermissionUnlessTheAccountPolicyAllowsItAndAnExplicitDenyAlwaysWins() {
    seedProfile("alice", false);
    Caller alice = t.user("alice");
    expect(
        () -> logins.changePassword(alice, t.info(), GOOD, "New-Pass-22"),
        AwsErrorCode.ACCESS_DENIED);
    logins.updateAccountPasswordPolicy(
        root, t.info(), null, false, false, false, false, true, null, null, false);
    Caller denied = t.user("alice", TestIam.deny("iam:ChangePassword", "*"));
    expect(
        () -> logins.changePassword(denied, t.info(), GOOD, "New-Pass-22"),
        AwsErrorCode.ACCESS_DENIED);
    assertThat(stored("alice").passwordHash()).isEqualTo(GOOD_HASH);
  }
}
