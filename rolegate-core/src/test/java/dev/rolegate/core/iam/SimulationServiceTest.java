package dev.rolegate.core.iam;

import static dev.rolegate.core.testing.AwsErrors.expect;
import static dev.rolegate.core.testing.TestIam.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.iam.SimulationService.ContextEntry;
import dev.rolegate.core.iam.SimulationService.EvaluationResult;
import dev.rolegate.core.iam.SimulationService.MatchedStatement;
import dev.rolegate.core.iam.SimulationService.Request;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.User;
import dev.rolegate.core.testing.TestIam;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SimulationService over the in-memory store: custom and principal policies, boundaries, context,
 * errors.
 */
class SimulationServiceTest {
  static final String READ =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"},"
          + "{\"Sid\":\"NoSecrets\",\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::secrets/*\"}]}";
  static final String MFA_ONLY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:DeleteUser\",\"Resource\":\"*\","
          + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}";

  final TestIam t = new TestIam();
  final SimulationService sim = new SimulationService(t.iam);
  final Caller root = t.root();

  static Request request(
      List<String> policies,
      List<String> boundaries,
      List<String> actions,
      List<String> resources,
      List<ContextEntry> context) {
    return new Request(
        policies, boundaries, actions, resources, null, null, null, context, null, null, null);
  }

  List<EvaluationResult> custom(List<String> actions, List<String> resources, String... policies) {
    return sim.simulateCustomPolicy(
            root, t.info(), request(List.of(policies), List.of(), actions, resources, List.of()))
        .items();
  }

  static Stream<Arguments> decisions() {
    return Stream.of(
        Arguments.of("s3:GetObject", "arn:aws:s3:::public/a", "allowed"),
        Arguments.of("s3:GetBucketPolicy", "arn:aws:s3:::public", "allowed"),
        Arguments.of("s3:GetObject", "arn:aws:s3:::secrets/key", "explicitDeny"),
        Arguments.of("s3:PutObject", "arn:aws:s3:::public/a", "implicitDeny"),
        Arguments.of("iam:CreateUser", "*", "implicitDeny"));
  }

  @ParameterizedTest
  @MethodSource("decisions")
  void aCustomPolicyDecidesEachActionAndResource(String action, String resource, String decision) {
    assertThat(custom(List.of(action), List.of(resource), READ))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(action);
              assertThat(e.outcome().decision()).isEqualTo(decision);
              assertThat(e.outcome().resource()).isEqualTo(resource);
            });
  }

  @Test
  void theMatchedStatementsNameTheInputAndItsPositions() {
    EvaluationResult denied =
        custom(List.of("s3:GetObject"), List.of("arn:aws:s3:::secrets/key"), READ).get(0);
    assertThat(denied.outcome().matched())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.sourcePolicyId()).isEqualTo("PolicyInputList.1");
              assertThat(m.start().line()).isEqualTo(1);
              // AWS's columns are 1-based and just past the statement's opening brace
              assertThat(m.start().column()).isEqualTo(READ.indexOf("{\"Sid\":\"NoSecrets\"") + 2);
              assertThat(m.end().column()).isEqualTo(READ.length() - 1);
            });
    EvaluationResult allowed =
        custom(
                List.of("s3:GetObject"),
                List.of("arn:aws:s3:::public/a"),
                TestIam.allow("sqs:SendMessage", "*"),
                READ)
            .get(0);
    assertThat(allowed.outcome().matched())
        .extracting(MatchedStatement::sourcePolicyId)
        .containsExactly("PolicyInputList.2");
  }

  @Test
  void missingContextKeysAreReportedAndGivenOnesDecide() {
    EvaluationResult without = custom(List.of("iam:DeleteUser"), List.of("*"), MFA_ONLY).get(0);
    assertThat(without.outcome().decision()).isEqualTo("implicitDeny");
    assertThat(without.outcome().missingContextValues())
        .containsExactly("aws:MultiFactorAuthPresent");
    Request withMfa =
        request(
            List.of(MFA_ONLY),
            List.of(),
            List.of("iam:DeleteUser"),
            List.of("*"),
            List.of(new ContextEntry("aws:MultiFactorAuthPresent", List.of("true"), "boolean")));
    EvaluationResult with = sim.simulateCustomPolicy(root, t.info(), withMfa).items().get(0);
    assertThat(with.outcome().decision()).isEqualTo("allowed");
    assertThat(with.outcome().missingContextValues()).isEmpty();
    assertThat(sim.getContextKeysForCustomPolicy(root, t.info(), List.of(MFA_ONLY, READ)))
        .containsExactly("aws:MultiFactorAuthPresent");
  }

  @Test
  void aBoundaryLimitsTheSimulatedPolicies() {
    Request req =
        request(
            List.of(TestIam.allowAll()),
            List.of(TestIam.allow("s3:*", "*")),
            List.of("s3:GetObject", "iam:CreateUser"),
            List.of("*"),
            List.of());
    List<EvaluationResult> results = sim.simulateCustomPolicy(root, t.info(), req).items();
    assertThat(results)
        .extracting(e -> e.outcome().decision())
        .containsExactly("allowed", "implicitDeny");
    assertThat(results)
        .extracting(e -> e.outcome().allowedByBoundary())
        .containsExactly(true, false);
  }

  @Test
  void aPrincipalSimulationUsesTheUsersGroupsAndBoundary() {
    User alice = t.ensureUser(ACCOUNT, "alice");
    t.putInline(PrincipalType.USER, "alice", TestIam.allow("s3:GetObject", "*"));
    t.write(
        r -> {
          r.groups()
              .insert(new Group(ACCOUNT, "AGPADEVS0000000000000", "devs", "/", TestIam.START));
          r.groups().addMember(ACCOUNT, "devs", "alice");
          r.inlinePolicies()
              .put(
                  new dev.rolegate.core.model.InlinePolicy(
                      ACCOUNT, PrincipalType.GROUP, "devs", "g", TestIam.allow("ec2:*", "*")));
          r.attachments()
              .attach(
                  ACCOUNT,
                  PrincipalType.USER,
                  "alice",
                  "arn:aws:iam::aws:policy/IAMReadOnlyAccess");
        });
    Request req =
        request(
            List.of(),
            List.of(),
            List.of("s3:GetObject", "ec2:RunInstances", "iam:GetUser", "sqs:SendMessage"),
            List.of("*"),
            List.of());
    List<EvaluationResult> results =
        sim.simulatePrincipalPolicy(root, t.info(), alice.arn(), req).items();
    assertThat(results)
        .extracting(e -> e.outcome().decision())
        .containsExactly("allowed", "allowed", "allowed", "implicitDeny");
    assertThat(results.get(0).outcome().matched())
        .extracting(MatchedStatement::sourcePolicyId)
        .containsExactly("user_alice_p1");
    assertThat(results.get(1).outcome().matched())
        .extracting(MatchedStatement::sourcePolicyId, MatchedStatement::sourcePolicyType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("group_devs_g", "group"));
    assertThat(results.get(2).outcome().matched())
        .extracting(MatchedStatement::sourcePolicyType)
        .containsOnly("aws-managed");

    t.write(
        r ->
            r.users()
                .update(
                    new User(
                        ACCOUNT,
                        alice.userId(),
                        "alice",
                        "/",
                        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
                        List.of(),
                        alice.createDate())));
    assertThat(sim.simulatePrincipalPolicy(root, t.info(), alice.arn(), req).items())
        .extracting(e -> e.outcome().decision())
        .containsExactly("allowed", "implicitDeny", "implicitDeny", "implicitDeny");
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    expect(
        () -> custom(List.of("s3*"), List.of("*"), READ),
        AwsErrorCode.INVALID_INPUT,
        "Action name 's3*' is not valid: use service:action, for example iam:CreateUser.");
    expect(
        () -> custom(List.of("s3:Get*"), List.of("*"), READ),
        AwsErrorCode.INVALID_INPUT,
        "Action name 's3:Get*' is not valid: the simulator does not accept wildcards in action names.");
    expect(
        () -> custom(List.of("s3:GetObject"), List.of("bucket/key"), READ),
        AwsErrorCode.INVALID_INPUT,
        "Resource 'bucket/key' is not valid: use an ARN (arn:partition:service:region:account:resource) or *.");
    expect(
        () -> custom(List.of("s3:GetObject"), List.of("*"), "{\"Statement\":"),
        AwsErrorCode.MALFORMED_POLICY_DOCUMENT);
    Request twoBoundaries =
        request(
            List.of(READ), List.of(READ, READ), List.of("s3:GetObject"), List.of("*"), List.of());
    expect(
        () -> sim.simulateCustomPolicy(root, t.info(), twoBoundaries),
        AwsErrorCode.INVALID_INPUT,
        "PermissionsBoundaryPolicyInputList has 2 policies: a simulation takes at most one permissions boundary.");
    Request resourcePolicy =
        new Request(
            List.of(READ),
            List.of(),
            List.of("s3:GetObject"),
            List.of("*"),
            READ,
            null,
            null,
            List.of(),
            null,
            null,
            null);
    expect(
        () -> sim.simulateCustomPolicy(root, t.info(), resourcePolicy),
        AwsErrorCode.INVALID_INPUT,
        "CallerArn is required when a ResourcePolicy is simulated.");
  }

  @Test
  void resultsArePagedAndTheSimulatorIsAuthorized() {
    Request many =
        new Request(
            List.of(READ),
            List.of(),
            List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket"),
            List.of("*"),
            null,
            null,
            null,
            List.of(),
            null,
            null,
            2);
    Page<EvaluationResult> first = sim.simulateCustomPolicy(root, t.info(), many);
    assertThat(first.items()).hasSize(2);
    assertThat(first.truncated()).isTrue();
    Request next =
        new Request(
            List.of(READ),
            List.of(),
            List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket"),
            List.of("*"),
            null,
            null,
            null,
            List.of(),
            null,
            first.marker(),
            2);
    assertThat(sim.simulateCustomPolicy(root, t.info(), next).items())
        .extracting(EvaluationResult::action)
        .containsExactly("s3:ListBucket");
    Caller nobody = t.user("nobody");
    expect(() -> sim.simulateCustomPolicy(nobody, t.info(), many), AwsErrorCode.ACCESS_DENIED);
  }
}
