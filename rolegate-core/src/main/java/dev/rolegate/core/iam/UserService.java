package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.CredentialResolver;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.core.model.AccessKey;
import dev.rolegate.core.model.AccessKeyUse;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.AccountRepository;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Users, their access keys and their inline and attached policies. */
public final class UserService {

  /** A new access key: the only time the secret is shown. */
  public record NewAccessKey(
      String userName, String accessKeyId, String secretAccessKey, Instant createDate) {
    @Override
    public String toString() {
      return "NewAccessKey[" + accessKeyId + "]";
    }
  }

  /**
   * GetAccessKeyLastUsed's answer: the key's user (null for the root user's keys) and its last use
   * (null if never used).
   */
  public record KeyLastUsed(String userName, AccessKeyUse lastUse) {}

  private final IamContext iam;
  private final SecretBox master;
  private final AttachmentRules attachments;
  private final PrincipalPolicies policies;

  public UserService(IamContext iam, SecretBox master) {
    this.iam = iam;
    this.master = master;
    this.attachments = new AttachmentRules(iam);
    this.policies = new PrincipalPolicies(iam);
  }

  static AwsServiceException noSuchUser(String name) {
    return PrincipalKind.USER.noSuchEntity(name);
  }

  /**
   * The named user, once the caller is allowed the action on it (on its would-be ARN when it does
   * not exist).
   */
  private User authorized(Repositories r, Caller c, RequestInfo info, String action, String name) {
    return policies.authorized(r, c, info, PrincipalKind.USER, action, name);
  }

  public User createUser(
      Caller c, RequestInfo info, String name, String path, String boundaryArn, List<Tag> tags) {
    String p = path == null ? "/" : path;
    List<Tag> t = Tags.validate(tags, true);
    Instant now = iam.clock().instant();
    return iam.store()
        .write(
            r -> {
              iam.authorizer()
                  .require(r, c, info, "iam:CreateUser", Arns.user(c.accountId(), p, name));
              if (boundaryArn != null) {
                attachments.requireBoundary(r, c, boundaryArn);
              }
              IamQuotas.of(r, c.accountId())
                  .requireRoom(
                      IamQuotas.Quota.USERS_PER_ACCOUNT,
                      r.accounts().count(c.accountId(), AccountRepository.Counted.USERS));
              User user =
                  new User(c.accountId(), iam.ids().uniqueId("AIDA"), name, p, boundaryArn, t, now);
              try {
                r.users().insert(user);
              } catch (DuplicateKeyException e) {
                throw new AwsServiceException(
                    AwsErrorCode.ENTITY_ALREADY_EXISTS,
                    "User with name " + name + " already exists.");
              }
              return user;
            });
  }

  /**
   * The named user, or the caller itself without a name (the root user shows as a user without a
   * name).
   */
  public User getUser(Caller c, RequestInfo info, String name) {
    String n = name != null ? name : c.kind() == Caller.Kind.USER ? c.name() : null;
    if (n == null) {
      if (c.kind() == Caller.Kind.ROOT) {
        Instant created =
            iam.store()
                .read(
                    r -> {
                      iam.authorizer()
                          .require(
                              r,
                              c,
                              info,
                              "iam:GetUser",
                              c.identityArn()); // decided (an AssumeRoot task policy applies)
                      return r.accounts()
                          .find(c.accountId())
                          .map(a -> a.createDate())
                          .orElse(Instant.EPOCH);
                    });
        return new User(c.accountId(), c.accountId(), "root", "/", null, List.of(), created);
      }
      throw Validation.error("userName", null, "not be null");
    }
    return iam.store().read(r -> authorized(r, c, info, "iam:GetUser", n));
  }

  public Page<User> listUsers(
      Caller c, RequestInfo info, String pathPrefix, String marker, Integer maxItems) {
    String prefix = pathPrefix == null ? "/" : pathPrefix;
    List<User> all =
        iam.store()
            .read(
                r -> {
                  iam.authorizer()
                      .require(r, c, info, "iam:ListUsers", Arns.user(c.accountId(), prefix, ""));
                  return r.users().list(c.accountId(), prefix);
                });
    return Page.of(all, marker, maxItems);
  }

  /**
   * Renames the user and/or changes its path. The caller needs iam:UpdateUser on the user under its
   * old and its new name (as UpdateGroup). Its access keys, inline policies, attachments, MFA
   * devices and login profile, which name their user, follow it in the same transaction; group
   * memberships and tags belong to the user itself.
   */
  public void updateUser(Caller c, RequestInfo info, String name, String newName, String newPath) {
    iam.store()
        .write(
            r -> {
              User user = authorized(r, c, info, "iam:UpdateUser", name);
              User updated =
                  user.withName(newName != null ? newName : user.name())
                      .withPath(newPath != null ? newPath : user.path());
              if (!updated.arn().equals(user.arn())) {
                iam.authorizer().require(r, c, info, "iam:UpdateUser", updated.arn());
              }
              try {
                r.users().update(updated);
              } catch (DuplicateKeyException e) {
                throw new AwsServiceException(
                    AwsErrorCode.ENTITY_ALREADY_EXISTS,
                    "User with name " + updated.name() + " already exists.");
              }
              if (!updated.name().equals(user.name())) {
                String from = user.name();
                String to = updated.name();
                r.accessKeys().renameUser(c.accountId(), from, to);
                PrincipalPolicies.moveOwner(r, PrincipalKind.USER, c.accountId(), from, to);
                r.mfaDevices().renameUser(c.accountId(), from, to);
                r.loginProfiles().renameUser(c.accountId(), from, to);
              }
              return null;
            });
  }

  public void deleteUser(Caller c, RequestInfo info, String name) {
    iam.store()
        .write(
            r -> {
              User user = authorized(r, c, info, "iam:DeleteUser", name);
              if (r.loginProfiles().find(c.accountId(), user.name()).isPresent()) {
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT,
                    "Cannot delete entity, must delete login profile first.");
              }
              if (!r.accessKeys().listForUser(c.accountId(), user.name()).isEmpty()) {
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT,
                    "Cannot delete entity, must delete access keys first.");
              }
              if (!r.mfaDevices().listForUser(c.accountId(), user.name()).isEmpty()) {
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT,
                    "Cannot delete entity, must delete MFA device first.");
              }
              PrincipalPolicies.requireNoPolicies(r, PrincipalKind.USER, c.accountId(), user);
              if (!r.groups().listGroupsForUser(c.accountId(), user.name()).isEmpty()) {
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT,
                    "Cannot delete entity, must remove users from group first.");
              }
              r.users().delete(c.accountId(), user.name());
              return null;
            });
  }

  /**
   * The user whose keys a call is about: the named user, or the caller (root: the account's root
   * keys).
   */
  private String keyOwner(
      Repositories r, Caller c, RequestInfo info, String action, String userName) {
    if (userName != null) {
      return authorized(r, c, info, action, userName).name();
    }
    if (c.kind() == Caller.Kind.ROOT) {
      iam.authorizer()
          .require(
              r,
              c,
              info,
              action,
              c.identityArn()); // the root user's own keys: allowed, and recorded as decided
      return null;
    }
    if (c.kind() == Caller.Kind.USER) {
      iam.authorizer().require(r, c, info, action, c.identityArn());
      return c.name();
    }
    throw Validation.error("userName", null, "not be null");
  }

  public NewAccessKey createAccessKey(Caller c, RequestInfo info, String userName) {
    String secret = iam.ids().secretAccessKey();
    Instant now = iam.clock().instant();
    return iam.store()
        .write(
            r -> {
              String owner = keyOwner(r, c, info, "iam:CreateAccessKey", userName);
              IamQuotas.of(r, c.accountId())
                  .requireRoom(
                      IamQuotas.Quota.ACCESS_KEYS_PER_USER,
                      r.accessKeys().listForUser(c.accountId(), owner).size());
              String id = iam.ids().accessKeyId("AKIA", c.accountId());
              r.accessKeys()
                  .insert(
                      new AccessKey(
                          id,
                          c.accountId(),
                          owner,
                          master.seal(
                              secret.getBytes(StandardCharsets.UTF_8),
                              CredentialResolver.SECRET_AAD),
                          true,
                          now));
              return new NewAccessKey(owner, id, secret, now);
            });
  }

  public Page<AccessKey> listAccessKeys(
      Caller c, RequestInfo info, String userName, String marker, Integer maxItems) {
    List<AccessKey> keys =
        iam.store()
            .read(
                r ->
                    r.accessKeys()
                        .listForUser(
                            c.accountId(), keyOwner(r, c, info, "iam:ListAccessKeys", userName)));
    return Page.of(keys, marker, maxItems);
  }

  public void deleteAccessKey(Caller c, RequestInfo info, String userName, String accessKeyId) {
    iam.store()
        .write(
            r -> {
              AccessKey key =
                  ownKey(r, c, keyOwner(r, c, info, "iam:DeleteAccessKey", userName), accessKeyId);
              r.accessKeys().delete(key.accessKeyId());
              return null;
            });
  }

  /**
   * Active or Inactive; an inactive key fails authentication (InvalidClientTokenId) until it is
   * activated again.
   */
  public void updateAccessKey(
      Caller c, RequestInfo info, String userName, String accessKeyId, String status) {
    if (status.equals("Expired")) {
      throw new AwsServiceException(
          AwsErrorCode.INVALID_INPUT,
          "The status of an access key can only be set to Active or Inactive.");
    }
    iam.store()
        .write(
            r -> {
              AccessKey key =
                  ownKey(r, c, keyOwner(r, c, info, "iam:UpdateAccessKey", userName), accessKeyId);
              r.accessKeys().setActive(key.accessKeyId(), status.equals("Active"));
              return null;
            });
  }

  /**
   * When, with which service and in which region the key was last used. The caller needs
   * iam:GetAccessKeyLastUsed on the key's user (the root user's keys: on the root user); a key that
   * is not the account's is not found.
   */
  public KeyLastUsed getAccessKeyLastUsed(Caller c, RequestInfo info, String accessKeyId) {
    return iam.store()
        .read(
            r -> {
              AccessKey key =
                  r.accessKeys()
                      .find(accessKeyId)
                      .filter(k -> k.accountId().equals(c.accountId()))
                      .orElse(null);
              if (key == null) {
                iam.authorizer()
                    .require(
                        r, c, info, "iam:GetAccessKeyLastUsed", Arns.user(c.accountId(), "/", "*"));
                throw noSuchKey(accessKeyId);
              }
              if (key.isRoot()) {
                iam.authorizer()
                    .require(r, c, info, "iam:GetAccessKeyLastUsed", Arns.root(c.accountId()));
              } else {
                User owner =
                    r.users()
                        .findByName(c.accountId(), key.userName())
                        .orElseThrow(() -> noSuchKey(accessKeyId));
                iam.authorizer().require(r, c, info, "iam:GetAccessKeyLastUsed", owner.arn());
              }
              return new KeyLastUsed(
                  key.userName(), r.accessKeys().lastUsed(accessKeyId).orElse(null));
            });
  }

  private static AwsServiceException noSuchKey(String accessKeyId) {
    return AwsServiceException.noSuchEntity(
        "The Access Key with id " + accessKeyId + " cannot be found.");
  }

  /** The key, if it belongs to {@code owner} (null: the root user) in the caller's account. */
  private static AccessKey ownKey(Repositories r, Caller c, String owner, String accessKeyId) {
    AccessKey key = r.accessKeys().find(accessKeyId).orElse(null);
    if (key == null
        || !key.accountId().equals(c.accountId())
        || !java.util.Objects.equals(
            key.userName() == null ? null : key.userName().toLowerCase(java.util.Locale.ROOT),
            owner == null ? null : owner.toLowerCase(java.util.Locale.ROOT))) {
      throw noSuchKey(accessKeyId);
    }
    return key;
  }

  public void putUserPolicy(
      Caller c, RequestInfo info, String userName, String policyName, String document) {
    policies.putPolicy(PrincipalKind.USER, c, info, userName, policyName, document);
  }

  public InlinePolicy getUserPolicy(
      Caller c, RequestInfo info, String userName, String policyName) {
    return policies.getPolicy(PrincipalKind.USER, c, info, userName, policyName);
  }

  public Page<String> listUserPolicies(
      Caller c, RequestInfo info, String userName, String marker, Integer maxItems) {
    return policies.listPolicies(PrincipalKind.USER, c, info, userName, marker, maxItems);
  }

  public void deleteUserPolicy(Caller c, RequestInfo info, String userName, String policyName) {
    policies.deletePolicy(PrincipalKind.USER, c, info, userName, policyName);
  }

  public void attachUserPolicy(Caller c, RequestInfo info, String userName, String policyArn) {
    policies.attachPolicy(PrincipalKind.USER, c, info, userName, policyArn);
  }

  public void detachUserPolicy(Caller c, RequestInfo info, String userName, String policyArn) {
    policies.detachPolicy(PrincipalKind.USER, c, info, userName, policyArn);
  }

  public Page<AttachmentRules.AttachedPolicy> listAttachedUserPolicies(
      Caller c,
      RequestInfo info,
      String userName,
      String pathPrefix,
      String marker,
      Integer maxItems) {
    return policies.listAttachedPolicies(
        PrincipalKind.USER, c, info, userName, pathPrefix, marker, maxItems);
  }
}
