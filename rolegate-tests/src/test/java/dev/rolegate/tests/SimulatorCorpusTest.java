package dev.rolegate.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;

/**
 * Issue 6: the simulator's answers checked against the policy engine's evaluation corpus
 * (rolegate-policy's cases/eval, each case citing the AWS documentation page it comes from). Every
 * case the simulator can express (identity policies, optionally a resource policy and a permissions
 * boundary, an IAM user as the caller, context keys the API accepts) is sent through
 * SimulateCustomPolicy over the wire, and its EvalDecision must be the case's expected decision.
 */
class SimulatorCorpusTest extends ServerTest {
  static final Path CORPUS = Path.of("../rolegate-policy/src/test/resources/cases/eval");
  static final ObjectMapper JSON = new ObjectMapper();

  record Case(String id, JsonNode json) {}

  static List<Case> expressible() throws IOException {
    List<Case> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(CORPUS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode c = JSON.readTree(line);
          JsonNode policies = c.get("policies");
          boolean onlyThese =
              Stream.of(iterable(policies.fieldNames()))
                  .allMatch(
                      k -> List.of("identity", "resource", "permissionsBoundary").contains(k));
          boolean identity = policies.has("identity") && policies.get("identity").size() > 0;
          boolean user =
              c.get("request").get("principal").asText().matches("arn:aws:iam::\\d{12}:user/.+");
          // ContextKeyName is 5 to 256 characters in the API (condition-binary's made-up key "key"
          // is not)
          boolean keys =
              Stream.of(iterable(c.get("request").get("context").fieldNames()))
                  .allMatch(k -> k.length() >= 5 && k.length() <= 256);
          if (onlyThese && identity && user && keys) {
            out.add(new Case(c.get("id").asText(), c));
          }
        }
      }
    }
    return out;
  }

  private static String[] iterable(java.util.Iterator<String> it) {
    List<String> l = new ArrayList<>();
    it.forEachRemaining(l::add);
    return l.toArray(String[]::new);
  }

  @Test
  void theSimulatorDecidesEveryExpressibleCorpusCaseAsTheCaseExpects() throws IOException {
    List<Case> cases = expressible();
    assertThat(cases).as("cases the simulator can express").hasSizeGreaterThan(400);
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      JsonNode policies = c.json().get("policies");
      JsonNode request = c.json().get("request");
      List<String> identity = new ArrayList<>();
      policies.get("identity").forEach(p -> identity.add(p.toString()));
      List<ContextEntry> context = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : iterableFields(request.get("context"))) {
        List<String> values = new ArrayList<>();
        if (e.getValue().isArray()) {
          e.getValue().forEach(v -> values.add(v.asText()));
        } else {
          values.add(e.getValue().asText());
        }
        context.add(
            ContextEntry.builder()
                .contextKeyName(e.getKey())
                .contextKeyValues(values)
                .contextKeyType(
                    e.getValue().isArray()
                        ? ContextKeyTypeEnum.STRING_LIST
                        : ContextKeyTypeEnum.STRING)
                .build());
      }
      String expected = c.json().get("expected").asText();
      try {
        EvaluationResult r =
            iam.simulateCustomPolicy(
                    b -> {
                      b.policyInputList(identity)
                          .actionNames(request.get("action").asText())
                          .resourceArns(request.get("resource").asText())
                          .callerArn(request.get("principal").asText())
                          .contextEntries(context);
                      if (policies.has("resource")) {
                        b.resourcePolicy(policies.get("resource").toString());
                      }
                      if (policies.has("permissionsBoundary")) {
                        b.permissionsBoundaryPolicyInputList(
                            policies.get("permissionsBoundary").toString());
                      }
                      if (request.has("resourceAccount")) {
                        b.resourceOwner(
                            "arn:aws:iam::" + request.get("resourceAccount").asText() + ":root");
                      }
                    })
                .evaluationResults()
                .get(0);
        String got =
            switch (r.evalDecision()) {
              case ALLOWED -> "Allow";
              case EXPLICIT_DENY -> "ExplicitDeny";
              case IMPLICIT_DENY -> "ImplicitDeny";
              default -> r.evalDecisionAsString();
            };
        if (!got.equals(expected)) {
          wrong.add(c.id() + ": simulator " + got + ", corpus " + expected);
        }
      } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
        wrong.add(
            c.id()
                + ": "
                + e.awsErrorDetails().errorCode()
                + " "
                + e.awsErrorDetails().errorMessage());
      }
    }
    assertThat(wrong)
        .as("corpus cases the simulator decides otherwise (of " + cases.size() + ")")
        .isEmpty();
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterableFields(JsonNode node) {
    return node.properties();
  }
}
