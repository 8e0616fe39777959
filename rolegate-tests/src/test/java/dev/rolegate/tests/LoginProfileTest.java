package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.userArn;
import static dev.rolegate.tests.E2e.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;

/**
 * Issue 7: login profiles (console passwords) and the account password policy, through the AWS SDK
 * for Java v2.
 */
class LoginProfileTest extends ServerTest {
  static final String PASSWORD = "Str0ng!Passw0rd";

  @Test
  void aLoginProfileIsCreatedReadUpdatedAndDeletedWithoutEverShowingThePassword() {
    iam.createUser(b -> b.userName("alice"));
    Instant before = Instant.now().minusSeconds(1);
    LoginProfile created =
        iam.createLoginProfile(
                b -> b.userName("alice").password(PASSWORD).passwordResetRequired(true))
            .loginProfile();
    assertThat(created.userName()).isEqualTo("alice");
    assertThat(created.passwordResetRequired()).isTrue();
    assertThat(created.createDate()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(created.toString()).doesNotContain(PASSWORD);

    LoginProfile read = iam.getLoginProfile(b -> b.userName("alice")).loginProfile();
    assertThat(read.userName()).isEqualTo("alice");
    assertThat(read.createDate()).isEqualTo(created.createDate());
    assertThat(read.passwordResetRequired()).isTrue();

    expectError(
        () -> iam.createLoginProfile(b -> b.userName("alice").password(PASSWORD)),
        "EntityAlreadyExists",
        409,
        "Login Profile for user alice already exists.");

    iam.updateLoginProfile(b -> b.userName("alice").passwordResetRequired(false));
    assertThat(iam.getLoginProfile(b -> b.userName("alice")).loginProfile().passwordResetRequired())
        .isFalse();
    iam.updateLoginProfile(b -> b.userName("alice").password("An0ther!Passw0rd"));
    assertThat(iam.getLoginProfile(b -> b.userName("alice")).loginProfile().passwordResetRequired())
        .as("kept")
        .isFalse();

    expectError(
        () -> iam.deleteUser(b -> b.userName("alice")),
        "DeleteConflict",
        409,
        "Cannot delete entity, must delete login profile first.");
    iam.deleteLoginProfile(b -> b.userName("alice"));
    expectError(
        () -> iam.getLoginProfile(b -> b.userName("alice")),
        "NoSuchEntity",
        404,
        "Login Profile for User alice cannot be found.");
    expectError(
        () -> iam.deleteLoginProfile(b -> b.userName("alice")),
        "NoSuchEntity",
        404,
        "Login Profile for User alice cannot be found.");
    expectError(
        () -> iam.updateLoginProfile(b -> b.userName("alice").passwordResetRequired(true)),
        "NoSuchEntity",
        404,
        "Login Profile for User alice cannot be found.");
    iam.deleteUser(b -> b.userName("alice"));
  }

  @Test
  void loginProfilesOfMissingUsersAndBadPasswordsAreRefusedWithoutShowingThePassword() {
    expectError(
        () -> iam.createLoginProfile(b -> b.userName("ghost").password(PASSWORD)),
        "NoSuchEntity",
        404,
        "The user with name ghost cannot be found.");
    iam.createUser(b -> b.userName("alice"));
    String tooLong = "Aa1!" + "x".repeat(125);
    expectError(
        () -> iam.createLoginProfile(b -> b.userName("alice").password(tooLong)),
        "ValidationError",
        400,
        "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128");
    expectError(
        () -> iam.createLoginProfile(b -> b.userName("alice").password("Aa1!xxxx\u0001")),
        "ValidationError",
        400,
        "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: "
            + "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    expectError(
        () -> iam.createLoginProfile(b -> b.userName("alice")),
        "ValidationError",
        400,
        "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null");
    // AWS's default password policy, as there is no account policy
    expectError(
        () -> iam.createLoginProfile(b -> b.userName("alice").password("Ab1!xyz")),
        "PasswordPolicyViolation",
        400,
        "Password should have a minimum length of 8");
    expectError(
        () -> iam.createLoginProfile(b -> b.userName("alice").password("abcdefgh1")),
        "PasswordPolicyViolation",
        400,
        "Password should have at least three of these character types: uppercase letters, lowercase letters, numbers and symbols");
    iam.createUser(b -> b.userName("Abc-12345"));
    expectError(
        () -> iam.createLoginProfile(b -> b.userName("Abc-12345").password("abc-12345")),
        "PasswordPolicyViolation",
        400,
        "Password should not be the user name");
    expectError(
        () -> iam.getLoginProfile(b -> b.userName("alice")),
        "NoSuchEntity",
        404,
        "Login Profile for User alice cannot be found.");
  }

  @Test
  void theAccountPasswordPolicyIsSetReadAppliedAndDeleted() {
    expectError(
        iam::getAccountPasswordPolicy,
        "NoSuchEntity",
        404,
        "The Password Policy with domain name " + ACCOUNT + " cannot be found.");
    iam.updateAccountPasswordPolicy(
        b ->
            b.minimumPasswordLength(12)
                .requireSymbols(true)
                .requireNumbers(true)
                .requireUppercaseCharacters(true)
                .requireLowercaseCharacters(true)
                .allowUsersToChangePassword(true)
                .maxPasswordAge(90)
                .passwordReusePrevention(5)
                .hardExpiry(true));
    PasswordPolicy p = iam.getAccountPasswordPolicy().passwordPolicy();
    assertThat(p.minimumPasswordLength()).isEqualTo(12);
    assertThat(
            p.requireSymbols()
                && p.requireNumbers()
                && p.requireUppercaseCharacters()
                && p.requireLowercaseCharacters())
        .isTrue();
    assertThat(p.allowUsersToChangePassword()).isTrue();
    assertThat(p.expirePasswords()).isTrue();
    assertThat(p.maxPasswordAge()).isEqualTo(90);
    assertThat(p.passwordReusePrevention()).isEqualTo(5);
    assertThat(p.hardExpiry()).isTrue();

    iam.createUser(b -> b.userName("alice"));
    expectError(
        () -> iam.createLoginProfile(b -> b.userName("alice").password("Sh0rt!pw")),
        "PasswordPolicyViolation",
        400,
        "Password should have a minimum length of 12");
    expectError(
        () -> iam.createLoginProfile(b -> b.userName("alice").password("Abcdefghijk1")),
        "PasswordPolicyViolation",
        400,
        "Password should have at least one symbol");
    iam.createLoginProfile(b -> b.userName("alice").password("Abcdefghij1!"));
    expectError(
        () -> iam.updateLoginProfile(b -> b.userName("alice").password("abcdefghij1!")),
        "PasswordPolicyViolation",
        400,
        "Password should have at least one uppercase letter");

    // values left out take AWS's defaults
    iam.updateAccountPasswordPolicy(b -> b.requireNumbers(true));
    PasswordPolicy defaults = iam.getAccountPasswordPolicy().passwordPolicy();
    assertThat(defaults.minimumPasswordLength()).isEqualTo(6);
    assertThat(defaults.requireNumbers()).isTrue();
    assertThat(
            defaults.requireSymbols()
                || defaults.allowUsersToChangePassword()
                || defaults.expirePasswords())
        .isFalse();
    assertThat(defaults.maxPasswordAge()).isNull();
    assertThat(defaults.passwordReusePrevention()).isNull();
    iam.updateLoginProfile(b -> b.userName("alice").password("simple1"));

    iam.deleteAccountPasswordPolicy();
    expectError(
        iam::getAccountPasswordPolicy,
        "NoSuchEntity",
        404,
        "The Password Policy with domain name " + ACCOUNT + " cannot be found.");
    expectError(
        iam::deleteAccountPasswordPolicy,
        "NoSuchEntity",
        404,
        "The Password Policy with domain name " + ACCOUNT + " cannot be found.");
    expectError(
        () -> iam.updateLoginProfile(b -> b.userName("alice").password("simple1")),
        "PasswordPolicyViolation",
        400,
        "Password should have a minimum length of 8");
  }

  @Test
  void passwordPolicyValuesAreRangeChecked() {
    expectError(
        () -> iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(5)),
        "ValidationError",
        400,
        "1 validation error detected: Value '5' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or equal to 6");
    expectError(
        () -> iam.updateAccountPasswordPolicy(b -> b.maxPasswordAge(1096)),
        "ValidationError",
        400,
        "1 validation error detected: Value '1096' at 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal to 1095");
    expectError(
        () -> iam.updateAccountPasswordPolicy(b -> b.passwordReusePrevention(25)),
        "ValidationError",
        400,
        "1 validation error detected: Value '25' at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24");
    expectError(
        iam::getAccountPasswordPolicy,
        "NoSuchEntity",
        404,
        "The Password Policy with domain name " + ACCOUNT + " cannot be found.");
  }

  @Test
  void aRenamedUserKeepsItsLoginProfileAndAUserReadsItsOwnWithoutUserName() {
    AwsBasicCredentials key = userWithKey(iam, "alice");
    iam.createLoginProfile(b -> b.userName("alice").password(PASSWORD));
    iam.updateUser(b -> b.userName("alice").newUserName("alicia"));
    assertThat(iam.getLoginProfile(b -> b.userName("alicia")).loginProfile().userName())
        .isEqualTo("alicia");
    expectError(
        () -> iam.getLoginProfile(b -> b.userName("alice")),
        "NoSuchEntity",
        404,
        "The user with name alice cannot be found.");

    iam.putUserPolicy(
        b ->
            b.userName("alicia")
                .policyName("own")
                .policyDocument(allow("iam:GetLoginProfile", userArn("alicia"))));
    try (IamClient asAlicia = server.iam(key)) {
      assertThat(asAlicia.getLoginProfile(b -> {}).loginProfile().userName()).isEqualTo("alicia");
      iam.createUser(b -> b.userName("bob"));
      expectError(
          () -> asAlicia.getLoginProfile(b -> b.userName("bob")),
          "AccessDenied",
          403,
          "User: "
              + userArn("alicia")
              + " is not authorized to perform: iam:GetLoginProfile on resource: user bob"
              + " because no identity-based policy allows the iam:GetLoginProfile action");
    }
  }

  // ---------------------------------------------------------------- ChangePassword

  static final String OLD = "Str0ng!Passw0rd";
  static final String NEW = "An0ther!Passw0rd";

  @Test
  void aUserChangesItsOwnPasswordWithTheOldOneAndThePolicyApplies() {
    AwsBasicCredentials key = userWithKey(iam, "carol");
    iam.createLoginProfile(b -> b.userName("carol").password(OLD).passwordResetRequired(true));
    iam.putUserPolicy(
        b ->
            b.userName("carol")
                .policyName("self")
                .policyDocument(allow("iam:ChangePassword", userArn("carol"))));
    try (IamClient carol = server.iam(key)) {
      expectError(
          () -> carol.changePassword(b -> b.oldPassword("wrong-" + OLD).newPassword(NEW)),
          "InvalidInput",
          400,
          "The old password is incorrect.");
      expectError(
          () -> carol.changePassword(b -> b.oldPassword(OLD).newPassword("short")),
          "PasswordPolicyViolation",
          400,
          "Password should have a minimum length of 8");
      expectError(
          () -> carol.changePassword(b -> b.oldPassword(OLD).newPassword("")),
          "ValidationError",
          400,
          "1 validation error detected: Value at 'newPassword' failed to satisfy constraint: Member must have length greater than or equal to 1");
      carol.changePassword(b -> b.oldPassword(OLD).newPassword(NEW));
      // the old password no longer works; the new one does; the reset flag is cleared
      expectError(
          () -> carol.changePassword(b -> b.oldPassword(OLD).newPassword("Thi3d!Passw0rd")),
          "InvalidInput",
          400,
          "The old password is incorrect.");
      assertThat(
              iam.getLoginProfile(b -> b.userName("carol")).loginProfile().passwordResetRequired())
          .isFalse();
      iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(20));
      expectError(
          () -> carol.changePassword(b -> b.oldPassword(NEW).newPassword("Thi3d!Passw0rd")),
          "PasswordPolicyViolation",
          400,
          "Password should have a minimum length of 20");
      carol.changePassword(b -> b.oldPassword(NEW).newPassword("Thi3d!Passw0rd-long-enough"));
    }
  }

  @Test
  void changePasswordNeedsPermissionUnlessTheAccountPolicyAllowsItAndIsForIamUsersOnly() {
    AwsBasicCredentials key = userWithKey(iam, "dave");
    iam.createLoginProfile(b -> b.userName("dave").password(OLD));
    try (IamClient dave = server.iam(key)) {
      expectError(
          () -> dave.changePassword(b -> b.oldPassword(OLD).newPassword(NEW)),
          "AccessDenied",
          403,
          "User: "
              + userArn("dave")
              + " is not authorized to perform: iam:ChangePassword on resource: user dave"
              + " because no identity-based policy allows the iam:ChangePassword action");
      iam.updateAccountPasswordPolicy(b -> b.allowUsersToChangePassword(true));
      dave.changePassword(b -> b.oldPassword(OLD).newPassword(NEW));
      // an explicit Deny still refuses
      iam.putUserPolicy(
          b ->
              b.userName("dave")
                  .policyName("no")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"iam:ChangePassword\",\"Resource\":\"*\"}]}"));
      expectError(
          () -> dave.changePassword(b -> b.oldPassword(NEW).newPassword(OLD)),
          "AccessDenied",
          403,
          "User: "
              + userArn("dave")
              + " is not authorized to perform: iam:ChangePassword on resource: user dave"
              + " with an explicit deny in an identity-based policy");
      iam.deleteUserPolicy(b -> b.userName("dave").policyName("no"));
      iam.deleteLoginProfile(b -> b.userName("dave"));
      expectError(
          () -> dave.changePassword(b -> b.oldPassword(NEW).newPassword(OLD)),
          "NoSuchEntity",
          404,
          "Login Profile for User dave cannot be found.");
    }
    expectError(
        () -> iam.changePassword(b -> b.oldPassword(OLD).newPassword(NEW)),
        "InvalidUserType",
        400,
        "Only an IAM user can change its own password with ChangePassword.");
  }
}
