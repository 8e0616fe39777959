package dev.rolegate.core.auth;

/**
 * What one request has done so far, passed explicitly with its {@link RequestInfo} (never kept in a
 * thread-local): whether an authorization decision was made, which the Query protocol's fail-closed
 * guard reads once the operation has run. One per request; not shared between requests.
 */
public final class RequestScope {
  private volatile boolean decided;

  /** Notes that this request was authorized (also by the root user's or {@code off}'s shortcut). */
  public void markDecided() {
    decided = true;
  }

  /** Whether an authorization decision was made for this request. */
  public boolean decided() {
    return decided;
  }
}
