package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reasons, deciding statements and explanations: what the corpus (decisions only) does not pin. */
class EvaluatorTest {
  static final String USER = "arn:aws:iam::123456789012:user/alice";

  static CompiledPolicy policy(String name, PolicyKind kind, String statements) {
    Policies.Checked c =
        Policies.check("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", kind);
    assertThat(c.errors()).as(name).isEmpty();
    return c.compile(name);
  }

  static CompiledPolicy identity(String name, String statements) {
    return policy(name, PolicyKind.IDENTITY, statements);
  }

  static final String ALLOW_S3 =
      "{\"Sid\":\"S3\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}";
  static final String DENY_DELETE =
      "{\"Sid\":\"NoDelete\",\"Effect\":\"Deny\",\"Action\":\"s3:Delete*\",\"Resource\":\"*\"}";

  static RequestContext request(String action) {
    return RequestContext.builder()
        .principal(USER)
        .action(action)
        .resource("arn:aws:s3:::b/k")
        .build();
  }

  @Test
  void allowNamesTheAllowingStatements() {
    EvaluationResult r =
        Evaluator.evaluate(
            PolicySet.identityOnly(List.of(identity("p1", ALLOW_S3))),
            request("s3:GetObject"),
            false);
    assertThat(r.decision()).isEqualTo(Decision.ALLOW);
    assertThat(r.reason()).isNull();
    assertThat(r.deciding()).extracting(StatementRef::label).containsExactly("p1/S3");
    assertThat(r.deciding().get(0).position()).isEqualTo(new SourcePosition(1, 38));
    assertThat(r.explanation()).isNull();
  }

  @Test
  void explicitDenyInEachPolicyTypeIsWordedAsAws() {
    CompiledPolicy allow = identity("allow", ALLOW_S3);
    RequestContext ctx = request("s3:DeleteObject");
    assertThat(
            Evaluator.evaluate(
                    PolicySet.identityOnly(List.of(allow, identity("deny", DENY_DELETE))),
                    ctx,
                    false)
                .reasonClause("s3:DeleteObject"))
        .isEqualTo("with an explicit deny in an identity-based policy");
    assertThat(
            Evaluator.evaluate(
                    new PolicySet(
                        List.of(allow),
                        null,
                        policy("b", PolicyKind.PERMISSIONS_BOUNDARY, ALLOW_S3 + "," + DENY_DELETE),
                        List.of(),
                        List.of()),
                    ctx,
                    false)
                .reasonClause("s3:DeleteObject"))
        .isEqualTo("with an explicit deny in a permissions boundary");
    assertThat(
            Evaluator.evaluate(
                    new PolicySet(
                        List.of(allow),
                        null,
                        null,
                        List.of(policy("s", PolicyKind.SESSION, DENY_DELETE)),
                        List.of()),
                    ctx,
                    false)
                .reasonClause("s3:DeleteObject"))
        .isEqualTo("with an explicit deny in a session policy");
    assertThat(
            Evaluator.evaluate(
                    new PolicySet(
                        List.of(allow),
                        null,
                        null,
                        List.of(),
                        List.of(
                            List.of(policy("scp", PolicyKind.SCP, ALLOW_S3 + "," + DENY_DELETE)))),
                    ctx,
                    false)
                .reasonClause("s3:DeleteObject"))
        .isEqualTo("with an explicit deny in a service control policy");
    CompiledPolicy bucket =
        policy(
            "bucket",
            PolicyKind.RESOURCE,
            "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::b/*\"}");
    EvaluationResult r =
        Evaluator.evaluate(
            new PolicySet(List.of(allow), bucket, null, List.of(), List.of()), ctx, false);
    assertThat(r.decision()).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(r.reasonClause("s3:DeleteObject"))
        .isEqualTo("with an explicit deny in a resource-based policy");
    assertThat(r.deciding()).extracting(StatementRef::label).containsExactly("bucket#0");
  }

  @Test
  void implicitDenyNamesThePolicyTypeThatDidNotAllow() {
    RequestContext ctx = request("s3:GetObject");
    assertThat(
            Evaluator.evaluate(PolicySet.identityOnly(List.of()), ctx, false)
                .reasonClause("s3:GetObject"))
        .isEqualTo("because no identity-based policy allows the s3:GetObject action");
    CompiledPolicy allow = identity("allow", ALLOW_S3);
    CompiledPolicy iamOnly =
        policy(
            "b",
            PolicyKind.PERMISSIONS_BOUNDARY,
            "{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}");
    assertThat(
            Evaluator.evaluate(
                    new PolicySet(List.of(allow), null, iamOnly, List.of(), List.of()), ctx, false)
                .reasonClause("s3:GetObject"))
        .isEqualTo("because no permissions boundary allows the s3:GetObject action");
    CompiledPolicy session =
        policy(
            "s",
            PolicyKind.SESSION,
            "{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}");
    assertThat(
            Evaluator.evaluate(
                    new PolicySet(List.of(allow), null, null, List.of(session), List.of()),
                    ctx,
                    false)
                .reasonClause("s3:GetObject"))
        .isEqualTo("because no session policy allows the s3:GetObject action");
    CompiledPolicy scp =
        policy(
            "scp",
            PolicyKind.SCP,
            "{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}");
    assertThat(
            Evaluator.evaluate(
                    new PolicySet(List.of(allow), null, null, List.of(), List.of(List.of(scp))),
                    ctx,
                    false)
                .reasonClause("s3:GetObject"))
        .isEqualTo("because no service control policy allows the s3:GetObject action");
    RequestContext cross =
        RequestContext.builder()
            .principal(USER)
            .action("s3:GetObject")
            .resource("arn:aws:s3:::b/k")
            .resourceAccount("444455556666")
            .build();
    assertThat(
            Evaluator.evaluate(PolicySet.identityOnly(List.of(allow)), cross, false)
                .reasonClause("s3:GetObject"))
        .isEqualTo("because no resource-based policy allows the s3:GetObject action");
  }

  @Test
  void explanationShowsEveryStatementAndConditionWithResolvedValues() {
    CompiledPolicy p =
        identity(
            "home",
            "{\"Sid\":\"Home\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/home/${aws:username}/*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"${aws:username}-team\"},\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}},"
                + DENY_DELETE);
    RequestContext ctx =
        RequestContext.builder()
            .principal(USER)
            .action("s3:GetObject")
            .resource("arn:aws:s3:::b/home/alice/x")
            .put("aws:username", "alice")
            .put("aws:principaltag/TEAM", "alice-team")
            .build();
    EvaluationResult r = Evaluator.evaluate(PolicySet.identityOnly(List.of(p)), ctx, true);
    assertThat(r.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    List<Explanation.StatementTrace> traces = r.explanation().statements();
    assertThat(traces).hasSize(2);
    Explanation.StatementTrace home = traces.get(0);
    assertThat(home.actionMatched()).isTrue();
    assertThat(home.resourceMatched()).isTrue();
    assertThat(home.principalMatched()).isNull();
    assertThat(home.applies()).isFalse();
    assertThat(home.conditions())
        .containsExactly(
            new Explanation.ConditionTrace(
                "StringEquals",
                "aws:PrincipalTag/team",
                List.of("alice-team"),
                List.of("alice-team"),
                true),
            new Explanation.ConditionTrace(
                "IpAddress", "aws:SourceIp", null, List.of("10.0.0.0/8"), false));
    assertThat(traces.get(1).actionMatched()).isFalse();
  }

  @Test
  void decideAgreesWithEvaluate() {
    PolicySet set =
        PolicySet.identityOnly(List.of(identity("a", ALLOW_S3), identity("d", DENY_DELETE)));
    for (String action : List.of("s3:GetObject", "s3:DeleteObject", "ec2:RunInstances")) {
      RequestContext ctx = request(action);
      assertThat(Evaluator.decide(set, ctx))
          .isEqualTo(Evaluator.evaluate(set, ctx, true).decision());
    }
  }

  @Test
  void principalsAreReadFromTheirArns() {
    assertThat(Principal.parse("arn:aws:iam::123456789012:root", null).kind())
        .isEqualTo(Principal.Kind.ROOT);
    assertThat(Principal.parse("123456789012", null).arn())
        .isEqualTo("arn:aws:iam::123456789012:root");
    Principal session =
        Principal.parse(
            "arn:aws:sts::123456789012:assumed-role/Dev/alice",
            "arn:aws:iam::123456789012:role/teams/Dev");
    assertThat(session.kind()).isEqualTo(Principal.Kind.ASSUMED_ROLE);
    assertThat(session.name()).isEqualTo("Dev");
    assertThat(session.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/teams/Dev");
    assertThat(
            Principal.parse(
                    "arn:aws:sts::123456789012:assumed-role/Dev/alice",
                    "arn:aws:iam::123456789012:role/Other")
                .roleArn())
        .isNull();
    assertThat(Principal.parse("ec2.amazonaws.com", null).kind()).isEqualTo(Principal.Kind.SERVICE);
    assertThat(
            Principal.parse(
                    "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
                    null)
                .kind())
        .isEqualTo(Principal.Kind.FEDERATED_PROVIDER);
    assertThat(Principal.parse("*", null).kind()).isEqualTo(Principal.Kind.ANONYMOUS);
    assertThat(Principal.parse("arn:aws:iam::123456789012:group/admins", null).kind())
        .isEqualTo(Principal.Kind.ANONYMOUS);
  }
}
