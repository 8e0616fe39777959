package dev.rolegate.core.auth;

import dev.rolegate.policy.Decision;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.Explanation;
import dev.rolegate.policy.StatementRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of each decision: a {@link DecisionLog.Entry} (time, principal, action, resource, the
 * decision, what the server did, AWS's reason clause, the deciding statements and, for a denial,
 * the conditions that failed with the request's values) in the ring of recent decisions, a line on
 * the {@code dev.rolegate.explain} logger under {@code --explain}, and a warning on the {@code
 * dev.rolegate.audit} logger for a denial let through by {@code --enforcement audit}. No secret or
 * token is in any of them.
 */
public final class DecisionRecorder {
  private static final Logger EXPLAIN = LoggerFactory.getLogger("dev.rolegate.explain");
  private static final Logger AUDIT = LoggerFactory.getLogger("dev.rolegate.audit");

  /** What the server did with a decision. */
  public enum Outcome {
    /** the policies allow */
    ALLOWED,
    /** the policies deny and the call is refused */
    DENIED,
    /** the policies deny, {@code --enforcement audit} lets the call through */
    AUDITED;

    /**
     * {@code allowed}, {@code denied} or {@code audited}, as {@link DecisionLog.Entry#outcome}
     * holds it.
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final DecisionLog log;
  private final boolean explainLog;

  /**
   * @param explainLog a line per decision on the {@code dev.rolegate.explain} logger (info) ({@code
   *     --explain})
   */
  public DecisionRecorder(DecisionLog log, boolean explainLog) {
    this.log = log;
    this.explainLog = explainLog;
  }

  /** The recent decisions (GET /_rolegate/decisions). */
  public DecisionLog log() {
    return log;
  }

  /** Whether every decision is logged with its trace ({@code --explain}). */
  public boolean explainLog() {
    return explainLog;
  }

  /** Adds the decision to the log of recent decisions and writes its explain and audit lines. */
  public DecisionLog.Entry record(
      String principal,
      String action,
      String resource,
      EvaluationResult result,
      Instant now,
      Outcome outcome) {
    DecisionLog.Entry entry = entry(principal, action, resource, result, now, outcome);
    log.add(entry);
    if (explainLog && EXPLAIN.isInfoEnabled()) {
      EXPLAIN.info(explainLine(entry));
    }
    if (outcome == Outcome.AUDITED) {
      AUDIT.warn(auditLine(entry));
    }
    return entry;
  }

  /**
   * The log entry of a decision (the time to the millisecond; failed conditions only for a denial).
   */
  public static DecisionLog.Entry entry(
      String principal,
      String action,
      String resource,
      EvaluationResult result,
      Instant now,
      Outcome outcome) {
    boolean allowed = result.decision() == Decision.ALLOW;
    return new DecisionLog.Entry(
        now.truncatedTo(ChronoUnit.MILLIS),
        principal,
        action,
        resource,
        result.decision().text(),
        outcome.label(),
        result.reasonClause(action),
        result.deciding().stream().map(StatementRef::label).toList(),
        allowed ? List.of() : failedConditions(result));
  }

  /** The {@code --explain} line of a decision. */
  public static String explainLine(DecisionLog.Entry e) {
    return "decision "
        + e.outcome()
        + " "
        + e.action()
        + " on "
        + e.resource()
        + " by "
        + e.principal()
        + ": "
        + e.decision()
        + (e.reason().isEmpty() ? "" : " (" + e.reason() + ")")
        + " deciding="
        + e.deciding()
        + " failed="
        + e.failedConditions();
  }

  /** The audit warning of a denial let through. */
  public static String auditLine(DecisionLog.Entry e) {
    return "audit: would deny "
        + e.action()
        + " on "
        + e.resource()
        + " to "
        + e.principal()
        + " "
        + e.reason()
        + "; failed conditions "
        + e.failedConditions();
  }

  /**
   * Each condition that kept a statement matching action, resource and principal from applying, as
   * {@code statement: Operator key request=[values] policy=[values]} (none without a trace).
   */
  public static List<String> failedConditions(EvaluationResult result) {
    if (result.explanation() == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Explanation.StatementTrace t : result.explanation().statements()) {
      if (t.applies()
          || !t.actionMatched()
          || !t.resourceMatched()
          || Boolean.FALSE.equals(t.principalMatched())) {
        continue;
      }
      for (Explanation.ConditionTrace c : t.conditions()) {
        if (!c.result()) {
          out.add(
              t.statement().label()
                  + ": "
                  + c.operator()
                  + " "
                  + c.key()
                  + " request="
                  + (c.requestValues() == null ? "(absent)" : c.requestValues())
                  + " policy="
                  + c.policyValues());
        }
      }
    }
    return out;
  }
}
