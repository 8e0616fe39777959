package dev.rolegate.core.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What the transport knows about a request, for the condition keys AWS sets, and the request's own
 * {@link RequestScope} (the decision mark the fail-closed guard reads).
 */
public record RequestInfo(
    String requestId,
    String sourceIp,
    boolean secureTransport,
    String region,
    String userAgent,
    Instant now,
    RequestScope scope) {
  public RequestInfo {
    Objects.requireNonNull(requestId, "requestId is null");
    Objects.requireNonNull(now, "now is null");
    Objects.requireNonNull(scope, "scope is null");
    region = region == null ? "us-east-1" : region;
  }

  /** A request with a scope of its own. */
  public RequestInfo(
      String requestId,
      String sourceIp,
      boolean secureTransport,
      String region,
      String userAgent,
      Instant now) {
    this(requestId, sourceIp, secureTransport, region, userAgent, now, new RequestScope());
  }
}
