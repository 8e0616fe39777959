package dev.rolegate.protocol;

import dev.rolegate.core.iam.Page;
import dev.rolegate.core.iam.SimulationService;
import dev.rolegate.core.iam.SimulationService.EvaluationResult;
import dev.rolegate.core.iam.SimulationService.MatchedStatement;
import dev.rolegate.core.iam.SimulationService.ResourceOutcome;
import dev.rolegate.policy.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IAM's policy simulator: SimulatePrincipalPolicy, SimulateCustomPolicy,
 * GetContextKeysForPrincipalPolicy, GetContextKeysForCustomPolicy.
 */
public final class SimulationOperations {
  private SimulationOperations() {}

  public static void register(Map<String, Operation> ops, SimulationService simulation) {
    ops.put(
        "SimulatePrincipalPolicy",
        c ->
            results(
                simulation.simulatePrincipalPolicy(
                    c.caller(),
                    c.info(),
                    c.params().required("PolicySourceArn"),
                    request(c.params()))));
    ops.put(
        "SimulateCustomPolicy",
        c -> results(simulation.simulateCustomPolicy(c.caller(), c.info(), request(c.params()))));
    ops.put(
        "GetContextKeysForPrincipalPolicy",
        c ->
            Node.builder()
                .texts(
                    "ContextKeyNames",
                    simulation.getContextKeysForPrincipalPolicy(
                        c.caller(),
                        c.info(),
                        c.params().required("PolicySourceArn"),
                        c.params().list("PolicyInputList")))
                .build());
    ops.put(
        "GetContextKeysForCustomPolicy",
        c ->
            Node.builder()
                .texts(
                    "ContextKeyNames",
                    simulation.getContextKeysForCustomPolicy(
                        c.caller(), c.info(), c.params().list("PolicyInputList")))
                .build());
  }

  private static SimulationService.Request request(Params p) {
    for (String unsupported :
        List.of("PolicyExclusionList", "OrderedOrganizationPolicyInputList")) {
      if (p.asMap().keySet().stream()
          .anyMatch(k -> k.equals(unsupported) || k.startsWith(unsupported + "."))) {
        // simulating without them would answer for a different set of policies
        throw dev.rolegate.core.AwsServiceException.invalidInput(
            "Rolegate does not simulate " + unsupported + " yet.");
      }
    }
    return new SimulationService.Request(
        p.list("PolicyInputList"),
        p.list("PermissionsBoundaryPolicyInputList"),
        p.list("ActionNames"),
        p.list("ResourceArns"),
        p.string("ResourcePolicy"),
        p.string("ResourceOwner"),
        p.string("CallerArn"),
        p.contextEntries("ContextEntries"),
        p.string("ResourceHandlingOption"),
        p.string("Marker"),
        p.integer("MaxItems"));
  }

  private static List<Node> results(Page<EvaluationResult> page) {
    return Node.builder()
        .list(
            "EvaluationResults",
            page.items(),
            (r, b) -> {
              ResourceOutcome o = r.outcome();
              b.text("EvalActionName", r.action())
                  .text("EvalResourceName", o.resource())
                  .text("EvalDecision", o.decision());
              details(b, o);
              if (!r.resourceSpecific().isEmpty()) {
                b.list(
                    "ResourceSpecificResults",
                    r.resourceSpecific(),
                    (rs, x) -> {
                      x.text("EvalResourceName", rs.resource())
                          .text("EvalResourceDecision", rs.decision());
                      details(x, rs);
                    });
              }
            })
        .bool("IsTruncated", page.truncated())
        .text("Marker", page.marker())
        .build();
  }

  /**
   * MatchedStatements, MissingContextValues, EvalDecisionDetails,
   * PermissionsBoundaryDecisionDetail.
   */
  private static void details(Node.Builder b, ResourceOutcome o) {
    b.list("MatchedStatements", o.matched(), SimulationOperations::statement);
    b.texts("MissingContextValues", o.missingContextValues());
    if (o.decisionDetails() != null) {
      List<Node> entries = new ArrayList<>();
      o.decisionDetails()
          .forEach(
              (k, v) ->
                  entries.add(
                      new Node.Struct(
                          "entry", List.of(new Node.Text("key", k), new Node.Text("value", v)))));
      b.node(new Node.Struct("EvalDecisionDetails", entries));
    }
    if (o.allowedByBoundary() != null) {
      b.struct(
          "PermissionsBoundaryDecisionDetail",
          x -> x.bool("AllowedByPermissionsBoundary", o.allowedByBoundary()));
    }
  }

  private static void statement(MatchedStatement m, Node.Builder b) {
    b.text("SourcePolicyId", m.sourcePolicyId()).text("SourcePolicyType", m.sourcePolicyType());
    b.struct("StartPosition", x -> position(x, m.start()));
    b.struct("EndPosition", x -> position(x, m.end()));
  }

  private static void position(Node.Builder b, SourcePosition p) {
    b.number("Line", p.line()).number("Column", p.column());
  }
}
