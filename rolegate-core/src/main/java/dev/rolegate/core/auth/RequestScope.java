package dev.rolegate.core.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What one request has done so far, passed explicitly with its {@link RequestInfo} (never kept in a
 * thread-local): whether an authorization decision was made, which the Query protocol's fail-closed
 * guard reads once the operation has run, and the principal tags already read for a caller, so a
 * request that evaluates several times (AssumeRole, the decision API) reads them from the store
 * once. One per request; not shared between requests.
 */
public final class RequestScope {
  private volatile boolean decided;
  private final Map<Caller, Map<String, String>> principalTags = new ConcurrentHashMap<>(2);

  /** Notes that this request was authorized (also by the root user's or {@code off}'s shortcut). */
  public void markDecided() {
    decided = true;
  }

  /** Whether an authorization decision was made for this request. */
  public boolean decided() {
    return decided;
  }

  /**
   * The caller's principal tags, read with {@code read} the first time this request asks for that
   * caller's, the same (unmodifiable) map afterwards.
   */
  public Map<String, String> principalTags(Caller caller, Supplier<Map<String, String>> read) {
    Map<String, String> tags = principalTags.get(caller);
    if (tags == null) {
      tags =
          Collections.unmodifiableMap(
              new LinkedHashMap<>(read.get())); // keeps the order the tags were read in
      principalTags.put(caller, tags);
    }
    return tags;
  }
}
