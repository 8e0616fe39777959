package dev.rolegate.policy;

/**
 * The MalformedPolicyDocument messages AWS IAM returns, word for word (see docs/aws-reference.md
 * §6.8 of the shared reference; recorded against AWS in 2026).
 */
public final class AwsMessages {
  public static final String SYNTAX = "Syntax errors in policy.";
  public static final String VERSION_REQUIRED =
      "Policy document must be version 2012-10-17 or greater.";
  public static final String LEGACY_PARSING = "The policy failed legacy parsing";
  public static final String SID_UNIQUE = "Statement IDs (SID) in a single policy must be unique.";
  public static final String MISSING_ACTIONS = "Policy statement must contain actions.";
  public static final String MISSING_RESOURCES = "Policy statement must contain resources.";
  public static final String RESOURCE_VENDOR =
      "Resource vendor must be fully qualified and cannot contain regexes.";
  public static final String ACTION_VENDOR =
      "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
  public static final String ACTION_ONE_COLON = "Actions/Condition can contain only one colon.";
  public static final String TRUST_ACTIONS =
      "AssumeRole policy may only specify STS AssumeRole actions.";
  public static final String TRUST_RESOURCE = "Has prohibited field Resource";
  public static final String NO_PRINCIPAL_ALLOWED =
      "Policy document should not specify a principal.";

  /** What CreateRole / UpdateAssumeRolePolicy say for a trust policy that is not JSON. */
  public static final String INVALID_JSON = "This policy contains invalid Json";

  public static final String IAM_RESOURCE_PATH =
      "IAM resource path must either be \"*\", root, or start with user/, federated-user/, role/, group/,"
          + " instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/,"
          + " oidc-provider/, report/, access-report/.";

  public static String resourceFormat(String resource) {
    return "Resource " + resource + " must be in ARN format or \"*\".";
  }

  public static String partition(String partition, String normalisedResource) {
    return "Partition \""
        + partition
        + "\" is not valid for resource \""
        + normalisedResource
        + "\".";
  }

  public static String iamRegion(String resource) {
    return "IAM resource " + resource + " cannot contain region information.";
  }

  public static String s3Region(String resource) {
    return "Resource " + resource + " can not contain region information.";
  }

  public static String vendor(String vendor) {
    return "Vendor " + vendor + " is not valid";
  }

  public static String invalidPrincipal(String type, String value) {
    return "Invalid principal in policy: \"" + type + "\":\"" + value + "\"";
  }

  private AwsMessages() {}
}
