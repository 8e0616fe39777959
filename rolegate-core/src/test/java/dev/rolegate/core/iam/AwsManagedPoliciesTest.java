package dev.rolegate.core.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.Evaluator;
import dev.rolegate.policy.Finding;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import dev.rolegate.policy.json.JsonTreeReader;
import dev.rolegate.policy.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every AWS managed policy (1,569 of them, from the shared dataset) is a policy AWS accepted: the
 * validator must find no error in any of them, as managed identity policies, and each compiles.
 */
class AwsManagedPoliciesTest {
  record Managed(String name, String text) {}

  static List<Managed> policies;

  @BeforeAll
  static void load() throws IOException {
    String json;
    try (InputStream in =
        new GZIPInputStream(
            AwsManagedPoliciesTest.class.getResourceAsStream(
                "/dev/rolegate/core/aws-managed-policies.json.gz"))) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    JsonValue.JObject root =
        (JsonValue.JObject) ((JsonTreeReader.Parsed) JsonTreeReader.read(json)).value();
    policies = new ArrayList<>();
    for (JsonValue.Member m : root.members()) {
      if (m.key().equals("policies")) {
        for (JsonValue p : ((JsonValue.JArray) m.value()).elements()) {
          String name = null;
          String text = null;
          for (JsonValue.Member f : ((JsonValue.JObject) p).members()) {
            if (f.key().equals("PolicyName")) {
              name = ((JsonValue.JString) f.value()).value();
            } else if (f.key().equals("Document")) {
              JsonValue.JObject doc = (JsonValue.JObject) f.value();
              text = json.substring(doc.start(), doc.end());
            }
          }
          policies.add(new Managed(name, text));
        }
      }
    }
  }

  @Test
  void theDatasetIsComplete() {
    assertThat(policies).hasSize(1569);
    AwsManagedCatalog catalog = AwsManagedCatalog.load();
    assertThat(catalog.size()).isEqualTo(1569);
    AwsManagedCatalog.AwsPolicy lambda =
        catalog.find("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
    assertThat(lambda.name()).isEqualTo("AWSLambdaBasicExecutionRole");
    assertThat(lambda.path()).isEqualTo("/service-role/");
    assertThat(lambda.policyId()).startsWith("ANPA").hasSize(21);
    assertThat(lambda.document()).contains("logs:CreateLogGroup");
    assertThat(catalog.list("/service-role/"))
        .allSatisfy(p -> assertThat(p.path()).startsWith("/service-role/"));
  }

  @Test
  void everyAwsManagedPolicyValidatesWithoutErrorsAndCompiles() {
    List<String> failures = new ArrayList<>();
    for (Managed m : policies) {
      Policies.Checked checked = Policies.check(m.text(), PolicyKind.IDENTITY, true);
      if (checked.hasErrors()) {
        failures.add(m.name() + ": " + checked.errors().stream().map(Finding::format).toList());
      } else {
        assertThat(checked.compile(m.name()).name()).isEqualTo(m.name());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void readOnlyAccessAllowsReadsAndNotWrites() {
    Managed readOnly =
        policies.stream().filter(p -> p.name().equals("ReadOnlyAccess")).findFirst().orElseThrow();
    PolicySet set =
        PolicySet.identityOnly(
            List.of(
                Policies.check(readOnly.text(), PolicyKind.IDENTITY, true)
                    .compile("ReadOnlyAccess")));
    RequestContext.Builder b =
        RequestContext.builder().principal("arn:aws:iam::123456789012:user/auditor");
    assertThat(
            Evaluator.decide(
                set, b.action("s3:GetObject").resource("arn:aws:s3:::bucket/key").build()))
        .isEqualTo(Decision.ALLOW);
    assertThat(Evaluator.decide(set, b.action("ec2:DescribeInstances").resource("*").build()))
        .isEqualTo(Decision.ALLOW);
    assertThat(
            Evaluator.decide(
                set, b.action("s3:PutObject").resource("arn:aws:s3:::bucket/key").build()))
        .isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(
            Evaluator.decide(
                set,
                b.action("iam:CreateUser").resource("arn:aws:iam::123456789012:user/x").build()))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }
}
