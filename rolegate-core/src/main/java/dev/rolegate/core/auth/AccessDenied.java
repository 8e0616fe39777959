package dev.rolegate.core.auth;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.policy.EvaluationResult;

/**
 * The one place AccessDenied sentences are worded, as AWS words them: {@code User: P is not
 * authorized to perform: A on resource: R} followed by the reason clause of the decision ({@code
 * because no identity-based policy allows the A action}, {@code with an explicit deny in a ...});
 * the clause for writes to AWS managed policies ({@code because no resource-based policy allows the
 * A action}); STS's denials without a reason; and the federated actions' {@code Not authorized to
 * perform A}. IAM names some resources otherwise than by their ARN ({@link DeniedResource}).
 */
public final class AccessDenied {
  private AccessDenied() {}

  /**
   * {@code P is not authorized to perform: A on resource: R}, then {@code " " + reason} unless the
   * reason is empty or null.
   */
  public static String clause(String principal, String action, String resource, String reason) {
    return principal
        + " is not authorized to perform: "
        + action
        + " on resource: "
        + resource
        + ((reason == null || reason.isEmpty()) ? "" : " " + reason);
  }

  /** AWS's sentence: {@code User: P is not authorized to perform: A on resource: R[ reason]}. */
  public static String sentence(String principal, String action, String resource, String reason) {
    return "User: " + clause(principal, action, resource, reason);
  }

  /** The reason clause AWS adds to a write to what no resource-based policy lets anyone change. */
  public static String noResourcePolicyReason(String action) {
    return "because no resource-based policy allows the " + action + " action";
  }

  /**
   * A denial of an IAM or STS call: the resource as IAM's message shows it ({@link DeniedResource})
   * and the decision's reason clause.
   */
  public static AwsServiceException of(
      Caller caller, String action, String resource, EvaluationResult result) {
    return new AwsServiceException(
        AwsErrorCode.ACCESS_DENIED,
        sentence(
            caller.arn(),
            action,
            DeniedResource.shown(action, resource),
            result.reasonClause(action)));
  }

  /**
   * A denial without a reason clause (STS's AssumeRole family: the trust policy is not named to the
   * caller).
   */
  public static AwsServiceException withoutReason(Caller caller, String action, String resource) {
    return new AwsServiceException(
        AwsErrorCode.ACCESS_DENIED, sentence(caller.arn(), action, resource, null));
  }

  /**
   * A write to an AWS managed policy: the policy belongs to the account {@code aws} and no
   * resource-based policy lets anyone change it (even the root user); the resource is the ARN.
   */
  public static AwsServiceException noResourcePolicy(
      Caller caller, String action, String resource) {
    return new AwsServiceException(
        AwsErrorCode.ACCESS_DENIED,
        sentence(caller.arn(), action, resource, noResourcePolicyReason(action)));
  }

  /**
   * The federated actions' (AssumeRoleWithWebIdentity, AssumeRoleWithSAML) denial: {@code Not
   * authorized to perform A}.
   */
  public static AwsServiceException federated(String action) {
    return new AwsServiceException(
        AwsErrorCode.ACCESS_DENIED, "Not authorized to perform " + action);
  }
}
