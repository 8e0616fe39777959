package dev.rolegate.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.tests.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs/SIMULATOR.md example, run word for word with the real AWS CLI v2 against a Rolegate
 * server. The policy is passed as {@code "$(cat policy.json)"}: AWS CLI 2.9 sends a list-of-strings
 * parameter given as {@code file://} one character per member.
 */
class SimulatorCliTest {
  /** docs/SIMULATOR.md's policy.json. */
  static final String POLICY =
      """
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "ReadFromTheOffice",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::reports/*",
            "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
          }
        ]
      }
      """;

  @TempDir static Path tmp;

  static TestServer server;
  static AwsCli cli;

  @BeforeAll
  static void start() throws IOException {
    Subprocess.requireAwsCliV2();
    server = TestServer.start();
    cli = new AwsCli(server.endpoint(), tmp);
    Files.writeString(tmp.resolve("policy.json"), POLICY);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @SuppressWarnings("unchecked")
  @Test
  void simulateCustomPolicyAsTheDocsShowIt() {
    Subprocess.Result r =
        cli.brief(
            server.rootCredentials(),
            """
        aws iam simulate-custom-policy \\
          --policy-input-list "$(cat policy.json)" \\
          --action-names s3:GetObject s3:PutObject \\
          --resource-arns arn:aws:s3:::reports/2026/q3.csv \\
          --context-entries ContextKeyName=aws:SourceIp,ContextKeyValues=203.0.113.7,ContextKeyType=ip
        """);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    List<Object> results = (List<Object>) Json.object(r.stdout()).get("EvaluationResults");
    assertThat(results).hasSize(2);
    Map<String, Object> get = (Map<String, Object>) results.get(0);
    assertThat(get.get("EvalActionName")).isEqualTo("s3:GetObject");
    assertThat(get.get("EvalResourceName")).isEqualTo("arn:aws:s3:::reports/2026/q3.csv");
    assertThat(get.get("EvalDecision")).isEqualTo("allowed");
    Map<String, Object> statement =
        (Map<String, Object>) ((List<Object>) get.get("MatchedStatements")).get(0);
    assertThat(statement.get("SourcePolicyId")).isEqualTo("PolicyInputList.1");
    assertThat(statement.get("SourcePolicyType")).isEqualTo("none");
    assertThat(statement.get("StartPosition")).isEqualTo(Map.of("Line", 4L, "Column", 6L));
    assertThat(statement.get("EndPosition")).isEqualTo(Map.of("Line", 10L, "Column", 6L));
    Map<String, Object> put = (Map<String, Object>) results.get(1);
    assertThat(put.get("EvalDecision")).isEqualTo("implicitDeny");
    assertThat(put.get("MatchedStatements")).isEqualTo(List.of());

    Subprocess.Result keys =
        cli.brief(
            server.rootCredentials(),
            """
        aws iam get-context-keys-for-custom-policy --policy-input-list "$(cat policy.json)"
        """);
    assertThat(keys.exitCode()).as(keys.describe()).isZero();
    assertThat(Json.object(keys.stdout()).get("ContextKeyNames"))
        .isEqualTo(List.of("aws:SourceIp"));
  }
}
