package dev.rolegate.bench;

import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.Evaluator;
import dev.rolegate.policy.Explanation;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.PolicyType;
import dev.rolegate.policy.RequestContext;
import dev.rolegate.policy.StatementRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the policy evaluator on three policy sets, each measured with {@link
 * Evaluator#decide} (the allocation-free hot path) and {@link Evaluator#evaluate} without an
 * explanation:
 *
 * <ul>
 *   <li><b>typicalRole</b>: the permissions of a data engineer (IAM user {@code alice}): five
 *       identity policies, 20 statements, wildcards in actions and resources, conditions on {@code
 *       aws:SecureTransport}, {@code aws:RequestedRegion}, {@code aws:CurrentTime}, {@code
 *       aws:PrincipalTag/team}, {@code aws:SourceIp}, {@code aws:MultiFactorAuthPresent} and {@code
 *       ${aws:username}} / {@code ${aws:PrincipalTag/team}} in resources and conditions. The
 *       request ({@code s3:GetObject} on the curated zone of the data lake) is allowed by the 15th
 *       statement in document order only; the 14 before it (and the 5 after it, since a later Deny
 *       could still decide) are checked and rejected. Also measured with an explanation and with
 *       the request context built per operation, as a server does for every request.
 *   <li><b>administratorAccess</b>: the AWS managed policy AdministratorAccess ({@code
 *       "Action":"*","Resource":"*"}), the same request.
 *   <li><b>readOnlyAccess</b>: the AWS managed policy ReadOnlyAccess (v188: 3 statements, 2,914
 *       action patterns), once allowed by the very last action of its second statement ({@code
 *       xray:StartTraceRetrieval}) and once denied ({@code s3:PutObject}, which no statement
 *       allows).
 * </ul>
 *
 * The setup checks every decision (and the deciding statement) and fails the run when one is not
 * what the case is meant to measure. Policies are read from the classpath ({@code /policies/...}).
 * See {@code docs/PERFORMANCE.md} for how to run and for the results.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PolicyEvaluationBenchmark {

  static final String ACCOUNT = "123456789012";
  static final String[] TYPICAL_ROLE_POLICIES = {
    "1-DeveloperGuardrails",
    "2-ComputeAndMonitoring",
    "3-HomeAndSandboxS3",
    "4-DataLakeAnalytics",
    "5-SelfServiceIam",
  };

  /**
   * 1-based position, in document order across the five policies, of the only statement that
   * allows.
   */
  static final int TYPICAL_DECIDING_STATEMENT = 15;

  static final String TYPICAL_DECIDING_SID = "CuratedZoneReadFromCorpNetwork";
  static final int TYPICAL_STATEMENT_COUNT = 20;

  static final String READ_ONLY_ALLOWED_ACTION = "xray:StartTraceRetrieval";
  static final String READ_ONLY_ALLOWED_SID = "ReadOnlyActionsGroup2";
  static final String READ_ONLY_DENIED_ACTION = "s3:PutObject";

  PolicySet typicalRole;
  PolicySet administratorAccess;
  PolicySet readOnlyAccess;

  RequestContext typicalRequest;
  RequestContext readOnlyAllowedRequest;
  RequestContext readOnlyDeniedRequest;

  @Setup
  public void setup() {
    List<CompiledPolicy> typical = new ArrayList<>();
    for (String name : TYPICAL_ROLE_POLICIES) {
      typical.add(compile(name, "/policies/typical-role/" + name + ".json"));
    }
    typicalRole = PolicySet.identityOnly(typical);
    administratorAccess =
        PolicySet.identityOnly(
            List.of(compile("AdministratorAccess", "/policies/AdministratorAccess.json")));
    readOnlyAccess =
        PolicySet.identityOnly(List.of(compile("ReadOnlyAccess", "/policies/ReadOnlyAccess.json")));

    typicalRequest = typicalContext();
    readOnlyAllowedRequest = readOnlyContext(READ_ONLY_ALLOWED_ACTION, "*");
    readOnlyDeniedRequest =
        readOnlyContext(READ_ONLY_DENIED_ACTION, "arn:aws:s3:::acme-data-lake/sandbox/report.csv");

    verifyTypicalRole(typical);
    expectAllowedBy(administratorAccess, typicalRequest, "AdministratorAccess", 0, null);
    expectAllowedBy(
        readOnlyAccess, readOnlyAllowedRequest, "ReadOnlyAccess", 1, READ_ONLY_ALLOWED_SID);
    expect(
        Evaluator.decide(readOnlyAccess, readOnlyDeniedRequest),
        Decision.IMPLICIT_DENY,
        "readOnlyAccess denied: decide");
    EvaluationResult denied = Evaluator.evaluate(readOnlyAccess, readOnlyDeniedRequest, false);
    expect(denied.decision(), Decision.IMPLICIT_DENY, "readOnlyAccess denied: evaluate");
    check(
        denied.reason() == PolicyType.IDENTITY_BASED && denied.deciding().isEmpty(),
        "readOnlyAccess denied: expected an implicit deny by the identity policies, got " + denied);
  }

  // ---------------------------------------------------------------- typical role (5 policies, 20
  // statements)

  @Benchmark
  public Decision typicalRole_decide() {
    return Evaluator.decide(typicalRole, typicalRequest);
  }

  @Benchmark
  public EvaluationResult typicalRole_evaluate() {
    return Evaluator.evaluate(typicalRole, typicalRequest, false);
  }

  @Benchmark
  public EvaluationResult typicalRole_evaluateExplain() {
    return Evaluator.evaluate(typicalRole, typicalRequest, true);
  }

  /**
   * What a server pays per request: the context is built from the request's values, then decided.
   */
  @Benchmark
  public Decision typicalRole_buildContextAndDecide() {
    return Evaluator.decide(typicalRole, typicalContext());
  }

  // ---------------------------------------------------------------- AdministratorAccess

  @Benchmark
  public Decision administratorAccess_decide() {
    return Evaluator.decide(administratorAccess, typicalRequest);
  }

  @Benchmark
  public EvaluationResult administratorAccess_evaluate() {
    return Evaluator.evaluate(administratorAccess, typicalRequest, false);
  }

  // ---------------------------------------------------------------- ReadOnlyAccess (2,914 action
  // patterns)

  @Benchmark
  public Decision readOnlyAccessAllowed_decide() {
    return Evaluator.decide(readOnlyAccess, readOnlyAllowedRequest);
  }

  @Benchmark
  public EvaluationResult readOnlyAccessAllowed_evaluate() {
    return Evaluator.evaluate(readOnlyAccess, readOnlyAllowedRequest, false);
  }

  @Benchmark
  public Decision readOnlyAccessDenied_decide() {
    return Evaluator.decide(readOnlyAccess, readOnlyDeniedRequest);
  }

  @Benchmark
  public EvaluationResult readOnlyAccessDenied_evaluate() {
    return Evaluator.evaluate(readOnlyAccess, readOnlyDeniedRequest, false);
  }

  // ---------------------------------------------------------------- requests

  /**
   * alice reads a Parquet file of the curated zone over TLS, from the corporate network, with MFA:
   * the keys AWS would send for such a request (and a few the policies do not look at).
   */
  static RequestContext typicalContext() {
    return RequestContext.builder()
        .principal("arn:aws:iam::" + ACCOUNT + ":user/alice")
        .action("s3:GetObject")
        .resource("arn:aws:s3:::acme-data-lake/curated/sales/2026/03/part-00017.snappy.parquet")
        .put("aws:PrincipalArn", "arn:aws:iam::" + ACCOUNT + ":user/alice")
        .put("aws:PrincipalAccount", ACCOUNT)
        .put("aws:PrincipalType", "User")
        .put("aws:username", "alice")
        .put("aws:userid", "AIDAJQABLZS4A3QDU576Q")
        .put("aws:PrincipalTag/team", "data-platform")
        .put("aws:PrincipalTag/cost-center", "4711")
        .putMulti("aws:PrincipalTagKeys", List.of("team", "cost-center"))
        .put("aws:SourceIp", "10.1.2.3")
        .put("aws:SecureTransport", "true")
        .put("aws:MultiFactorAuthPresent", "true")
        .put("aws:CurrentTime", "2026-03-14T12:00:00Z")
        .put("aws:EpochTime", "1773489600")
        .put("aws:RequestedRegion", "us-east-1")
        .put("aws:UserAgent", "aws-sdk-java/2.25.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/17.0.15")
        .put("s3:authType", "REST-HEADER")
        .put("s3:signatureversion", "AWS4-HMAC-SHA256")
        .put("s3:TlsVersion", "1.3")
        .build();
  }

  /**
   * An auditor's role session: a read-only permission set called from outside the corporate
   * network.
   */
  static RequestContext readOnlyContext(String action, String resource) {
    String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/Auditor";
    return RequestContext.builder()
        .principal("arn:aws:sts::" + ACCOUNT + ":assumed-role/Auditor/bob")
        .action(action)
        .resource(resource)
        .put("aws:PrincipalArn", roleArn)
        .put("aws:PrincipalAccount", ACCOUNT)
        .put("aws:PrincipalType", "AssumedRole")
        .put("aws:userid", "AROAEXAMPLEID:bob")
        .put("aws:SourceIp", "203.0.113.7")
        .put("aws:SecureTransport", "true")
        .put("aws:CurrentTime", "2026-03-14T12:00:00Z")
        .put("aws:RequestedRegion", "us-east-1")
        .build();
  }

  // ---------------------------------------------------------------- checks

  private void verifyTypicalRole(List<CompiledPolicy> policies) {
    int statements = 0;
    for (CompiledPolicy p : policies) {
      statements += p.document().statements().size();
    }
    check(
        statements == TYPICAL_STATEMENT_COUNT,
        "typicalRole: expected " + TYPICAL_STATEMENT_COUNT + " statements, found " + statements);
    expect(Evaluator.decide(typicalRole, typicalRequest), Decision.ALLOW, "typicalRole: decide");
    expect(
        Evaluator.decide(typicalRole, typicalContext()),
        Decision.ALLOW,
        "typicalRole: decide (fresh context)");

    EvaluationResult r = Evaluator.evaluate(typicalRole, typicalRequest, false);
    expect(r.decision(), Decision.ALLOW, "typicalRole: evaluate");
    check(
        r.deciding().size() == 1,
        "typicalRole: expected exactly one allowing statement, got " + r.deciding());
    StatementRef ref = r.deciding().get(0);
    int ordinal = ordinal(policies, ref);
    check(
        ordinal == TYPICAL_DECIDING_STATEMENT && TYPICAL_DECIDING_SID.equals(ref.sid()),
        "typicalRole: expected the deciding statement to be #"
            + TYPICAL_DECIDING_STATEMENT
            + " ("
            + TYPICAL_DECIDING_SID
            + "), got #"
            + ordinal
            + " "
            + ref.label());

    EvaluationResult explained = Evaluator.evaluate(typicalRole, typicalRequest, true);
    expect(explained.decision(), Decision.ALLOW, "typicalRole: evaluate(explain)");
    check(
        explained.deciding().equals(r.deciding()),
        "typicalRole: explain changed the deciding statements");
    List<Explanation.StatementTrace> traces = explained.explanation().statements();
    check(
        traces.size() == TYPICAL_STATEMENT_COUNT,
        "typicalRole: expected a trace of every statement, got " + traces.size());
    for (int i = 0; i < traces.size(); i++) {
      boolean shouldApply = i + 1 == TYPICAL_DECIDING_STATEMENT;
      check(
          traces.get(i).applies() == shouldApply,
          "typicalRole: statement #"
              + (i + 1)
              + " ("
              + traces.get(i).statement().label()
              + ") "
              + (shouldApply ? "does not apply" : "applies too"));
    }
  }

  /** The 1-based position of a statement in document order across the policies. */
  private static int ordinal(List<CompiledPolicy> policies, StatementRef ref) {
    int before = 0;
    for (CompiledPolicy p : policies) {
      if (p.name().equals(ref.policy())) {
        return before + ref.index() + 1;
      }
      before += p.document().statements().size();
    }
    return -1;
  }

  private static void expectAllowedBy(
      PolicySet set, RequestContext ctx, String policy, int index, String sid) {
    String what = policy + " " + ctx.action();
    expect(Evaluator.decide(set, ctx), Decision.ALLOW, what + ": decide");
    EvaluationResult r = Evaluator.evaluate(set, ctx, false);
    expect(r.decision(), Decision.ALLOW, what + ": evaluate");
    check(
        r.deciding().size() == 1
            && r.deciding().get(0).policy().equals(policy)
            && r.deciding().get(0).index() == index
            && java.util.Objects.equals(r.deciding().get(0).sid(), sid),
        what + ": expected to be allowed by " + policy + "#" + index + ", got " + r.deciding());
  }

  private static void expect(Decision actual, Decision expected, String what) {
    check(actual == expected, what + ": expected " + expected + ", got " + actual);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException("benchmark setup: " + message);
    }
  }

  private static CompiledPolicy compile(String name, String resource) {
    Policies.Checked checked = Policies.check(read(resource), PolicyKind.IDENTITY);
    if (checked.hasErrors()) {
      throw new IllegalStateException(
          "benchmark setup: " + resource + " has errors: " + checked.findings());
    }
    return checked.compile(name);
  }

  private static String read(String resource) {
    try (InputStream in = PolicyEvaluationBenchmark.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "benchmark setup: " + resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the setup's checks once without JMH: {@code java -cp benchmarks.jar
   * dev.rolegate.bench.PolicyEvaluationBenchmark}.
   */
  public static void main(String[] args) {
    PolicyEvaluationBenchmark b = new PolicyEvaluationBenchmark();
    b.setup();
    System.out.println(
        "typicalRole:          "
            + b.typicalRole_evaluate().decision()
            + " by "
            + b.typicalRole_evaluate().deciding());
    System.out.println("administratorAccess:  " + b.administratorAccess_evaluate().decision());
    System.out.println(
        "readOnlyAccess allow: "
            + b.readOnlyAccessAllowed_evaluate().decision()
            + " by "
            + b.readOnlyAccessAllowed_evaluate().deciding());
    System.out.println("readOnlyAccess deny:  " + b.readOnlyAccessDenied_evaluate());
  }
}
