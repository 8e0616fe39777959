package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
  static List<String> findings(String text, PolicyKind kind) {
    return Policies.check(text, kind).findings().stream().map(Finding::format).toList();
  }

  @Test
  void everyNodeCarriesItsPosition() {
    String text =
        """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "A1", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*",
             "Condition": {"StringEquals": {"aws:username": ["alice", "bob"]}}}
          ]
        }""";
    PolicyDocument doc = PolicyParser.parse(text).document();
    assertThat(doc.version().position()).isEqualTo(new SourcePosition(2, 14));
    Statement s = doc.statements().get(0);
    assertThat(s.position()).isEqualTo(new SourcePosition(4, 5));
    assertThat(s.endPosition()).isEqualTo(new SourcePosition(5, 71));
    assertThat(s.sid().position()).isEqualTo(new SourcePosition(4, 13));
    assertThat(s.actions().get(0).position()).isEqualTo(new SourcePosition(4, 49));
    ConditionClause c = s.conditions().get(0);
    assertThat(c.operatorText().position()).isEqualTo(new SourcePosition(5, 20));
    assertThat(c.key().position()).isEqualTo(new SourcePosition(5, 37));
    assertThat(c.values()).extracting(Text::value).containsExactly("alice", "bob");
    assertThat(c.values().get(1).position()).isEqualTo(new SourcePosition(5, 63));
  }

  @Test
  void reportsAllProblemsAtOnceInTextOrder() {
    String text =
        """
        {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Action": "s3:Get", "Resource": "*", "Action": "s3:Put"},
         {"Effect": "Maybe", "Action": 7, "Resource": "*"},
         {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condtion": {}}
        ]}""";
    assertThat(findings(text, PolicyKind.IDENTITY))
        .containsExactly(
            "2:59: error: Statement[0] has the element \"Action\" more than once [MalformedPolicyDocument: Syntax errors in policy.]",
            "3:2: error: Statement[1] has no Action or NotAction [MalformedPolicyDocument: Policy statement must contain actions.]",
            "3:13: error: Statement[1].Effect \"Maybe\" must be \"Allow\" or \"Deny\" [MalformedPolicyDocument: Syntax errors in policy.]",
            "3:32: error: Statement[1].Action must be a string or a list of strings, not a number [MalformedPolicyDocument: Syntax errors in policy.]",
            "4:56: error: Statement[2] has an unknown element \"Condtion\" [MalformedPolicyDocument: Syntax errors in policy.]");
  }

  @Test
  void invalidJsonIsOneFindingWithItsPosition() {
    assertThat(findings("{\"Version\": \"2012-10-17\",\n \"Statement\": [}", PolicyKind.IDENTITY))
        .singleElement()
        .asString()
        .startsWith("2:16: error: invalid JSON: Unexpected close marker '}'")
        .endsWith("[MalformedPolicyDocument: Syntax errors in policy.]");
    assertThat(findings("", PolicyKind.IDENTITY))
        .containsExactly(
            "1:1: error: the document is empty [MalformedPolicyDocument: Syntax errors in policy.]");
    assertThat(findings("{} {}", PolicyKind.IDENTITY))
        .singleElement()
        .asString()
        .contains("unexpected content after the end");
  }

  @Test
  void elementNamesAreCaseSensitiveWithAHint() {
    assertThat(findings("{\"Version\":\"2012-10-17\",\"statement\":[]}", PolicyKind.IDENTITY))
        .contains(
            "1:25: error: the policy document has an unknown element \"statement\" (element names are case-sensitive: did you mean \"Statement\"?) [MalformedPolicyDocument: Syntax errors in policy.]");
  }

  @Test
  void deepNestingIsAProblemNotACrash() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertThat(findings(deep, PolicyKind.IDENTITY))
        .singleElement()
        .asString()
        .contains("invalid JSON");
  }

  @Test
  void grammarAcceptsEveryDocumentedShape() {
    String text =
        "{\"Id\": \"x\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"123456789012\", \"arn:aws:iam::123456789012:root\","
            + " \"arn:aws:iam::123456789012:user/u\", \"arn:aws:iam::123456789012:role/r\", \"arn:aws:sts::123456789012:assumed-role/r/s\","
            + " \"arn:aws:sts::123456789012:federated-user/f\", \"*\"], \"Service\": \"ec2.amazonaws.com\","
            + " \"Federated\": [\"arn:aws:iam::123456789012:saml-provider/idp\", \"accounts.google.com\"],"
            + " \"CanonicalUser\": \"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"},"
            + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\","
            + " \"Condition\": {\"Bool\": {\"aws:SecureTransport\": true}, \"NumericLessThan\": {\"s3:max-keys\": 10}}}}";
    Policies.Checked checked = Policies.check(text, PolicyKind.RESOURCE);
    assertThat(checked.errors()).isEmpty();
    assertThat(checked.document().version()).isNull();
    assertThat(checked.document().variablesEnabled()).isFalse();
    assertThat(checked.document().statements().get(0).principal().entries()).hasSize(11);
  }

  @Test
  void conditionOperatorsParseWithQualifiersAndIfExists() {
    ConditionOperator op = ConditionOperator.parse("ForAnyValue:StringNotLikeIfExists");
    assertThat(op.name()).isEqualTo("ForAnyValue:StringNotLikeIfExists");
    assertThat(op.base()).isEqualTo(ConditionOperator.Base.STRING_LIKE);
    assertThat(op.negated()).isTrue();
    assertThat(op.ifExists()).isTrue();
    assertThat(op.qualifier()).isEqualTo(ConditionOperator.SetQualifier.FOR_ANY_VALUE);
    assertThat(ConditionOperator.parse("NullIfExists")).isNull();
    assertThat(ConditionOperator.parse("StringEqualz")).isNull();
    assertThat(ConditionOperator.parse("ForAnyValue::StringEquals")).isNull();
    assertThat(ConditionOperator.parse("NotIpAddress").negated()).isTrue();
  }
}
