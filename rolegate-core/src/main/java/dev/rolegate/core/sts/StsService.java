package dev.rolegate.core.sts;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.Ids;
import dev.rolegate.core.auth.Authorizer;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.MfaVerifier;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.auth.Session;
import dev.rolegate.core.auth.SessionClaims;
import dev.rolegate.core.auth.SessionTokens;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.iam.RoleService;
import dev.rolegate.core.iam.Validation;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.Evaluator;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * STS: who is calling; AssumeRole with the role's trust policy evaluated by the engine (session
 * policies, tags, transitive tags, source identity, external id, MFA, durations and chaining as AWS
 * documents them); GetSessionToken; GetFederationToken; GetAccessKeyInfo.
 */
public final class StsService {
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");
  private static final Pattern MFA_SERIAL = Pattern.compile("[\\w+=/:,.@-]*");
  private static final Pattern TOKEN_CODE = Pattern.compile("[\\d]*");
  private static final String INVALID_MFA = "MultiFactorAuthentication failed with invalid MFA one time pass code.";

  /** Temporary credentials as the API returns them. */
  public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    @Override
    public String toString() {
      return "Credentials[" + accessKeyId + ", expires " + expiration + "]";
    }
  }

  /** AssumeRole's answer. */
  public record AssumedRole(Credentials credentials, String assumedRoleId, String arn, Integer packedPolicySize, String sourceIdentity) {}

  /** GetFederationToken's answer. */
  public record FederatedUser(Credentials credentials, String federatedUserId, String arn, Integer packedPolicySize) {}

  private final IamContext iam;
  private final SessionTokens tokens;
  private final MfaVerifier mfa;
  private final dev.rolegate.core.auth.AuthorizationMessages messages;
  private final String managementAccountId;

  /**
   * @param managementAccountId the account that plays the organization's management account for
   *     AssumeRoot (Rolegate's default account); every other account hosted here is a member with
   *     centralized root access enabled
   */
  public StsService(
      IamContext iam, SessionTokens tokens, MfaVerifier mfa, dev.rolegate.core.auth.AuthorizationMessages messages, String managementAccountId) {
    this.iam = iam;
    this.tokens = tokens;
    this.mfa = mfa;
    this.messages = messages;
    this.managementAccountId = Objects.requireNonNull(managementAccountId, "managementAccountId is null");
  }

  private Ids ids() {
    return iam.ids();
  }

  private Credentials mint(Caller owner, String accountId, Session session) {
    String keyId = ids().accessKeyId("ASIA", accountId);
    String secret = ids().secretAccessKey();
    Caller caller = owner.withSession(keyId, session);
    return new Credentials(keyId, secret, tokens.seal(new SessionClaims(caller, secret)), session.expiration());
  }

  private static AwsServiceException denied(Caller c, String action, String resource) {
    return new AwsServiceException(
        AwsErrorCode.ACCESS_DENIED, "User: " + c.arn() + " is not authorized to perform: " + action + " on resource: " + resource);
  }

  /** Validates an MFA code when one is given; returns when MFA was authenticated (now), else the caller's earlier MFA time or null. */
  private Instant mfaTime(Repositories r, Caller c, SessionRequest s, Instant now) {
    if (s.serialNumber() == null && s.tokenCode() == null) {
      return c.session() == null ? null : c.session().mfaAuthTime();
    }
    Validation.length("serialNumber", s.serialNumber(), 9, 256);
    Validation.pattern("serialNumber", s.serialNumber(), MFA_SERIAL);
    Validation.length("tokenCode", s.tokenCode(), 6, 6);
    Validation.pattern("tokenCode", s.tokenCode(), TOKEN_CODE);
    if (s.serialNumber() == null || s.tokenCode() == null
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

  public AssumedRole assumeRole(Caller c, RequestInfo info, String roleArn, String sessionName, String externalId, SessionRequest s) {
    Validation.required("roleArn", roleArn);
    Validation.length("roleArn", roleArn, 20, 2048);
    Validation.required("roleSessionName", sessionName);
    Validation.length("roleSessionName", sessionName, 2, 64);
    Validation.pattern("roleSessionName", sessionName, Pattern.compile("[\\w+=,.@-]*"));
    Validation.range("durationSeconds", s.durationSeconds(), 900, 43200);
    Validation.length("externalId", externalId, 2, 1224);
    Validation.pattern("externalId", externalId, EXTERNAL_ID);
    SessionRules.policies(s, null);
    List<Tag> newTags = SessionRules.tags(s, c);
    SessionRules.sourceIdentity(s.sourceIdentity());
    Arns.Parsed arn = Arns.parse(roleArn);
    if (arn == null || !arn.service().equals("iam") || !arn.resourceType().equals("role") || !arn.account().matches("\\d{12}")) {
      throw AwsServiceException.validation(roleArn + " is invalid");
    }
    if (c.kind() == Caller.Kind.ROOT) {
      throw new AwsServiceException(AwsErrorCode.ACCESS_DENIED, "Roles may not be assumed by root accounts.");
    }
    Instant now = iam.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    // a read transaction unless an MFA code is checked (which records its step); RoleLastUsed is
    // written afterwards, and at most once a minute per role, so AssumeRoles do not queue on writes
    boolean mfaCode = s.serialNumber() != null || s.tokenCode() != null;
    java.util.function.Function<Repositories, Assumed> work = r -> {
      Role role = r.roles().findByName(arn.account(), arn.name()).filter(x -> x.arn().equals(roleArn)).orElse(null);
      if (role == null) {
        throw denied(c, "sts:AssumeRole", roleArn);
      }
      Instant mfaTime = mfaTime(r, c, s, now);
      String inheritedSource = c.session() == null ? null : c.session().sourceIdentity();
      if (inheritedSource != null && s.sourceIdentity() != null && !inheritedSource.equals(s.sourceIdentity())) {
        throw denied(c, "sts:SetSourceIdentity", role.arn());
      }
      List<Tag> tags = new ArrayList<>();
      List<String> transitive = new ArrayList<>();
      if (c.session() != null) {
        for (String k : c.session().transitiveTagKeys()) {
          c.session().tags().stream().filter(t -> t.key().equalsIgnoreCase(k)).findFirst().ifPresent(tags::add);
          transitive.add(k);
        }
      }
      tags.addAll(newTags);
      transitive.addAll(s.transitiveTagKeys());

      CompiledPolicy trust = iam.authorizer().compile(role.arn() + "#trust", role.assumeRolePolicyDocument(), PolicyKind.TRUST);
      if (trust == null) {
        throw denied(c, "sts:AssumeRole", role.arn());
      }
      PolicySet identity = iam.authorizer().identityPolicies(r, c);
      PolicySet set = new PolicySet(identity.identity(), trust, identity.permissionsBoundary(), identity.sessionPolicies(), identity.scpLevels());
      evaluate(r, c, info, set, "sts:AssumeRole", role, sessionName, externalId, newTags, s, mfaTime);
      if (!newTags.isEmpty() || !s.transitiveTagKeys().isEmpty()) {
        evaluate(r, c, info, set, "sts:TagSession", role, sessionName, externalId, newTags, s, mfaTime);
      }
      if (s.sourceIdentity() != null && inheritedSource == null) {
        evaluate(r, c, info, set, "sts:SetSourceIdentity", role, sessionName, externalId, newTags, s, mfaTime);
      }

      int duration = s.durationSeconds() == null ? 3600 : s.durationSeconds();
      if (c.temporary() && duration > 3600) {
        throw AwsServiceException.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
      }
      if (duration > role.maxSessionDuration()) {
        throw AwsServiceException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
      }
      Integer packed = SessionRules.packedSize(s, newTags);
      if (packed != null && packed > 100) {
        throw new AwsServiceException(AwsErrorCode.PACKED_POLICY_TOO_LARGE, "Packed policy consumes " + packed + "% of allotted space, please use smaller policy.");
      }
      String source = inheritedSource != null ? inheritedSource : s.sourceIdentity();
      Session session = new Session("AssumeRole", now, now.plusSeconds(duration), s.policy(), s.policyArns(), tags, transitive, source, mfaTime, null);
      Caller owner = new Caller(
          Caller.Kind.ASSUMED_ROLE, role.accountId(), "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + sessionName,
          role.roleId() + ":" + sessionName, role.arn(), role.name(), sessionName, null, null);
      Credentials creds = mint(owner, role.accountId(), session);
      return new Assumed(new AssumedRole(creds, owner.userId(), owner.arn(), packed, s.sourceIdentity() != null ? source : null), role);
    };
    Assumed assumed = mfaCode ? iam.store().write(work) : iam.store().read(work);
    RoleService.recordUse(iam.store(), assumed.role(), now, info.region());
    return assumed.result();
  }

  private record Assumed(AssumedRole result, Role role) {}

  private void evaluate(
      Repositories r, Caller c, RequestInfo info, PolicySet set, String action, Role role, String sessionName, String externalId,
      List<Tag> tags, SessionRequest s, Instant mfaTime) {
    RequestContext.Builder ctx =
        iam.authorizer().context(r, c, info, action, role.arn()).resourceAccount(role.accountId()).put("sts:RoleSessionName", sessionName);
    if (externalId != null) {
      ctx.put("sts:ExternalId", externalId);
    }
    if (!tags.isEmpty()) {
      tags.forEach(t -> ctx.put("aws:RequestTag/" + t.key(), t.value()));
      ctx.putMulti("aws:TagKeys", SessionRules.keys(tags));
    }
    if (!s.transitiveTagKeys().isEmpty()) {
      ctx.putMulti("sts:TransitiveTagKeys", s.transitiveTagKeys());
    }
    if (s.sourceIdentity() != null) {
      ctx.put("sts:SourceIdentity", s.sourceIdentity());
    }
    if (mfaTime != null) {
      ctx.put("aws:MultiFactorAuthPresent", "true");
      ctx.put("aws:MultiFactorAuthAge", Long.toString(Math.max(0, java.time.Duration.between(mfaTime, info.now()).toSeconds())));
    }
    role.tags().forEach(t -> ctx.put("aws:ResourceTag/" + t.key(), t.value()));
    role.tags().forEach(t -> ctx.put("iam:ResourceTag/" + t.key(), t.value()));
    Authorizer.Verdict v = iam.authorizer().decide(c.arn(), action, role.arn(), set, ctx.build(), info);
    if (!v.proceed()) {
      // AWS's AssumeRole denials carry no reason clause (the trust policy is not named to the caller)
      throw denied(c, action, role.arn());
    }
  }

  /** Long-term credentials of a user or the root user only. */
  private static void requireLongTerm(Caller c, String operation) {
    if (c.temporary()) {
      throw new AwsServiceException(AwsErrorCode.ACCESS_DENIED, "Cannot call " + operation + " with session credentials");
    }
  }

  /** GetSessionToken: the caller's own permissions, temporarily (with MFA when a code is given). */
  public Credentials getSessionToken(Caller c, RequestInfo info, SessionRequest s) {
    requireLongTerm(c, "GetSessionToken");
    Validation.range("durationSeconds", s.durationSeconds(), 900, 129600);
    Instant now = iam.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    int duration = duration(c, s.durationSeconds());
    return iam.store().write(r -> {
      Instant mfaTime = mfaTime(r, c, s, now);
      Session session = new Session("GetSessionToken", now, now.plusSeconds(duration), null, List.of(), List.of(), List.of(), null, mfaTime, null);
      return mint(c, c.accountId(), session);
    });
  }

  /** Root sessions are capped at one hour (longer requests are clamped, as AWS does); users default to 12 hours. */
  private static int duration(Caller c, Integer requested) {
    if (c.kind() == Caller.Kind.ROOT) {
      return requested == null ? 3600 : Math.min(requested, 3600);
    }
    return requested == null ? 43200 : requested;
  }

  /** GetFederationToken: a federated user whose permissions are the caller's ∩ the session policy. */
  public FederatedUser getFederationToken(Caller c, RequestInfo info, String name, SessionRequest s) {
    requireLongTerm(c, "GetFederationToken");
    Validation.required("name", name);
    Validation.length("name", name, 2, 32);
    Validation.pattern("name", name, Pattern.compile("[\\w+=,.@-]*"));
    Validation.range("durationSeconds", s.durationSeconds(), 900, 129600);
    SessionRules.policies(s, 2048);
    List<Tag> tags = SessionRules.tags(s, c);
    Instant now = iam.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    int duration = duration(c, s.durationSeconds());
    Integer packed = SessionRules.packedSize(s, tags);
    if (packed != null && packed > 100) {
      throw new AwsServiceException(AwsErrorCode.PACKED_POLICY_TOO_LARGE, "Packed policy consumes " + packed + "% of allotted space, please use smaller policy.");
    }
    return iam.store().write(r -> {
      iam.authorizer().require(r, c, info, "sts:GetFederationToken", "arn:aws:sts::" + c.accountId() + ":federated-user/" + name);
      String arn = "arn:aws:sts::" + c.accountId() + ":federated-user/" + name;
      Session session = new Session(
          "GetFederationToken", now, now.plusSeconds(duration), s.policy(), s.policyArns(), tags, List.of(), null, null,
          c.kind() == Caller.Kind.USER ? c.name() : null);
      Caller owner = new Caller(Caller.Kind.FEDERATED_USER, c.accountId(), arn, c.accountId() + ":" + name, arn, name, null, null, null);
      return new FederatedUser(mint(owner, c.accountId(), session), owner.userId(), arn, packed);
    });
  }

  /** The AWS managed policies AssumeRoot accepts as TaskPolicyArn (AWS's list). */
  public static final List<String> ROOT_TASK_POLICIES = List.of(
      "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials",
      "arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword",
      "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials",
      "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy",
      "arn:aws:iam::aws:policy/root-task/SQSUnlockQueuePolicy");

  private static final Pattern TARGET_PRINCIPAL = Pattern.compile("(\\d{12})|arn:aws:iam::(\\d{12}):root");

  /** AssumeRoot's answer: credentials of the member account's root user, narrowed by the task policy. */
  public record RootSession(Credentials credentials, String sourceIdentity) {}

  /**
   * AssumeRoot: a privileged root session (at most 15 minutes) in a member account, for a principal
   * of the management account allowed sts:AssumeRoot (with sts:TaskPolicyArn in the context). The
   * root user's own credentials cannot call it; the session can do what the root user can, less what
   * the task policy denies.
   */
  public RootSession assumeRoot(Caller c, RequestInfo info, String targetPrincipal, String taskPolicyArn, Integer durationSeconds) {
    Validation.required("targetPrincipal", targetPrincipal);
    Validation.length("targetPrincipal", targetPrincipal, 12, 2048);
    Validation.required("taskPolicyArn.arn", taskPolicyArn);
    Validation.length("taskPolicyArn.arn", taskPolicyArn, 20, 2048);
    Validation.range("durationSeconds", durationSeconds, 0, 900);
    java.util.regex.Matcher m = TARGET_PRINCIPAL.matcher(targetPrincipal);
    if (!m.matches()) {
      throw AwsServiceException.validation(
          "TargetPrincipal " + targetPrincipal + " is invalid: give a member account's 12-digit ID or its root user ARN (arn:aws:iam::ACCOUNT:root).");
    }
    if (!ROOT_TASK_POLICIES.contains(taskPolicyArn)) {
      throw AwsServiceException.validation(
          "TaskPolicyArn " + taskPolicyArn + " is not a root-task policy: use one of " + String.join(", ", ROOT_TASK_POLICIES) + ".");
    }
    String target = m.group(1) != null ? m.group(1) : m.group(2);
    String resource = "arn:aws:iam::" + target + ":root";
    if (c.kind() == Caller.Kind.ROOT) {
      throw new AwsServiceException(AwsErrorCode.ACCESS_DENIED, "Root user credentials cannot call AssumeRoot.");
    }
    Instant now = iam.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    int duration = durationSeconds == null ? 900 : durationSeconds;
    return iam.store().read(r -> {
      iam.authorizer().requireWith(r, c, info, "sts:AssumeRoot", resource,
          // evaluated in the caller's account: the organization (not a resource policy) lets it reach the member
          iam.authorizer().context(r, c, info, "sts:AssumeRoot", resource).resourceAccount(c.accountId()).put("sts:TaskPolicyArn", taskPolicyArn));
      // only the management account's principals, only for member accounts: anything else is
      // denied as AWS denies a principal outside the organization's management account
      if (!c.accountId().equals(managementAccountId) || target.equals(managementAccountId) || r.accounts().find(target).isEmpty()) {
        throw denied(c, "sts:AssumeRoot", resource);
      }
      String source = c.session() == null ? null : c.session().sourceIdentity();
      Session session = new Session(Session.ASSUME_ROOT, now, now.plusSeconds(duration), null, List.of(taskPolicyArn), List.of(), List.of(), source, null, null);
      return new RootSession(mint(Caller.root(target, null), target, session), source);
    });
  }

  /**
   * GetDelegatedAccessToken: Rolegate has no IAM delegation requests, so it never issued a trade-in
   * token and none can be exchanged; AWS's answer for a token that cannot be exchanged.
   */
  public Credentials getDelegatedAccessToken(Caller c, RequestInfo info, String tradeInToken) {
    Validation.required("tradeInToken", tradeInToken);
    throw new AwsServiceException(AwsErrorCode.EXPIRED_TRADE_IN_TOKEN,
        "The trade-in token provided in the request has expired or was not issued by this server and can no longer be exchanged for credentials.");
  }

  /**
   * DecodeAuthorizationMessage: the JSON of a message Rolegate encoded (the decision API's denials);
   * needs sts:DecodeAuthorizationMessage, as in AWS.
   */
  public String decodeAuthorizationMessage(Caller c, RequestInfo info, String encodedMessage) {
    Validation.required("encodedMessage", encodedMessage);
    Validation.length("encodedMessage", encodedMessage, 1, dev.rolegate.core.auth.AuthorizationMessages.MAX_LENGTH);
    iam.store().read(r -> {
      iam.authorizer().require(r, c, info, "sts:DecodeAuthorizationMessage", "*");
      return null;
    });
    return messages.decode(encodedMessage);
  }

  /** GetAccessKeyInfo: the account an access key id belongs to, read from the id itself. */
  public String getAccessKeyInfo(Caller c, RequestInfo info, String accessKeyId) {
    Validation.required("accessKeyId", accessKeyId);
    Validation.length("accessKeyId", accessKeyId, 16, 128);
    Validation.pattern("accessKeyId", accessKeyId, Pattern.compile("[\\w]*"));
    String account = Ids.accountOfAccessKeyId(accessKeyId);
    if (account == null) {
      throw AwsServiceException.validation("The access key ID " + accessKeyId + " is not valid.");
    }
    iam.store().read(r -> {
      iam.authorizer().require(r, c, info, "sts:GetAccessKeyInfo", "*"); // AWS requires this permission
      return null;
    });
    return account;
  }

  /**
   * What temporary credentials may call (STS documents these): role sessions cannot call
   * GetFederationToken or GetSessionToken; federated users only GetCallerIdentity in STS and nothing
   * in IAM; GetSessionToken credentials only AssumeRole and GetCallerIdentity in STS, and IAM only
   * with MFA.
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
        throw new AwsServiceException(AwsErrorCode.ACCESS_DENIED, "Cannot call IAM operations with federated user credentials");
      }
      if (origin.equals("GetSessionToken") && s.mfaAuthTime() == null) {
        throw new AwsServiceException(AwsErrorCode.ACCESS_DENIED, "Cannot call IAM operations with session credentials obtained without MFA");
      }
      return;
    }
    String a = action.toLowerCase(Locale.ROOT);
    if (origin.equals("GetFederationToken") && !a.equals("getcalleridentity")) {
      throw new AwsServiceException(AwsErrorCode.ACCESS_DENIED, "Federated users may only call GetCallerIdentity in STS");
    }
    if (origin.equals("GetSessionToken") && !a.equals("getcalleridentity") && !a.equals("assumerole")) {
      throw new AwsServiceException(AwsErrorCode.ACCESS_DENIED, "Cannot call " + action + " with session credentials");
    }
  }
}
