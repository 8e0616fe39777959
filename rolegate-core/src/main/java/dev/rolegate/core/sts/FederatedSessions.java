package dev.rolegate.core.sts;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.auth.Session;
import dev.rolegate.core.auth.SessionClaims;
import dev.rolegate.core.auth.SessionTokens;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.iam.RoleService;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * The part AssumeRoleWithWebIdentity and AssumeRoleWithSAML share once the identity provider's
 * token is verified: in one store transaction, load the role, evaluate its trust policy for the
 * federated principal (the action, then {@code sts:TagSession} when there are session tags, then
 * {@code sts:SetSourceIdentity} when a source identity is set), check the duration and the packed
 * size, record RoleLastUsed and mint the session's credentials.
 */
final class FederatedSessions {
  /**
   * One federated AssumeRole*.
   *
   * @param origin the operation name the session records
   * @param action the trust policy action ({@code sts:AssumeRoleWithSAML}, ...)
   * @param federated the provider ARN: the principal the trust policy names
   * @param tags session tags from the IdP (validated), with their transitive keys
   * @param notAfter when the session must end at the latest (SAML's SessionNotOnOrAfter), or null
   * @param context the request context for the role (principal, action, resource and the provider's keys)
   */
  record Request(
      String origin, String action, String federated, String account, String roleName, String roleArn, String sessionName,
      SessionRequest session, List<Tag> tags, List<String> transitiveTagKeys, String sourceIdentity, Instant now, Instant notAfter,
      Function<Role, RequestContext.Builder> context) {}

  record Issued(StsService.Credentials credentials, Caller owner, Integer packedPolicySize, Instant expiration) {}

  private final IamContext iam;
  private final SessionTokens tokens;

  FederatedSessions(IamContext iam, SessionTokens tokens) {
    this.iam = iam;
    this.tokens = tokens;
  }

  /**
   * The context keys every federated AssumeRole* has: the provider as principal and {@code
   * aws:FederatedProvider}, the principal type, the global keys of the request, the session name and
   * the role's tags; the caller adds the provider's own keys.
   */
  static RequestContext.Builder context(RequestInfo info, String providerArn, String principalType, String action, Role role, String sessionName) {
    RequestContext.Builder b = RequestContext.builder()
        .principal(providerArn)
        .action(action)
        .resource(role.arn())
        .resourceAccount(role.accountId())
        .put("aws:FederatedProvider", providerArn)
        .put("aws:PrincipalType", principalType)
        .put("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(info.now().truncatedTo(ChronoUnit.SECONDS)))
        .put("aws:EpochTime", Long.toString(info.now().getEpochSecond()))
        .put("aws:SecureTransport", Boolean.toString(info.secureTransport()))
        .put("aws:RequestedRegion", info.region())
        .put("sts:RoleSessionName", sessionName);
    if (info.sourceIp() != null) {
      b.put("aws:SourceIp", info.sourceIp());
    }
    if (info.userAgent() != null) {
      b.put("aws:UserAgent", info.userAgent());
    }
    role.tags().forEach(t -> b.put("aws:ResourceTag/" + t.key(), t.value()));
    role.tags().forEach(t -> b.put("iam:ResourceTag/" + t.key(), t.value()));
    return b;
  }

  static AwsServiceException denied(String action) {
    return dev.rolegate.core.auth.AccessDenied.federated(action);
  }

  Issued issue(RequestInfo info, Request q) {
    SessionRequest s = q.session();
    return iam.store().write(r -> {
      Role role = r.roles().findByName(q.account(), q.roleName()).filter(x -> x.arn().equals(q.roleArn())).orElse(null);
      if (role == null) {
        throw denied(q.action());
      }
      CompiledPolicy trust = iam.authorizer().compile(role.arn() + "#trust", role.assumeRolePolicyDocument(), PolicyKind.TRUST);
      if (trust == null) {
        throw denied(q.action());
      }
      PolicySet set = new PolicySet(List.of(), trust, null, List.of(), List.of());
      if (!iam.authorizer().decide(q.federated(), q.action(), role.arn(), set, q.context().apply(role).build(), info).proceed()) {
        throw denied(q.action());
      }
      if (!q.tags().isEmpty()) {
        RequestContext.Builder ctx = q.context().apply(role).action("sts:TagSession");
        q.tags().forEach(t -> ctx.put("aws:RequestTag/" + t.key(), t.value()));
        ctx.putMulti("aws:TagKeys", SessionRules.keys(q.tags()));
        if (!q.transitiveTagKeys().isEmpty()) {
          ctx.putMulti("sts:TransitiveTagKeys", q.transitiveTagKeys());
        }
        if (!iam.authorizer().decide(q.federated(), "sts:TagSession", role.arn(), set, ctx.build(), info).proceed()) {
          throw denied("sts:TagSession");
        }
      }
      if (q.sourceIdentity() != null) {
        RequestContext.Builder ctx = q.context().apply(role).action("sts:SetSourceIdentity");
        if (!iam.authorizer().decide(q.federated(), "sts:SetSourceIdentity", role.arn(), set, ctx.build(), info).proceed()) {
          throw denied("sts:SetSourceIdentity");
        }
      }
      int duration = s.durationSeconds() == null ? 3600 : s.durationSeconds();
      if (duration > role.maxSessionDuration()) {
        throw AwsServiceException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
      }
      Integer packed = SessionRules.packedSize(s, q.tags());
      if (packed != null && packed > 100) {
        throw new AwsServiceException(AwsErrorCode.PACKED_POLICY_TOO_LARGE, "Packed policy consumes " + packed + "% of allotted space, please use smaller policy.");
      }
      RoleService.markUsed(r, role, q.now(), info.region());
      Instant expiration = q.now().plusSeconds(duration);
      if (q.notAfter() != null && q.notAfter().isBefore(expiration)) {
        expiration = q.notAfter();
      }
      Session session = new Session(
          q.origin(), q.now(), expiration, s.policy(), s.policyArns(), q.tags(), q.transitiveTagKeys(), q.sourceIdentity(), null, null);
      Caller owner = new Caller(
          Caller.Kind.ASSUMED_ROLE, role.accountId(), "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + q.sessionName(),
          role.roleId() + ":" + q.sessionName(), role.arn(), role.name(), q.sessionName(), null, null);
      String keyId = iam.ids().accessKeyId("ASIA", role.accountId());
      String secret = iam.ids().secretAccessKey();
      Caller withKey = owner.withSession(keyId, session);
      StsService.Credentials creds =
          new StsService.Credentials(keyId, secret, tokens.seal(new SessionClaims(withKey, secret)), session.expiration());
      return new Issued(creds, owner, packed, expiration);
    });
  }
}
