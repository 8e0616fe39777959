package dev.rolegate.core.sts;

import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.AccessDenied;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.auth.Session;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.iam.RoleService;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one way a role session is issued, whoever asks (AssumeRole, AssumeRoleWithWebIdentity,
 * AssumeRoleWithSAML, and a service principal's instance, task or function credentials). In one
 * store transaction (a read, unless an MFA code's use is recorded):
 *
 * <ol>
 *   <li>load the role; a missing one is AccessDenied;
 *   <li>evaluate the trust policy with the policy engine for the request's principal (an IAM
 *       caller's identity policies, boundary and session policies with the trust policy as the
 *       resource policy; a federated provider or a service principal: the trust policy alone): the
 *       action, then {@code sts:TagSession} when session tags or transitive keys are set, then
 *       {@code sts:SetSourceIdentity} when a new source identity is set;
 *   <li>the duration: default 3600 s, at most the role's MaxSessionDuration, at most 3600 s for a
 *       chained session, cut at SAML's SessionNotOnOrAfter;
 *   <li>session policies, tags (the calling session's transitive tags first), source identity
 *       (inherited, and then not changeable), the packed size;
 *   <li>the credentials minted ({@link CredentialMinter}).
 * </ol>
 *
 * Then RoleLastUsed is recorded after the transaction, at most once a minute per role and region
 * ({@link RoleService#recordUse}), so concurrent sessions do not queue on the store's write lock.
 */
public final class RoleSessionIssuer {
  private static final int DEFAULT_DURATION = 3600;
  private static final int CHAINED_MAX = 3600;

  /**
   * A session issued.
   *
   * @param owner the session's principal ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION},
   *     {@code ROLEID:SESSION}), without its credentials
   * @param packedPolicySize the percentage of the packed budget used, or null when no session
   *     policy or tag was passed
   * @param sourceIdentity the session's source identity (inherited or set), or null
   */
  public record Issued(
      StsService.Credentials credentials,
      Caller owner,
      Integer packedPolicySize,
      String sourceIdentity) {}

  private record Minted(Issued issued, Role role) {}

  private final IamContext iam;
  private final CredentialMinter minter;

  public RoleSessionIssuer(IamContext iam, CredentialMinter minter) {
    this.iam = Objects.requireNonNull(iam, "iam is null");
    this.minter = Objects.requireNonNull(minter, "minter is null");
  }

  public Issued issue(RequestInfo info, RoleSessionRequest q) {
    Function<Repositories, Minted> work = r -> issue(r, info, q);
    boolean writes = q.principal() instanceof SessionPrincipal.Iam i && i.mfaCode() != null;
    Minted minted = writes ? iam.store().write(work) : iam.store().read(work);
    RoleService.recordUse(iam.store(), minted.role(), q.now(), info.region());
    return minted.issued();
  }

  private Minted issue(Repositories r, RequestInfo info, RoleSessionRequest q) {
    SessionPrincipal p = q.principal();
    SessionRequest s = q.session();
    Arns.Parsed arn = Arns.parse(q.roleArn());
    Role role =
        arn == null
            ? null
            : r.roles()
                .findByName(arn.account(), arn.name())
                .filter(x -> x.arn().equals(q.roleArn()))
                .orElse(null);
    if (role == null) {
      throw accessDenied(p, q.action(), q.roleArn());
    }
    Instant mfaTime = mfaTime(r, p);
    Session parent = p instanceof SessionPrincipal.Iam i ? i.caller().session() : null;
    String inheritedSource = parent == null ? null : parent.sourceIdentity();
    if (inheritedSource != null
        && s.sourceIdentity() != null
        && !inheritedSource.equals(s.sourceIdentity())) {
      throw accessDenied(p, "sts:SetSourceIdentity", role.arn());
    }
    List<Tag> tags = new ArrayList<>();
    List<String> transitive = new ArrayList<>();
    if (parent != null) {
      for (String k : parent.transitiveTagKeys()) {
        parent.tags().stream()
            .filter(t -> t.key().equalsIgnoreCase(k))
            .findFirst()
            .ifPresent(tags::add);
        transitive.add(k);
      }
    }
    tags.addAll(s.tags());
    transitive.addAll(s.transitiveTagKeys());

    CompiledPolicy trust =
        iam.authorizer()
            .compile(role.arn() + "#trust", role.assumeRolePolicyDocument(), PolicyKind.TRUST);
    if (trust == null) {
      throw accessDenied(p, q.action(), role.arn());
    }
    PolicySet set = policies(r, p, trust);
    RequestContext.Builder ctx = context(r, info, q, role, mfaTime);
    evaluate(info, p, set, ctx, q.action(), role);
    if (!s.tags().isEmpty() || !s.transitiveTagKeys().isEmpty()) {
      evaluate(info, p, set, ctx, "sts:TagSession", role);
    }
    if (s.sourceIdentity() != null && inheritedSource == null) {
      evaluate(info, p, set, ctx, "sts:SetSourceIdentity", role);
    }

    int duration = s.durationSeconds() == null ? DEFAULT_DURATION : s.durationSeconds();
    if (parent != null && duration > CHAINED_MAX) {
      throw AwsServiceException.validation(
          "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
    }
    if (duration > role.maxSessionDuration()) {
      throw AwsServiceException.validation(
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    Integer packed = SessionRules.requirePackedSize(s, s.tags());
    Instant expiration = q.now().plusSeconds(duration);
    if (q.notAfter() != null && q.notAfter().isBefore(expiration)) {
      expiration = q.notAfter();
    }
    String source = inheritedSource != null ? inheritedSource : s.sourceIdentity();
    Session session =
        new Session(
            q.origin(),
            q.now(),
            expiration,
            s.policy(),
            s.policyArns(),
            tags,
            transitive,
            source,
            mfaTime,
            null);
    Caller owner =
        new Caller(
            Caller.Kind.ASSUMED_ROLE,
            role.accountId(),
            Arns.assumedRole(role.accountId(), role.name(), q.sessionName()),
            role.roleId() + ":" + q.sessionName(),
            role.arn(),
            role.name(),
            q.sessionName(),
            null,
            null);
    return new Minted(new Issued(minter.mint(owner, session), owner, packed, source), role);
  }

  /**
   * When the session's MFA was authenticated: a code checked now, else the calling session's MFA
   * time.
   */
  private static Instant mfaTime(Repositories r, SessionPrincipal p) {
    if (!(p instanceof SessionPrincipal.Iam i)) {
      return null;
    }
    if (i.mfaCode() != null) {
      return i.mfaCode().authenticate(r);
    }
    return i.caller().session() == null ? null : i.caller().session().mfaAuthTime();
  }

  /**
   * An IAM caller's identity policies, boundary and session policies with the trust policy as
   * resource policy; others: the trust policy alone.
   */
  private PolicySet policies(Repositories r, SessionPrincipal p, CompiledPolicy trust) {
    if (p instanceof SessionPrincipal.Iam i) {
      PolicySet identity = iam.authorizer().identityPolicies(r, i.caller());
      return new PolicySet(
          identity.identity(),
          trust,
          identity.permissionsBoundary(),
          identity.sessionPolicies(),
          identity.scpLevels());
    }
    return new PolicySet(List.of(), trust, null, List.of(), List.of());
  }

  /**
   * The request context all evaluations share (each sets its action): the principal's global keys,
   * then {@code sts:RoleSessionName}, the action's own keys, the new session tags ({@code
   * aws:RequestTag/*}, {@code aws:TagKeys}), {@code sts:TransitiveTagKeys}, {@code
   * sts:SourceIdentity}, the MFA keys of a code checked now, and the role's tags.
   */
  private RequestContext.Builder context(
      Repositories r, RequestInfo info, RoleSessionRequest q, Role role, Instant mfaTime) {
    SessionPrincipal p = q.principal();
    SessionRequest s = q.session();
    RequestContext.Builder b;
    if (p instanceof SessionPrincipal.Iam i) {
      b = iam.authorizer().context(r, i.caller(), info, q.action(), role.arn());
    } else if (p instanceof SessionPrincipal.Federated f) {
      b =
          global(info, f.providerArn(), q.action(), role)
              .put("aws:FederatedProvider", f.providerArn())
              .put("aws:PrincipalType", f.principalType());
    } else {
      SessionPrincipal.Service v = (SessionPrincipal.Service) p;
      b =
          global(info, v.service(), q.action(), role)
              .put("aws:PrincipalIsAWSService", "true")
              .put("aws:PrincipalServiceName", v.service());
    }
    b.resourceAccount(role.accountId()).put("sts:RoleSessionName", q.sessionName());
    q.contextKeys().forEach(b::put);
    if (!s.tags().isEmpty()) {
      s.tags().forEach(t -> b.put("aws:RequestTag/" + t.key(), t.value()));
      b.putMulti("aws:TagKeys", SessionRules.keys(s.tags()));
    }
    if (!s.transitiveTagKeys().isEmpty()) {
      b.putMulti("sts:TransitiveTagKeys", s.transitiveTagKeys());
    }
    if (s.sourceIdentity() != null) {
      b.put("sts:SourceIdentity", s.sourceIdentity());
    }
    if (mfaTime != null) {
      b.put("aws:MultiFactorAuthPresent", "true");
      b.put(
          "aws:MultiFactorAuthAge",
          Long.toString(Math.max(0, Duration.between(mfaTime, info.now()).toSeconds())));
    }
    role.tags().forEach(t -> b.put("aws:ResourceTag/" + t.key(), t.value()));
    role.tags().forEach(t -> b.put("iam:ResourceTag/" + t.key(), t.value()));
    return b;
  }

  /** The global keys of a request without an IAM caller (a federated provider's, a service's). */
  private static RequestContext.Builder global(
      RequestInfo info, String principal, String action, Role role) {
    RequestContext.Builder b =
        RequestContext.builder()
            .principal(principal)
            .action(action)
            .resource(role.arn())
            .put(
                "aws:CurrentTime",
                DateTimeFormatter.ISO_INSTANT.format(info.now().truncatedTo(ChronoUnit.SECONDS)))
            .put("aws:EpochTime", Long.toString(info.now().getEpochSecond()))
            .put("aws:SecureTransport", Boolean.toString(info.secureTransport()))
            .put("aws:RequestedRegion", info.region());
    if (info.sourceIp() != null) {
      b.put("aws:SourceIp", info.sourceIp());
    }
    if (info.userAgent() != null) {
      b.put("aws:UserAgent", info.userAgent());
    }
    return b;
  }

  private void evaluate(
      RequestInfo info,
      SessionPrincipal p,
      PolicySet set,
      RequestContext.Builder ctx,
      String action,
      Role role) {
    if (!iam.authorizer()
        .decide(p.name(), action, role.arn(), set, ctx.action(action).build(), info)
        .proceed()) {
      throw accessDenied(p, action, role.arn());
    }
  }

  /**
   * The AccessDenied of a refused role session, the one place it is worded. An IAM caller gets
   * AWS's AssumeRole sentence without a reason clause (the trust policy is not named to the
   * caller); a federated provider AWS's {@code Not authorized to perform ACTION}; a service
   * principal the same (AWS shows no message to a workload, the sentence is Rolegate's).
   */
  static AwsServiceException accessDenied(SessionPrincipal p, String action, String resource) {
    if (p instanceof SessionPrincipal.Iam i) {
      return AccessDenied.withoutReason(i.caller(), action, resource);
    }
    return AccessDenied.federated(action);
  }
}
