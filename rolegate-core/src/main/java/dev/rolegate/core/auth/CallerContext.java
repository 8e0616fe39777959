package dev.rolegate.core.auth;

import dev.rolegate.core.model.Tag;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.RequestContext;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request context of an IAM or STS call: principal, action and resource, the global condition
 * keys AWS sets for the caller and the transport ({@code aws:PrincipalArn}, {@code aws:userid},
 * {@code aws:CurrentTime}, {@code aws:SourceIp}, the session's {@code aws:TokenIssueTime}, {@code
 * aws:MultiFactorAuthPresent}/{@code Age}, {@code aws:SourceIdentity}, ...) and {@code
 * aws:PrincipalTag/*}. The principal's tags are read from the store once per request (kept in its
 * {@link RequestScope}).
 */
public final class CallerContext {
  private CallerContext() {}

  /**
   * The request context with the global condition keys AWS sets for IAM and STS calls, the
   * principal's tags included.
   */
  public static RequestContext.Builder of(
      Repositories r, Caller caller, RequestInfo info, String action, String resource) {
    RequestContext.Builder b = of(caller, info, action, resource);
    principalTags(r, caller, info).forEach((k, v) -> b.put("aws:PrincipalTag/" + k, v));
    return b;
  }

  /**
   * The principal's tags as AWS puts them in aws:PrincipalTag/*: the role's or user's, overridden
   * by session tags; read from the store the first time the request asks.
   */
  public static Map<String, String> principalTags(Repositories r, Caller caller, RequestInfo info) {
    return info.scope().principalTags(caller, () -> readPrincipalTags(r, caller));
  }

  /** The principal's tags read from the store now. */
  static Map<String, String> readPrincipalTags(Repositories r, Caller caller) {
    Map<String, String> tags = new LinkedHashMap<>();
    switch (caller.kind()) {
      case USER ->
          Principals.user(r, caller)
              .ifPresent(u -> u.tags().forEach(t -> tags.put(t.key(), t.value())));
      case ASSUMED_ROLE ->
          Principals.role(r, caller)
              .ifPresent(x -> x.tags().forEach(t -> tags.put(t.key(), t.value())));
      default -> {}
    }
    if (caller.session() != null) {
      for (Tag t : caller.session().tags()) {
        tags.keySet().removeIf(k -> k.equalsIgnoreCase(t.key()));
        tags.put(t.key(), t.value());
      }
    }
    return tags;
  }

  /** The global keys that do not need the store. */
  public static RequestContext.Builder of(
      Caller caller, RequestInfo info, String action, String resource) {
    RequestContext.Builder b =
        RequestContext.builder()
            .principal(caller.arn())
            .action(action)
            .resource(resource)
            .put("aws:PrincipalArn", caller.identityArn())
            .put("aws:PrincipalAccount", caller.accountId())
            .put("aws:PrincipalType", principalType(caller.kind()))
            .put("aws:userid", caller.userId())
            .put(
                "aws:CurrentTime",
                DateTimeFormatter.ISO_INSTANT.format(info.now().truncatedTo(ChronoUnit.SECONDS)))
            .put("aws:EpochTime", Long.toString(info.now().getEpochSecond()))
            .put("aws:SecureTransport", Boolean.toString(info.secureTransport()))
            .put("aws:RequestedRegion", info.region())
            .put("aws:ViaAWSService", "false")
            .put("aws:PrincipalIsAWSService", "false");
    if (info.sourceIp() != null) {
      b.put("aws:SourceIp", info.sourceIp());
    }
    if (info.userAgent() != null) {
      b.put("aws:UserAgent", info.userAgent());
    }
    if (caller.kind() == Caller.Kind.USER) {
      b.put("aws:username", caller.name());
    }
    Session s = caller.session();
    if (s != null) {
      b.put(
          "aws:TokenIssueTime",
          DateTimeFormatter.ISO_INSTANT.format(s.issuedAt().truncatedTo(ChronoUnit.SECONDS)));
      b.put("aws:MultiFactorAuthPresent", Boolean.toString(s.mfaAuthTime() != null));
      if (s.mfaAuthTime() != null) {
        b.put(
            "aws:MultiFactorAuthAge",
            Long.toString(Math.max(0, Duration.between(s.mfaAuthTime(), info.now()).toSeconds())));
      }
      if (s.sourceIdentity() != null) {
        b.put("aws:SourceIdentity", s.sourceIdentity());
      }
    }
    return b;
  }

  /** aws:PrincipalType: Account, User, AssumedRole or FederatedUser. */
  static String principalType(Caller.Kind kind) {
    return switch (kind) {
      case ROOT -> "Account";
      case USER -> "User";
      case ASSUMED_ROLE -> "AssumedRole";
      case FEDERATED_USER -> "FederatedUser";
    };
  }
}
