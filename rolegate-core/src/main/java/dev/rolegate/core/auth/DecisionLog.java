package dev.rolegate.core.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent authorization decisions (a fixed-size ring, oldest dropped first), for {@code GET
 * /_rolegate/decisions}. Holds no secret: principals, actions, resources, statement labels and the
 * condition values of the request.
 */
public final class DecisionLog {
  /**
   * One decision.
   *
   * @param decision Allow, ExplicitDeny or ImplicitDeny
   * @param outcome what the server did: {@code allowed}, {@code denied}, or {@code audited} (denied
   *     by the policies, let through by {@code --enforcement audit})
   * @param reason AWS's reason clause for a denial, empty for an allow
   * @param deciding the statements that decided ({@code policy/Sid} or {@code policy#index})
   * @param failedConditions for a denial, each condition that kept a matching statement from
   *     applying, with the request's and the policy's values
   */
  public record Entry(
      Instant time,
      String principal,
      String action,
      String resource,
      String decision,
      String outcome,
      String reason,
      List<String> deciding,
      List<String> failedConditions) {
    public Entry {
      deciding = List.copyOf(deciding);
      failedConditions = List.copyOf(failedConditions);
    }
  }

  private final Entry[] ring;
  private long next; // total entries ever added; the ring slot is next % length

  public DecisionLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.ring = new Entry[capacity];
  }

  public synchronized void add(Entry e) {
    ring[(int) (next % ring.length)] = e;
    next++;
  }

  /**
   * The newest entries first, at most {@code limit}, matching the principal ARN and the action when
   * given (exact, case-insensitive for the action as IAM action names are).
   */
  public synchronized List<Entry> recent(String principal, String action, int limit) {
    List<Entry> out = new ArrayList<>();
    long oldest = Math.max(0, next - ring.length);
    for (long i = next - 1; i >= oldest && out.size() < limit; i--) {
      Entry e = ring[(int) (i % ring.length)];
      if ((principal == null || principal.equals(e.principal()))
          && (action == null || action.equalsIgnoreCase(e.action()))) {
        out.add(e);
      }
    }
    return out;
  }

  public synchronized void clear() {
    java.util.Arrays.fill(ring, null);
    next = 0;
  }
}
