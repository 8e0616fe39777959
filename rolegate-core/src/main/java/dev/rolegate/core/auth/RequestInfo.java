package dev.rolegate.core.auth;

import java.time.Instant;
import java.util.Objects;

/** What the transport knows about a request, for the condition keys AWS sets. */
public record RequestInfo(String requestId, String sourceIp, boolean secureTransport, String region, String userAgent, Instant now) {
  public RequestInfo {
    Objects.requireNonNull(requestId, "requestId is null");
    Objects.requireNonNull(now, "now is null");
    region = region == null ? "us-east-1" : region;
  }
}
