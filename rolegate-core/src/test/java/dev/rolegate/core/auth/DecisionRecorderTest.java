package dev.rolegate.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.Evaluator;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DecisionRecorder}: the log entry of a decision and its explain and audit lines. */
class DecisionRecorderTest {
  private static final String PRINCIPAL = "arn:aws:iam::123456789012:user/alice";
  private static final String RESOURCE = "arn:aws:iam::123456789012:role/app";
  private static final String CONDITIONAL =
      "{\"Version\":\"2012-10-17\",\"Statement\":["
          + "{\"Sid\":\"Blue\",\"Effect\":\"Allow\",\"Action\":\"iam:GetRole\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}},"
          + "{\"Sid\":\"Other\",\"Effect\":\"Allow\",\"Action\":\"iam:ListRoles\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}},"
          + "{\"Sid\":\"Net\",\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}]}";

  private static EvaluationResult evaluate(String document, boolean trace, String team) {
    CompiledPolicy p = Policies.check(document, PolicyKind.IDENTITY).compile("alice/Team");
    RequestContext.Builder b =
        RequestContext.builder()
            .principal(PRINCIPAL)
            .action("iam:GetRole")
            .resource(RESOURCE)
            .resourceAccount("123456789012");
    if (team != null) {
      b.put("aws:PrincipalTag/team", team);
    }
    return Evaluator.evaluate(
        new PolicySet(List.of(p), null, null, List.of(), List.of()), b.build(), trace);
  }

  @Test
  void aDenialRecordsItsReasonAndTheConditionsOfMatchingStatementsThatFailed() {
    EvaluationResult denied = evaluate(CONDITIONAL, true, "red");
    DecisionLog.Entry e =
        DecisionRecorder.entry(
            PRINCIPAL,
            "iam:GetRole",
            RESOURCE,
            denied,
            AuthFixtures.NOW,
            DecisionRecorder.Outcome.DENIED);
    assertThat(e.decision()).isEqualTo("ImplicitDeny");
    assertThat(e.outcome()).isEqualTo("denied");
    assertThat(e.reason())
        .isEqualTo("because no identity-based policy allows the iam:GetRole action");
    assertThat(e.deciding()).isEmpty();
    // "Other" does not match the action, so its condition is not listed
    assertThat(e.failedConditions())
        .containsExactly(
            "alice/Team/Blue: StringEquals aws:PrincipalTag/team request=[red] policy=[blue]",
            "alice/Team/Net: IpAddress aws:SourceIp request=(absent) policy=[10.0.0.0/8]");
    assertThat(e.time())
        .isEqualTo(AuthFixtures.NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  @Test
  void anAllowRecordsItsDecidingStatementsAndNoFailedConditions() {
    EvaluationResult allowed = evaluate(CONDITIONAL, true, "blue");
    DecisionLog.Entry e =
        DecisionRecorder.entry(
            PRINCIPAL,
            "iam:GetRole",
            RESOURCE,
            allowed,
            AuthFixtures.NOW,
            DecisionRecorder.Outcome.ALLOWED);
    assertThat(e.decision()).isEqualTo("Allow");
    assertThat(e.reason()).isEmpty();
    assertThat(e.deciding()).containsExactly("alice/Team/Blue");
    assertThat(e.failedConditions()).isEmpty();
  }

  @Test
  void withoutATraceThereAreNoFailedConditions() {
    assertThat(DecisionRecorder.failedConditions(evaluate(CONDITIONAL, false, "red"))).isEmpty();
    assertThat(Authorizer.failedConditionsOf(evaluate(CONDITIONAL, true, null)))
        .containsExactly(
            "alice/Team/Blue: StringEquals aws:PrincipalTag/team request=(absent) policy=[blue]",
            "alice/Team/Net: IpAddress aws:SourceIp request=(absent) policy=[10.0.0.0/8]");
  }

  @Test
  void theExplainAndAuditLines() {
    EvaluationResult denied = evaluate(CONDITIONAL, true, "red");
    DecisionLog.Entry e =
        DecisionRecorder.entry(
            PRINCIPAL,
            "iam:GetRole",
            RESOURCE,
            denied,
            AuthFixtures.NOW,
            DecisionRecorder.Outcome.AUDITED);
    assertThat(DecisionRecorder.explainLine(e))
        .isEqualTo(
            "decision audited iam:GetRole on "
                + RESOURCE
                + " by "
                + PRINCIPAL
                + ": ImplicitDeny (because no identity-based policy allows the iam:GetRole action)"
                + " deciding=[] failed=[alice/Team/Blue: StringEquals aws:PrincipalTag/team request=[red] policy=[blue],"
                + " alice/Team/Net: IpAddress aws:SourceIp request=(absent) policy=[10.0.0.0/8]]");
    assertThat(DecisionRecorder.auditLine(e))
        .isEqualTo(
            "audit: would deny iam:GetRole on "
                + RESOURCE
                + " to "
                + PRINCIPAL
                + " because no identity-based policy allows the iam:GetRole action;"
                + " failed conditions [alice/Team/Blue: StringEquals aws:PrincipalTag/team request=[red] policy=[blue],"
                + " alice/Team/Net: IpAddress aws:SourceIp request=(absent) policy=[10.0.0.0/8]]");
    EvaluationResult allowed = evaluate(CONDITIONAL, true, "blue");
    DecisionLog.Entry a =
        DecisionRecorder.entry(
            PRINCIPAL,
            "iam:GetRole",
            RESOURCE,
            allowed,
            AuthFixtures.NOW,
            DecisionRecorder.Outcome.ALLOWED);
    assertThat(DecisionRecorder.explainLine(a))
        .isEqualTo(
            "decision allowed iam:GetRole on "
                + RESOURCE
                + " by "
                + PRINCIPAL
                + ": Allow deciding=[alice/Team/Blue] failed=[]");
  }

  @Test
  void recordingAddsTheEntryToTheLog() {
    DecisionLog log = new DecisionLog(5);
    DecisionRecorder recorder = new DecisionRecorder(log, true);
    DecisionLog.Entry e =
        recorder.record(
            PRINCIPAL,
            "iam:GetRole",
            RESOURCE,
            evaluate(CONDITIONAL, true, "red"),
            AuthFixtures.NOW,
            DecisionRecorder.Outcome.AUDITED);
    assertThat(log.recent(null, null, 5)).containsExactly(e);
    assertThat(recorder.log()).isSameAs(log);
    assertThat(recorder.explainLog()).isTrue();
  }
}
