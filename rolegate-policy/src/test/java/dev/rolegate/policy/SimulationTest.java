package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ContextKeys (GetContextKeysFor*Policy) and Simulation (Simulate*Policy) on the engine alone. */
class SimulationTest {
  private static CompiledPolicy compile(String name, String text, PolicyKind kind) {
    return Policies.check(text, kind).compile(name);
  }

  @Test
  void contextKeysAreInTextOrderAsFirstWrittenWithVariablesOnlyUnderVersion2012() {
    String text =
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*",
           "Condition":{"StringLike":{"s3:prefix":"${aws:PrincipalTag/team}/*"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},
          {"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"AWS:USERNAME":"x"}}}]}""";
    assertThat(ContextKeys.of(Policies.check(text, PolicyKind.IDENTITY).document()))
        .containsExactly("aws:username", "s3:prefix", "aws:PrincipalTag/team", "aws:SourceIp");

    String legacy =
        """
        {"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}"}}""";
    assertThat(ContextKeys.of(Policies.check(legacy, PolicyKind.IDENTITY).document())).isEmpty();
  }

  @Test
  void contextValuesAreCheckedAgainstTheirType() {
    assertThat(ContextKeys.isValid("numeric", "1.5e3")).isTrue();
    assertThat(ContextKeys.isValid("numeric", "ten")).isFalse();
    assertThat(ContextKeys.isValid("ip", "2001:db8::/32")).isTrue();
    assertThat(ContextKeys.isValid("ip", "10.0.0.256")).isFalse();
    assertThat(ContextKeys.isValid("date", "2026-11-28T02:00:00Z")).isTrue();
    assertThat(ContextKeys.isValid("date", "yesterday")).isFalse();
    assertThat(ContextKeys.isValid("boolean", "TRUE")).isTrue();
    assertThat(ContextKeys.isValid("boolean", "yes")).isFalse();
    assertThat(ContextKeys.isValid("binary", "aGVsbG8=")).isTrue();
    assertThat(ContextKeys.isValid("binary", "not base64!")).isFalse();
  }

  @Test
  void eachPolicyTypeGetsItsOwnDecisionAndTheBoundaryIsNotAMatchedStatement() {
    CompiledPolicy identity =
        compile(
            "id",
            """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""",
            PolicyKind.IDENTITY);
    CompiledPolicy boundary =
        compile(
            "pb",
            """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}""",
            PolicyKind.PERMISSIONS_BOUNDARY);
    PolicySet set = new PolicySet(List.of(identity), null, boundary, List.of(), List.of());

    Simulation get = Simulation.run(set, ctx("s3:GetObject"));
    assertThat(get.result().decision()).isEqualTo(Decision.ALLOW);
    assertThat(get.matched()).extracting(StatementRef::policy).containsExactly("id");
    assertThat(get.byType())
        .isEqualTo(
            Map.of(
                PolicyType.IDENTITY_BASED,
                Decision.ALLOW,
                PolicyType.PERMISSIONS_BOUNDARY,
                Decision.ALLOW));

    Simulation put = Simulation.run(set, ctx("s3:PutObject"));
    assertThat(put.result().decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(put.matched()).isEmpty();
    assertThat(put.byType()).containsEntry(PolicyType.PERMISSIONS_BOUNDARY, Decision.IMPLICIT_DENY);
  }

  @Test
  void missingContextValuesComeOnlyFromStatementsThatOtherwiseApply() {
    CompiledPolicy p =
        compile(
            "p",
            """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}},
          {"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"StringEquals":{"s3:x-amz-acl":"private"}}}]}""",
            PolicyKind.IDENTITY);
    Simulation s = Simulation.run(PolicySet.identityOnly(List.of(p)), ctx("s3:GetObject"));
    assertThat(s.missingContextValues()).containsExactly("aws:SecureTransport");
  }

  private static RequestContext ctx(String action) {
    return RequestContext.builder()
        .principal("arn:aws:iam::123456789012:user/u")
        .action(action)
        .resource("*")
        .build();
  }
}
