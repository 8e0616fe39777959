package dev.rolegate.protocol;

import dev.rolegate.core.iam.LoginProfileService;
import dev.rolegate.core.model.LoginProfile;
import dev.rolegate.core.model.PasswordPolicy;
import java.util.Map;

/**
 * IAM actions for console passwords: Create/Get/Update/DeleteLoginProfile and the account's
 * password policy.
 */
public final class LoginProfileOperations {
  private LoginProfileOperations() {}

  public static void register(Map<String, Operation> ops, LoginProfileService profiles) {
    ops.put(
        "CreateLoginProfile",
        c -> {
          Params p = c.params();
          LoginProfile lp =
              profiles.createLoginProfile(
                  c.caller(),
                  c.info(),
                  p.string("UserName"),
                  p.string("Password"),
                  p.bool("PasswordResetRequired"));
          return Node.builder().struct("LoginProfile", b -> profile(b, lp)).build();
        });
    ops.put(
        "GetLoginProfile",
        c -> {
          LoginProfile lp =
              profiles.getLoginProfile(c.caller(), c.info(), c.params().string("UserName"));
          return Node.builder().struct("LoginProfile", b -> profile(b, lp)).build();
        });
    ops.put(
        "UpdateLoginProfile",
        c -> {
          Params p = c.params();
          Boolean reset =
              p.string("PasswordResetRequired") == null ? null : p.bool("PasswordResetRequired");
          profiles.updateLoginProfile(
              c.caller(), c.info(), p.required("UserName"), p.string("Password"), reset);
          return null;
        });
    ops.put(
        "ChangePassword",
        c -> {
          profiles.changePassword(
              c.caller(),
              c.info(),
              c.params().required("OldPassword"),
              c.params().required("NewPassword"));
          return null;
        });
    ops.put(
        "DeleteLoginProfile",
        c -> {
          profiles.deleteLoginProfile(c.caller(), c.info(), c.params().string("UserName"));
          return null;
        });
    ops.put(
        "GetAccountPasswordPolicy",
        c -> {
          PasswordPolicy pp = profiles.getAccountPasswordPolicy(c.caller(), c.info());
          return Node.builder()
              .struct(
                  "PasswordPolicy",
                  b ->
                      b.number("MinimumPasswordLength", pp.minimumPasswordLength())
                          .bool("RequireSymbols", pp.requireSymbols())
                          .bool("RequireNumbers", pp.requireNumbers())
                          .bool("RequireUppercaseCharacters", pp.requireUppercaseCharacters())
                          .bool("RequireLowercaseCharacters", pp.requireLowercaseCharacters())
                          .bool("AllowUsersToChangePassword", pp.allowUsersToChangePassword())
                          .bool("ExpirePasswords", pp.maxPasswordAge() > 0)
                          .number(
                              "MaxPasswordAge",
                              pp.maxPasswordAge() > 0 ? pp.maxPasswordAge() : null)
                          .number(
                              "PasswordReusePrevention",
                              pp.passwordReusePrevention() > 0
                                  ? pp.passwordReusePrevention()
                                  : null)
                          .bool("HardExpiry", pp.hardExpiry()))
              .build();
        });
    ops.put(
        "UpdateAccountPasswordPolicy",
        c -> {
          Params p = c.params();
          profiles.updateAccountPasswordPolicy(
              c.caller(),
              c.info(),
              p.integer("MinimumPasswordLength"),
              p.bool("RequireSymbols"),
              p.bool("RequireNumbers"),
              p.bool("RequireUppercaseCharacters"),
              p.bool("RequireLowercaseCharacters"),
              p.bool("AllowUsersToChangePassword"),
              p.integer("MaxPasswordAge"),
              p.integer("PasswordReusePrevention"),
              p.bool("HardExpiry"));
          return null;
        });
    ops.put(
        "DeleteAccountPasswordPolicy",
        c -> {
          profiles.deleteAccountPasswordPolicy(c.caller(), c.info());
          return null;
        });
  }

  /** UserName, CreateDate, PasswordResetRequired: never the password or its hash. */
  private static void profile(Node.Builder b, LoginProfile lp) {
    b.text("UserName", lp.userName())
        .time("CreateDate", lp.createDate())
        .bool("PasswordResetRequired", lp.passwordResetRequired());
  }
}
