package dev.rolegate.core.iam;

import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.AccessDenied;
import dev.rolegate.core.auth.Authorizer;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.RequestContext;
import java.util.function.Consumer;

/**
 * {@link Authorizer#require} with the action's own condition keys ({@code iam:PermissionsBoundary},
 * {@code aws:RequestTag/*}, {@code aws:TagKeys}), and the answer for writes to AWS managed
 * policies.
 */
final class KeyedAuthorization {
  private KeyedAuthorization() {}

  static void require(
      IamContext iam,
      Repositories r,
      Caller c,
      RequestInfo info,
      String action,
      String resource,
      Consumer<RequestContext.Builder> keys) {
    if (c.kind() == Caller.Kind.ROOT) {
      info.scope().markDecided();
      return; // as Authorizer.require: the root user may do anything in its account
    }
    RequestContext.Builder b =
        iam.authorizer().context(r, c, info, action, resource).resourceAccount(c.accountId());
    keys.accept(b);
    iam.authorizer().requireWith(r, c, info, action, resource, b);
  }

  /**
   * A write to an AWS managed policy: the policy belongs to the account {@code aws}, outside the
   * caller's, and no resource-based policy lets anyone change it, so IAM answers AccessDenied (not
   * UnmodifiableEntity, which these actions' models do not list) even to the root user.
   */
  static AwsServiceException awsManaged(Caller c, String action, String arn) {
    return AccessDenied.noResourcePolicy(c, action, arn);
  }
}
