package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;

/** IAM ARNs: building them, and reading account, type and name back out. */
public final class Arns {
  private Arns() {}

  public record Parsed(String partition, String service, String region, String account, String resource) {
    /** The last path segment of the resource ({@code role/a/b/Name} gives {@code Name}). */
    public String name() {
      int slash = resource.lastIndexOf('/');
      return slash < 0 ? resource : resource.substring(slash + 1);
    }

    public String resourceType() {
      int slash = resource.indexOf('/');
      return slash < 0 ? resource : resource.substring(0, slash);
    }

    /** The path between the type and the name, with its slashes: {@code role/a/b/Name} gives {@code /a/b/}. */
    public String path() {
      int first = resource.indexOf('/');
      int last = resource.lastIndexOf('/');
      return first < 0 ? "/" : resource.substring(first, last + 1);
    }
  }

  /** Parses {@code arn:partition:service:region:account:resource}; null when it is not one. */
  public static Parsed parse(String arn) {
    if (arn == null) {
      return null;
    }
    String[] p = arn.split(":", 6);
    if (p.length < 6 || !p[0].equals("arn") || p[1].isEmpty() || p[2].isEmpty()) {
      return null;
    }
    return new Parsed(p[1], p[2], p[3], p[4], p[5]);
  }

  /** A managed policy ARN given by a caller: {@code ValidationError "ARN x is not valid."} when it is not one. */
  public static Parsed policyArn(String arn) {
    Validation.required("policyArn", arn);
    Validation.length("policyArn", arn, 20, 2048);
    Parsed p = parse(arn);
    if (p == null || !p.service().equals("iam") || !p.resourceType().equals("policy")) {
      throw new AwsServiceException(AwsErrorCode.VALIDATION_ERROR, "ARN " + arn + " is not valid.");
    }
    return p;
  }
}
