package dev.rolegate.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Decider}: the enforcement mode and {@code --explain} against allowed and denied requests.
 */
class DeciderTest {
  private static final String PRINCIPAL = "arn:aws:iam::123456789012:user/alice";
  private static final String RESOURCE = "arn:aws:iam::123456789012:role/app";

  private static PolicySet identity(String document) {
    CompiledPolicy p = Policies.check(document, PolicyKind.IDENTITY).compile("alice/p");
    return new PolicySet(List.of(p), null, null, List.of(), List.of());
  }

  private static final PolicySet ALLOWS = identity(AuthFixtures.allow("Read", "iam:GetRole"));
  private static final PolicySet ALLOWS_OTHER =
      identity(AuthFixtures.allow("List", "iam:ListRoles"));
  private static final PolicySet DENIES =
      identity(
          AuthFixtures.document(
              AuthFixtures.statement("Allow", "All", "iam:*"),
              AuthFixtures.statement("Deny", "NoGetRole", "iam:GetRole")));

  private static RequestContext ctx() {
    return RequestContext.builder()
        .principal(PRINCIPAL)
        .action("iam:GetRole")
        .resource(RESOURCE)
        .resourceAccount("123456789012")
        .build();
  }

  static Stream<Arguments> modes() {
    // mode, --explain, policies, proceeds, recorded outcome (null: nothing recorded), decision,
    // evaluated with the trace
    return Stream.of(
        Arguments.of(Enforcement.ENFORCE, false, ALLOWS, true, "allowed", Decision.ALLOW, false),
        Arguments.of(Enforcement.ENFORCE, true, ALLOWS, true, "allowed", Decision.ALLOW, true),
        Arguments.of(
            Enforcement.ENFORCE,
            false,
            ALLOWS_OTHER,
            false,
            "denied",
            Decision.IMPLICIT_DENY,
            true),
        Arguments.of(
            Enforcement.ENFORCE, false, DENIES, false, "denied", Decision.EXPLICIT_DENY, true),
        Arguments.of(Enforcement.AUDIT, false, ALLOWS, true, "allowed", Decision.ALLOW, false),
        Arguments.of(
            Enforcement.AUDIT, false, ALLOWS_OTHER, true, "audited", Decision.IMPLICIT_DENY, true),
        Arguments.of(
            Enforcement.AUDIT, true, DENIES, true, "audited", Decision.EXPLICIT_DENY, true),
        Arguments.of(Enforcement.OFF, false, DENIES, true, null, null, false),
        Arguments.of(Enforcement.OFF, true, ALLOWS, true, null, null, false));
  }

  @ParameterizedTest(name = "{0} explain={1} {5}")
  @MethodSource("modes")
  void decide(
      Enforcement mode,
      boolean explain,
      PolicySet set,
      boolean proceeds,
      String outcome,
      Decision decision,
      boolean traced) {
    DecisionLog log = new DecisionLog(10);
    Decider decider = new Decider(mode, new DecisionRecorder(log, explain));
    RequestInfo info = AuthFixtures.info();
    Authorizer.Verdict v = decider.decide(PRINCIPAL, "iam:GetRole", RESOURCE, set, ctx(), info);
    assertThat(info.scope().decided()).isTrue();
    assertThat(v.proceed()).isEqualTo(proceeds);
    if (outcome == null) {
      assertThat(v.result()).isNull();
      assertThat(log.recent(null, null, 10)).isEmpty();
      return;
    }
    assertThat(v.result().decision()).isEqualTo(decision);
    assertThat(v.result().explanation() != null).isEqualTo(traced);
    assertThat(log.recent(null, null, 10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.outcome()).isEqualTo(outcome);
              assertThat(e.decision()).isEqualTo(decision.text());
              assertThat(e.principal()).isEqualTo(PRINCIPAL);
              assertThat(e.resource()).isEqualTo(RESOURCE);
            });
  }

  static Stream<Arguments> forOtherServices() {
    // policies, the caller is the root user of the resource's account, decision
    return Stream.of(
        Arguments.of(ALLOWS, false, Decision.ALLOW),
        Arguments.of(ALLOWS_OTHER, false, Decision.IMPLICIT_DENY),
        Arguments.of(ALLOWS_OTHER, true, Decision.ALLOW),
        Arguments.of(DENIES, true, Decision.EXPLICIT_DENY));
  }

  @ParameterizedTest(name = "root of the account={1}: {2}")
  @MethodSource("forOtherServices")
  void decideForIsEvaluatedWithTheTraceWhateverTheMode(
      PolicySet set, boolean rootOfResourceAccount, Decision decision) {
    DecisionLog log = new DecisionLog(10);
    Decider decider = new Decider(Enforcement.OFF, new DecisionRecorder(log, false));
    RequestInfo info = AuthFixtures.info();
    EvaluationResult result =
        decider.decideFor(
            PRINCIPAL, "iam:GetRole", RESOURCE, set, ctx(), info, rootOfResourceAccount);
    assertThat(result.decision()).isEqualTo(decision);
    assertThat(result.explanation()).isNotNull();
    assertThat(info.scope().decided()).isTrue();
    assertThat(log.recent(null, null, 10))
        .extracting(DecisionLog.Entry::outcome)
        .containsExactly(decision == Decision.ALLOW ? "allowed" : "denied");
  }
}
