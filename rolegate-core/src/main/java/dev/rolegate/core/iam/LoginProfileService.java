package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.crypto.PasswordHashes;
import dev.rolegate.core.model.LoginProfile;
import dev.rolegate.core.model.PasswordPolicy;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;

/**
 * Console passwords (login profiles) and the account's password policy. Passwords are checked
 * against the account's policy, or AWS's default one when the account has none (at least 8
 * characters, three of the four character types, not the user's name), and stored only as a salted
 * hash ({@link PasswordHashes}); no answer ever contains one. Rolegate has no console: the profile
 * exists for the API (and DeleteUser's conflict), nobody signs in with it.
 */
public final class LoginProfileService {
  /** The symbols AWS's password policy counts. */
  static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

  private final IamContext iam;
  private final SecureRandom random;
  private final PrincipalPolicies principals;

  public LoginProfileService(IamContext iam, SecureRandom random) {
    this.iam = iam;
    this.random = random;
    this.principals = new PrincipalPolicies(iam);
  }

  static AwsServiceException noProfile(String userName) {
    return AwsServiceException.noSuchEntity(
        "Login Profile for User " + userName + " cannot be found.");
  }

  /**
   * The named user, or the calling user without a name (the root user has no login profile here).
   */
  private User user(Repositories r, Caller c, RequestInfo info, String action, String userName) {
    String name = userName != null ? userName : c.kind() == Caller.Kind.USER ? c.name() : null;
    if (name == null) {
      throw Validation.error("userName", null, "not be null");
    }
    return principals.authorized(r, c, info, PrincipalKind.USER, action, name);
  }

  private static AwsServiceException violation(String message) {
    return new AwsServiceException(AwsErrorCode.PASSWORD_POLICY_VIOLATION, message);
  }

  /** The account's policy, or AWS's default password policy when the account has none. */
  static void checkPolicy(PasswordPolicy policy, String userName, String password) {
    boolean upper = password.chars().anyMatch(ch -> ch >= 'A' && ch <= 'Z');
    boolean lower = password.chars().anyMatch(ch -> ch >= 'a' && ch <= 'z');
    boolean number = password.chars().anyMatch(ch -> ch >= '0' && ch <= '9');
    if (policy == null) {
      boolean other = password.chars().anyMatch(ch -> !Character.isLetterOrDigit(ch));
      if (password.length() < 8) {
        throw violation("Password should have a minimum length of 8");
      }
      int types = (upper ? 1 : 0) + (lower ? 1 : 0) + (number ? 1 : 0) + (other ? 1 : 0);
      if (types < 3) {
        throw violation(
            "Password should have at least three of these character types: uppercase letters, lowercase letters, numbers and symbols");
      }
      if (password.toLowerCase(Locale.ROOT).equals(userName.toLowerCase(Locale.ROOT))) {
        throw violation("Password should not be the user name");
      }
      return;
    }
    if (password.length() < policy.minimumPasswordLength()) {
      throw violation("Password should have a minimum length of " + policy.minimumPasswordLength());
    }
    if (policy.requireLowercaseCharacters() && !lower) {
      throw violation("Password should have at least one lowercase letter");
    }
    if (policy.requireUppercaseCharacters() && !upper) {
      throw violation("Password should have at least one uppercase letter");
    }
    if (policy.requireNumbers() && !number) {
      throw violation("Password should have at least one number");
    }
    if (policy.requireSymbols() && password.chars().noneMatch(ch -> SYMBOLS.indexOf(ch) >= 0)) {
      throw violation("Password should have at least one symbol");
    }
  }

  private String checkedHash(Repositories r, Caller c, User user, String password) {
    checkPolicy(r.accounts().passwordPolicy(c.accountId()).orElse(null), user.name(), password);
    return PasswordHashes.hash(password, random);
  }

  public LoginProfile createLoginProfile(
      Caller c, RequestInfo info, String userName, String password, boolean resetRequired) {
    // the model leaves Password optional (AWS's root-user sign-in case); a user's login profile
    // needs one
    Validation.required("password", password);
    Instant now = iam.clock().instant();
    return iam.store()
        .write(
            r -> {
              User user = user(r, c, info, "iam:CreateLoginProfile", userName);
              if (r.loginProfiles().find(c.accountId(), user.name()).isPresent()) {
                throw alreadyExists(user);
              }
              LoginProfile profile =
                  new LoginProfile(
                      c.accountId(),
                      user.name(),
                      checkedHash(r, c, user, password),
                      resetRequired,
                      now);
              try {
                r.loginProfiles().insert(profile);
              } catch (DuplicateKeyException e) {
                throw alreadyExists(user);
              }
              return profile;
            });
  }

  private static AwsServiceException alreadyExists(User user) {
    return new AwsServiceException(
        AwsErrorCode.ENTITY_ALREADY_EXISTS,
        "Login Profile for user " + user.name() + " already exists.");
  }

  public LoginProfile getLoginProfile(Caller c, RequestInfo info, String userName) {
    return iam.store()
        .read(
            r -> {
              User user = user(r, c, info, "iam:GetLoginProfile", userName);
              return r.loginProfiles()
                  .find(c.accountId(), user.name())
                  .orElseThrow(() -> noProfile(user.name()));
            });
  }

  /**
   * A new password (checked against the policy) and/or a new PasswordResetRequired; what is not
   * given stays.
   */
  public void updateLoginProfile(
      Caller c, RequestInfo info, String userName, String password, Boolean resetRequired) {
    iam.store()
        .write(
            r -> {
              User user = user(r, c, info, "iam:UpdateLoginProfile", userName);
              LoginProfile current =
                  r.loginProfiles()
                      .find(c.accountId(), user.name())
                      .orElseThrow(() -> noProfile(user.name()));
              String hash =
                  password != null ? checkedHash(r, c, user, password) : current.passwordHash();
              r.loginProfiles()
                  .update(
                      current
                          .withPasswordHash(hash)
                          .withPasswordResetRequired(
                              resetRequired != null
                                  ? resetRequired
                                  : current.passwordResetRequired()));
              return null;
            });
  }

  /**
   * ChangePassword: an IAM user changes its own console password (InvalidUserType for anyone else).
   * The old password must match; the new one must satisfy the account's password policy (or AWS's
   * default). When the account's policy allows users to change their password, no identity policy
   * is needed (as in AWS), though an explicit Deny of iam:ChangePassword still refuses; otherwise
   * the user needs iam:ChangePassword on its own ARN. A reset-required flag is cleared.
   */
  public void changePassword(Caller c, RequestInfo info, String oldPassword, String newPassword) {
    if (c.kind() != Caller.Kind.USER) {
      throw new AwsServiceException(
          AwsErrorCode.INVALID_USER_TYPE,
          "Only an IAM user can change its own password with ChangePassword.");
    }
    iam.store()
        .write(
            r -> {
              User user =
                  r.users()
                      .findByName(c.accountId(), c.name())
                      .orElseThrow(() -> UserService.noSuchUser(c.name()));
              PasswordPolicy policy = r.accounts().passwordPolicy(c.accountId()).orElse(null);
              authorizeChange(
                  r, c, info, user, policy != null && policy.allowUsersToChangePassword());
              LoginProfile current =
                  r.loginProfiles()
                      .find(c.accountId(), user.name())
                      .orElseThrow(() -> noProfile(user.name()));
              if (!PasswordHashes.matches(oldPassword, current.passwordHash())) {
                throw AwsServiceException.invalidInput("The old password is incorrect.");
              }
              checkPolicy(policy, user.name(), newPassword);
              r.loginProfiles()
                  .update(
                      current
                          .withPasswordHash(PasswordHashes.hash(newPassword, random))
                          .withPasswordResetRequired(false));
              return null;
            });
  }

  private void authorizeChange(
      Repositories r, Caller c, RequestInfo info, User user, boolean allowedByAccountPolicy) {
    String action = "iam:ChangePassword";
    if (!allowedByAccountPolicy
        || iam.authorizer().enforcement() == dev.rolegate.core.auth.Enforcement.OFF) {
      iam.authorizer().require(r, c, info, action, user.arn());
      return;
    }
    var verdict =
        iam.authorizer()
            .decide(
                c.arn(),
                action,
                user.arn(),
                iam.authorizer().identityPolicies(r, c),
                iam.authorizer()
                    .context(r, c, info, action, user.arn())
                    .resourceAccount(c.accountId())
                    .build(),
                info);
    if (verdict.result() != null
        && verdict.result().decision() == dev.rolegate.policy.Decision.EXPLICIT_DENY
        && iam.authorizer().enforcement() == dev.rolegate.core.auth.Enforcement.ENFORCE) {
      throw dev.rolegate.core.auth.AccessDenied.of(c, action, user.arn(), verdict.result());
    }
  }

  public void deleteLoginProfile(Caller c, RequestInfo info, String userName) {
    iam.store()
        .write(
            r -> {
              User user = user(r, c, info, "iam:DeleteLoginProfile", userName);
              if (!r.loginProfiles().delete(c.accountId(), user.name())) {
                throw noProfile(user.name());
              }
              return null;
            });
  }

  // ---------------------------------------------------------------- the account's password policy

  private static AwsServiceException noPolicy(Caller c) {
    return AwsServiceException.noSuchEntity(
        "The Password Policy with domain name " + c.accountId() + " cannot be found.");
  }

  public PasswordPolicy getAccountPasswordPolicy(Caller c, RequestInfo info) {
    return iam.store()
        .read(
            r -> {
              iam.authorizer().require(r, c, info, "iam:GetAccountPasswordPolicy", "*");
              return r.accounts().passwordPolicy(c.accountId()).orElseThrow(() -> noPolicy(c));
            });
  }

  /**
   * Replaces the policy; every value not given takes AWS's default (as UpdateAccountPasswordPolicy
   * does).
   */
  public void updateAccountPasswordPolicy(
      Caller c,
      RequestInfo info,
      Integer minimumLength,
      boolean symbols,
      boolean numbers,
      boolean uppercase,
      boolean lowercase,
      boolean allowChange,
      Integer maxAge,
      Integer reusePrevention,
      boolean hardExpiry) {
    PasswordPolicy policy =
        new PasswordPolicy(
            minimumLength == null ? 6 : minimumLength,
            symbols,
            numbers,
            uppercase,
            lowercase,
            allowChange,
            maxAge == null ? 0 : maxAge,
            reusePrevention == null ? 0 : reusePrevention,
            hardExpiry);
    iam.store()
        .write(
            r -> {
              iam.authorizer().require(r, c, info, "iam:UpdateAccountPasswordPolicy", "*");
              r.accounts().putPasswordPolicy(c.accountId(), policy);
              return null;
            });
  }

  public void deleteAccountPasswordPolicy(Caller c, RequestInfo info) {
    iam.store()
        .write(
            r -> {
              iam.authorizer().require(r, c, info, "iam:DeleteAccountPasswordPolicy", "*");
              if (!r.accounts().deletePasswordPolicy(c.accountId())) {
                throw noPolicy(c);
              }
              return null;
            });
  }
}
