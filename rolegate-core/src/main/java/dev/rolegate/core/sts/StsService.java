package dev.rolegate.core.sts;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Authorizer;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.auth.SessionClaims;
import dev.rolegate.core.auth.SessionTokens;
import dev.rolegate.core.iam.Arns;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.iam.RoleService;
import dev.rolegate.core.iam.Validation;
import dev.rolegate.core.model.Role;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.Evaluator;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** STS: who is calling, and AssumeRole with the role's trust policy evaluated by the engine. */
public final class StsService {
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");

  /** Temporary credentials and the assumed-role user they belong to. */
  public record AssumedRole(
      String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration, String assumedRoleId, String arn) {
    @Override
    public String toString() {
      return "AssumedRole[" + accessKeyId + ", " + arn + ", expires " + expiration + "]";
    }
  }

  private final IamContext iam;
  private final SessionTokens tokens;

  public StsService(IamContext iam, SessionTokens tokens) {
    this.iam = iam;
    this.tokens = tokens;
  }

  public AssumedRole assumeRole(
      Caller c, RequestInfo info, String roleArn, String sessionName, Integer durationSeconds, String externalId) {
    Validation.required("roleArn", roleArn);
    Validation.length("roleArn", roleArn, 20, 2048);
    Validation.required("roleSessionName", sessionName);
    Validation.length("roleSessionName", sessionName, 2, 64);
    Validation.pattern("roleSessionName", sessionName, Pattern.compile("[\\w+=,.@-]*"));
    Validation.range("durationSeconds", durationSeconds, 900, 43200);
    Validation.length("externalId", externalId, 2, 1224);
    Validation.pattern("externalId", externalId, EXTERNAL_ID);
    Arns.Parsed arn = Arns.parse(roleArn);
    if (arn == null || !arn.service().equals("iam") || !arn.resourceType().equals("role") || !arn.account().matches("\\d{12}")) {
      throw AwsServiceException.validation(roleArn + " is invalid");
    }
    if (c.kind() == Caller.Kind.ROOT) {
      throw new AwsServiceException(AwsErrorCode.ACCESS_DENIED, "Roles may not be assumed by root accounts.");
    }
    Instant now = iam.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    return iam.store().write(r -> {
      Role role = r.roles().findByName(arn.account(), arn.name()).filter(x -> x.arn().equals(roleArn)).orElse(null);
      String action = "sts:AssumeRole";
      if (role == null) {
        throw new AwsServiceException(
            AwsErrorCode.ACCESS_DENIED, "User: " + c.arn() + " is not authorized to perform: " + action + " on resource: " + roleArn);
      }
      CompiledPolicy trust = iam.authorizer().compile(role.arn() + "#trust", role.assumeRolePolicyDocument(), PolicyKind.TRUST);
      PolicySet identity = iam.authorizer().identityPolicies(r, c);
      PolicySet set = new PolicySet(identity.identity(), trust, identity.permissionsBoundary(), identity.sessionPolicies(), identity.scpLevels());
      RequestContext.Builder ctx =
          iam.authorizer().context(c, info, action, role.arn()).resourceAccount(role.accountId()).put("sts:RoleSessionName", sessionName);
      if (externalId != null) {
        ctx.put("sts:ExternalId", externalId);
      }
      EvaluationResult result = trust == null
          ? null
          : Evaluator.evaluate(set, ctx.build(), false);
      if (result == null || result.decision() != Decision.ALLOW) {
        throw result == null
            ? new AwsServiceException(AwsErrorCode.ACCESS_DENIED, "User: " + c.arn() + " is not authorized to perform: " + action + " on resource: " + roleArn)
            : Authorizer.accessDenied(c, action, role.arn(), result);
      }
      int duration = durationSeconds == null ? 3600 : durationSeconds;
      if (c.kind() == Caller.Kind.ASSUMED_ROLE && duration > 3600) {
        throw AwsServiceException.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
      }
      if (duration > role.maxSessionDuration()) {
        throw AwsServiceException.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
      }
      RoleService.markUsed(r, role, now, info.region());
      String keyId = iam.ids().accessKeyId("ASIA", role.accountId());
      String secret = iam.ids().secretAccessKey();
      Instant expiration = now.plusSeconds(duration);
      SessionClaims claims = new SessionClaims(
          keyId, secret, role.accountId(), role.arn(), role.roleId(), role.name(), sessionName, now, expiration);
      return new AssumedRole(keyId, secret, tokens.seal(claims), expiration, role.roleId() + ":" + sessionName, claims.sessionArn());
    });
  }
}
