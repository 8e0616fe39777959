package dev.rolegate.core.auth;

import dev.rolegate.core.policies.PolicyDocuments;
import dev.rolegate.core.port.Store;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import java.util.List;
import java.util.Map;

/**
 * Decisions for other services (POST /_rolegate/authorize): the caller's identity policies,
 * boundary and session policies, plus the resource's policy when the service sends one, with the
 * global keys Rolegate knows and the service's own keys.
 */
public final class DecisionService {
  private final Store store;
  private final Authorizer authorizer;
  private final AuthorizationMessages messages;

  /** A decision, with AWS's encoded authorization message when it is a denial (else null). */
  public record Outcome(EvaluationResult result, String encodedMessage) {}

  public DecisionService(Store store, Authorizer authorizer, AuthorizationMessages messages) {
    this.store = store;
    this.authorizer = authorizer;
    this.messages = messages;
  }

  /**
   * @param resourceAccount the resource's account; null: the resource ARN's, else the caller's
   * @param resourcePolicy the resource's policy document, or null
   * @param keys the service's context keys (each with one or more values)
   */
  public Outcome decide(
      Caller caller,
      RequestInfo info,
      String action,
      String resource,
      String resourceAccount,
      String resourcePolicy,
      Map<String, List<String>> keys) {
    CompiledPolicy rp =
        resourcePolicy == null
            ? null
            : PolicyDocuments.require(resourcePolicy, PolicyKind.RESOURCE, false)
                .compile("resource-policy");
    String account =
        resourceAccount != null ? resourceAccount : accountOf(resource, caller.accountId());
    return store.read(
        r -> {
          PolicySet identity =
              authorizer.identityPolicies(
                  r,
                  caller); // none for the root user (allowed below), the task policy for AssumeRoot
          PolicySet set =
              new PolicySet(
                  identity.identity(),
                  rp,
                  identity.permissionsBoundary(),
                  identity.sessionPolicies(),
                  identity.scpLevels());
          RequestContext.Builder ctx =
              authorizer.context(r, caller, info, action, resource).resourceAccount(account);
          keys.forEach(ctx::putMulti);
          RequestContext built = ctx.build();
          EvaluationResult result =
              authorizer.decideFor(
                  caller.arn(),
                  action,
                  resource,
                  set,
                  built,
                  info,
                  caller.kind() == Caller.Kind.ROOT && account.equals(caller.accountId()));
          return new Outcome(
              result,
              result.decision() == dev.rolegate.policy.Decision.ALLOW
                  ? null
                  : messages.encode(caller, result, built));
        });
  }

  /** The account field of an ARN (arn:partition:service:region:account:...), else the fallback. */
  static String accountOf(String arn, String fallback) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 && parts[4].matches("\\d{12}") ? parts[4] : fallback;
  }
}
