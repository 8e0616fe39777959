package dev.rolegate.core.sts;

import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.port.Repositories;
import java.time.Instant;
import java.util.Objects;

/**
 * Who asks {@link RoleSessionIssuer} for a role session, as the role's trust policy sees it. The
 * kind decides which policies are evaluated, the global context keys and how a denial is worded;
 * everything else (the action's own keys, the session name, tags, durations) is the same for all.
 */
public sealed interface SessionPrincipal {
  /**
   * The principal as the decision log shows it (the caller's ARN, the provider ARN, the service
   * name).
   */
  String name();

  /**
   * An IAM principal signing AssumeRole: its identity policies, permissions boundary and session
   * policies are evaluated with the trust policy as the resource policy, with the global keys of
   * its request ({@code aws:PrincipalTag/*}, {@code aws:PrincipalArn}, ...). A caller with a
   * session chains: the session's transitive tags and source identity pass on, and the new session
   * lasts at most an hour.
   *
   * @param mfaCode checks the MFA code the request carries, inside the issuing transaction (a code
   *     is accepted once, and its use is rolled back when the session is refused), and returns when
   *     MFA was authenticated; null when the request carries no code (the caller's own session's
   *     MFA time then counts)
   */
  record Iam(Caller caller, MfaCode mfaCode) implements SessionPrincipal {
    public Iam {
      Objects.requireNonNull(caller, "caller is null");
    }

    @Override
    public String name() {
      return caller.arn();
    }
  }

  /**
   * An OIDC or SAML identity provider (AssumeRoleWithWebIdentity, AssumeRoleWithSAML) after its
   * token was verified: the trust policy alone is evaluated, with the provider ARN as the federated
   * principal, {@code aws:FederatedProvider} and {@code aws:PrincipalType}.
   *
   * @param principalType {@code WebIdentityUser} or {@code SAMLUser}
   */
  record Federated(String providerArn, String principalType) implements SessionPrincipal {
    public Federated {
      Objects.requireNonNull(providerArn, "providerArn is null");
      Objects.requireNonNull(principalType, "principalType is null");
    }

    @Override
    public String name() {
      return providerArn;
    }
  }

  /**
   * An AWS service principal assuming a role on a workload's behalf ({@code ec2.amazonaws.com} for
   * an instance profile, {@code ecs-tasks.amazonaws.com}, {@code lambda.amazonaws.com}, {@code
   * pods.eks.amazonaws.com}): the trust policy alone is evaluated, with {@code
   * aws:PrincipalIsAWSService} true and {@code aws:PrincipalServiceName}; the workload's keys
   * ({@code aws:SourceAccount}, {@code aws:SourceArn}, ...) come with the request.
   */
  record Service(String service) implements SessionPrincipal {
    public Service {
      Objects.requireNonNull(service, "service is null");
    }

    @Override
    public String name() {
      return service;
    }
  }

  /** An MFA code checked in the issuing transaction; see {@link Iam#mfaCode}. */
  @FunctionalInterface
  interface MfaCode {
    /** When MFA was authenticated (now) for a valid code; throws AccessDenied otherwise. */
    Instant authenticate(Repositories r);
  }
}
