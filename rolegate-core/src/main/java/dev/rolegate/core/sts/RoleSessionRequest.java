package dev.rolegate.core.sts;

import dev.rolegate.policy.ContextValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One role session to issue, as {@link RoleSessionIssuer} takes it: what the action checked and
 * worked out before (parameters validated, identity provider token verified), nothing the issuer
 * decides itself.
 *
 * @param origin the operation the session records ({@code AssumeRole}, {@code
 *     AssumeRoleWithWebIdentity}, {@code AssumeRoleWithSAML}, ...)
 * @param action the trust policy action ({@code sts:AssumeRole}, {@code sts:AssumeRoleWithSAML},
 *     ...)
 * @param principal who asks, as the trust policy sees it
 * @param roleArn the role as the request names it (a role that does not exist is AccessDenied)
 * @param sessionName the role session name ({@code sts:RoleSessionName})
 * @param session the requested duration, session policies, the new session tags with their
 *     transitive keys (validated) and source identity; its MFA fields are not read (see {@link
 *     SessionPrincipal.Iam#mfaCode})
 * @param now the issue time (seconds)
 * @param notAfter when the session must end at the latest (SAML's SessionNotOnOrAfter), or null
 * @param contextKeys the action's own context keys ({@code sts:ExternalId}, the provider's {@code
 *     HOST:aud}/{@code saml:*} keys, a service's {@code aws:SourceArn}...), in every evaluation
 */
public record RoleSessionRequest(
    String origin,
    String action,
    SessionPrincipal principal,
    String roleArn,
    String sessionName,
    SessionRequest session,
    Instant now,
    Instant notAfter,
    Map<String, ContextValue> contextKeys) {
  public RoleSessionRequest {
    Objects.requireNonNull(origin, "origin is null");
    Objects.requireNonNull(action, "action is null");
    Objects.requireNonNull(principal, "principal is null");
    Objects.requireNonNull(roleArn, "roleArn is null");
    Objects.requireNonNull(sessionName, "sessionName is null");
    Objects.requireNonNull(session, "session is null");
    Objects.requireNonNull(now, "now is null");
    contextKeys =
        contextKeys == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contextKeys));
  }
}
