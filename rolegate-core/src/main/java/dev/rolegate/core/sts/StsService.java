package dev.rolegate.core.sts;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.Ids;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.MfaVerifier;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.auth.Session;
import dev.rolegate.core.auth.SessionTokens;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.ContextValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * STS: who is calling; AssumeRole (its parameters, MFA code and external id; the session itself
 * through {@link RoleSessionIssuer}); GetSessionToken, GetFederationToken and AssumeRoot (their
 * credentials through {@link CredentialMinter}); GetAccessKeyInfo; DecodeAuthorizationMessage.
 */
public final class StsService {
  private static final String INVALID_MFA =
      "MultiFactorAuthentication failed with invalid MFA one time pass code.";

  /** Temporary credentials as the API returns them. */
  public record Credentials(
      String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    @Override
    public String toString() {
      return "Credentials[" + accessKeyId + ", expires " + expiration + "]";
    }
  }

  /** AssumeRole's answer. */
  public record AssumedRole(
      Credentials credentials,
      String assumedRoleId,
      String arn,
      Integer packedPolicySize,
      String sourceIdentity) {}

  /** GetFederationToken's answer. */
  public record FederatedUser(
      Credentials credentials, String federatedUserId, String arn, Integer packedPolicySize) {}

  private final IamContext iam;
  private final CredentialMinter minter;
  private final RoleSessionIssuer issuer;
  private final MfaVerifier mfa;
  private final dev.rolegate.core.auth.AuthorizationMessages messages;
  private final String managementAccountId;

  /**
   * @param managementAccountId the account that plays the organization's management account for
   *     AssumeRoot (Rolegate's default account); every other account hosted here is a member with
   *     centralized root access enabled
   */
  public StsService(
      IamContext iam,
      SessionTokens tokens,
      MfaVerifier mfa,
      dev.rolegate.core.auth.AuthorizationMessages messages,
      String managementAccountId) {
    this.iam = iam;
    this.minter = new CredentialMinter(iam.ids(), tokens);
    this.issuer = new RoleSessionIssuer(iam, minter);
    this.mfa = mfa;
    this.messages = messages;
    this.managementAccountId =
        Objects.requireNonNull(managementAccountId, "managementAccountId is null");
  }

  /**
   * Validates an MFA code when one is given; returns when MFA was authenticated (now), else the
   * caller's earlier MFA time or null.
   */
  private Instant mfaTime(Repositories r, Caller c, SessionRequest s, Instant now) {
    if (s.serialNumber() == null && s.tokenCode() == null) {
      return c.session() == null ? null : c.session().mfaAuthTime();
    }
    return mfaCode(r, c, s, now);
  }

  /**
   * Checks the MFA code of the request (serial number and token code); returns now, when MFA was
   * authenticated.
   */
  private Instant mfaCode(Repositories r, Caller c, SessionRequest s, Instant now) {
    if (s.serialNumber() == null
        || s.tokenCode() == null
        || !mfa.verify(r, c.accountId(), s.serialNumber(), mfaUser(c), s.tokenCode(), now)) {
      throw new AwsServiceException(AwsErrorCode.ACCESS_DENIED, INVALID_MFA);
    }
    return now;
  }

  private static String mfaUser(Caller c) {
    return switch (c.kind()) {
      case USER -> c.name();
      case FEDERATED_USER -> c.session().parentUserName();
      default -> null;
    };
  }

  /**
   * AssumeRole: the parameters, the root user's refusal, then the session through {@link
   * RoleSessionIssuer} with the caller as principal, an MFA code checked in its transaction and
   * {@code sts:ExternalId} in the context.
   */
  public AssumedRole assumeRole(
      Caller c,
      RequestInfo info,
      String roleArn,
      String sessionName,
      String externalId,
      SessionRequest s) {
    SessionRules.policies(s, null);
    SessionRules.tags(s, c);
    SessionRules.sourceIdentity(s.sourceIdentity());
    SessionRules.roleArn(roleArn);
    if (c.kind() == Caller.Kind.ROOT) {
      throw new AwsServiceException(
          AwsErrorCode.ACCESS_DENIED, "Roles may not be assumed by root accounts.");
    }
    Instant now = iam.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    // an MFA code is checked (and its step recorded) in the issuing transaction, which makes it a
    // write
    boolean mfaCode = s.serialNumber() != null || s.tokenCode() != null;
    SessionPrincipal.Iam principal =
        new SessionPrincipal.Iam(c, mfaCode ? r -> mfaCode(r, c, s, now) : null);
    Map<String, ContextValue> keys =
        externalId == null ? Map.of() : Map.of("sts:ExternalId", ContextValue.single(externalId));
    RoleSessionIssuer.Issued issued =
        issuer.issue(
            info,
            new RoleSessionRequest(
                "AssumeRole",
                "sts:AssumeRole",
                principal,
                roleArn,
                sessionName,
                s,
                now,
                null,
                keys));
    return new AssumedRole(
        issued.credentials(),
        issued.owner().userId(),
        issued.owner().arn(),
        issued.packedPolicySize(),
        s.sourceIdentity() != null ? issued.sourceIdentity() : null);
  }

  /** Long-term credentials of a user or the root user only. */
  private static void requireLongTerm(Caller c, String operation) {
    if (c.temporary()) {
      throw new AwsServiceException(
          AwsErrorCode.ACCESS_DENIED, "Cannot call " + operation + " with session credentials");
    }
  }

  /** GetSessionToken: the caller's own permissions, temporarily (with MFA when a code is given). */
  public Credentials getSessionToken(Caller c, RequestInfo info, SessionRequest s) {
    requireLongTerm(c, "GetSessionToken");
    Instant now = iam.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    int duration = duration(c, s.durationSeconds());
    return iam.store()
        .write(
            r -> {
              Instant mfaTime = mfaTime(r, c, s, now);
              Session session =
                  new Session(
                      "GetSessionToken",
                      now,
                      now.plusSeconds(duration),
                      null,
                      List.of(),
                      List.of(),
                      List.of(),
                      null,
                      mfaTime,
                      null);
              return minter.mint(c, session);
            });
  }

  /**
   * Root sessions are capped at one hour (longer requests are clamped, as AWS does); users default
   * to 12 hours.
   */
  private static int duration(Caller c, Integer requested) {
    if (c.kind() == Caller.Kind.ROOT) {
      return requested == null ? 3600 : Math.min(requested, 3600);
    }
    return requested == null ? 43200 : requested;
  }

  /**
   * GetFederationToken: a federated user whose permissions are the caller's ∩ the session policy.
   */
  public FederatedUser getFederationToken(
      Caller c, RequestInfo info, String name, SessionRequest s) {
    requireLongTerm(c, "GetFederationToken");
    SessionRules.policies(s, 2048);
    List<Tag> tags = SessionRules.tags(s, c);
    Instant now = iam.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    int duration = duration(c, s.durationSeconds());
    Integer packed = SessionRules.requirePackedSize(s, tags);
    String arn = Arns.federatedUser(c.accountId(), name);
    return iam.store()
        .write(
            r -> {
              iam.authorizer().require(r, c, info, "sts:GetFederationToken", arn);
              Session session =
                  new Session(
                      "GetFederationToken",
                      now,
                      now.plusSeconds(duration),
                      s.policy(),
                      s.policyArns(),
                      tags,
                      List.of(),
                      null,
                      null,
                      c.kind() == Caller.Kind.USER ? c.name() : null);
              Caller owner =
                  new Caller(
                      Caller.Kind.FEDERATED_USER,
                      c.accountId(),
                      arn,
                      c.accountId() + ":" + name,
                      arn,
                      name,
                      null,
                      null,
                      null);
              return new FederatedUser(minter.mint(owner, session), owner.userId(), arn, packed);
            });
  }

  /** The AWS managed policies AssumeRoot accepts as TaskPolicyArn (AWS's list). */
  public static final List<String> ROOT_TASK_POLICIES =
      List.of(
          "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials",
          "arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword",
          "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials",
          "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy",
          "arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy");

  private static final Pattern TARGET_PRINCIPAL =
      Pattern.compile("(\\d{12})|arn:aws:iam::(\\d{12}):root");

  /**
   * AssumeRoot's answer: credentials of the member account's root user, narrowed by the task
   * policy.
   */
  public record RootSession(Credentials credentials, String sourceIdentity) {}

  /**
   * AssumeRoot: a privileged root session (at most 15 minutes) in a member account, for a principal
   * of the management account allowed sts:AssumeRoot (with sts:TaskPolicyArn in the context). The
   * root user's own credentials cannot call it; the session can do what the root user can, less
   * what the task policy denies.
   */
  public RootSession assumeRoot(
      Caller c,
      RequestInfo info,
      String targetPrincipal,
      String taskPolicyArn,
      Integer durationSeconds) {
    java.util.regex.Matcher m = TARGET_PRINCIPAL.matcher(targetPrincipal);
    if (!m.matches()) {
      throw AwsServiceException.validation(
          "TargetPrincipal "
              + targetPrincipal
              + " is invalid: give a member account's 12-digit ID or its root user ARN (arn:aws:iam::ACCOUNT:root).");
    }
    if (!ROOT_TASK_POLICIES.contains(taskPolicyArn)) {
      throw AwsServiceException.validation(
          "TaskPolicyArn "
              + taskPolicyArn
              + " is not a root-task policy: use one of "
              + String.join(", ", ROOT_TASK_POLICIES)
              + ".");
    }
    String target = m.group(1) != null ? m.group(1) : m.group(2);
    String resource = Arns.root(target);
    if (c.kind() == Caller.Kind.ROOT) {
      throw new AwsServiceException(
          AwsErrorCode.ACCESS_DENIED, "Root user credentials cannot call AssumeRoot.");
    }
    Instant now = iam.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    int duration = durationSeconds == null ? 900 : durationSeconds;
    return iam.store()
        .read(
            r -> {
              iam.authorizer()
                  .requireWith(
                      r,
                      c,
                      info,
                      "sts:AssumeRoot",
                      resource,
                      // evaluated in the caller's account: the organization (not a resource policy)
                      // lets it reach the member
                      iam.authorizer()
                          .context(r, c, info, "sts:AssumeRoot", resource)
                          .resourceAccount(c.accountId())
                          .put("sts:TaskPolicyArn", taskPolicyArn));
              // only the management account's principals, only for member accounts: anything else
              // is
              // denied as AWS denies a principal outside the organization's management account
              if (!c.accountId().equals(managementAccountId)
                  || target.equals(managementAccountId)
                  || r.accounts().find(target).isEmpty()) {
                throw RoleSessionIssuer.accessDenied(
                    new SessionPrincipal.Iam(c, null), "sts:AssumeRoot", resource);
              }
              String source = c.session() == null ? null : c.session().sourceIdentity();
              Session session =
                  new Session(
                      Session.ASSUME_ROOT,
                      now,
                      now.plusSeconds(duration),
                      null,
                      List.of(taskPolicyArn),
                      List.of(),
                      List.of(),
                      source,
                      null,
                      null);
              return new RootSession(minter.mint(Caller.root(target, null), session), source);
            });
  }

  /**
   * GetDelegatedAccessToken: Rolegate has no IAM delegation requests, so it never issued a trade-in
   * token and none can be exchanged; AWS's answer for a token that cannot be exchanged.
   */
  @SuppressWarnings(
      "DoNotCallSuggester") // the Query API calls it: always refusing is the answer, not a misuse
  public Credentials getDelegatedAccessToken(Caller c, RequestInfo info, String tradeInToken) {
    throw new AwsServiceException(
        AwsErrorCode.EXPIRED_TRADE_IN_TOKEN,
        "The trade-in token provided in the request has expired or was not issued by this server and can no longer be exchanged for credentials.");
  }

  /**
   * DecodeAuthorizationMessage: the JSON of a message Rolegate encoded (the decision API's
   * denials); needs sts:DecodeAuthorizationMessage, as in AWS.
   */
  public String decodeAuthorizationMessage(Caller c, RequestInfo info, String encodedMessage) {
    iam.store()
        .read(
            r -> {
              iam.authorizer().require(r, c, info, "sts:DecodeAuthorizationMessage", "*");
              return null;
            });
    return messages.decode(encodedMessage);
  }

  /** GetAccessKeyInfo: the account an access key id belongs to, read from the id itself. */
  public String getAccessKeyInfo(Caller c, RequestInfo info, String accessKeyId) {
    String account = Ids.accountOfAccessKeyId(accessKeyId);
    if (account == null) {
      throw AwsServiceException.validation("The access key ID " + accessKeyId + " is not valid.");
    }
    iam.store()
        .read(
            r -> {
              iam.authorizer()
                  .require(r, c, info, "sts:GetAccessKeyInfo", "*"); // AWS requires this permission
              return null;
            });
    return account;
  }

  /**
   * What temporary credentials may call (STS documents these): role sessions cannot call
   * GetFederationToken or GetSessionToken; federated users only GetCallerIdentity in STS and
   * nothing in IAM; GetSessionToken credentials only AssumeRole and GetCallerIdentity in STS, and
   * IAM only with MFA.
   */
  public static void checkAllowed(Caller c, boolean iamCall, String action) {
    Session s = c.session();
    if (s == null) {
      return;
    }
    Objects.requireNonNull(action, "action is null");
    String origin = s.origin();
    if (iamCall) {
      if (origin.equals("GetFederationToken")) {
        throw new AwsServiceException(
            AwsErrorCode.ACCESS_DENIED,
            "Cannot call IAM operations with federated user credentials");
      }
      if (origin.equals("GetSessionToken") && s.mfaAuthTime() == null) {
        throw new AwsServiceException(
            AwsErrorCode.ACCESS_DENIED,
            "Cannot call IAM operations with session credentials obtained without MFA");
      }
      return;
    }
    String a = action.toLowerCase(Locale.ROOT);
    if (origin.equals("GetFederationToken") && !a.equals("getcalleridentity")) {
      throw new AwsServiceException(
          AwsErrorCode.ACCESS_DENIED, "Federated users may only call GetCallerIdentity in STS");
    }
    if (origin.equals("GetSessionToken")
        && !a.equals("getcalleridentity")
        && !a.equals("assumerole")) {
      throw new AwsServiceException(
          AwsErrorCode.ACCESS_DENIED, "Cannot call " + action + " with session credentials");
    }
  }
}
