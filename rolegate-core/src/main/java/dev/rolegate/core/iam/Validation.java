package dev.rolegate.core.iam;

import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.model.Arns;
import java.util.regex.Pattern;

/**
 * AWS's "1 validation error detected" wording ({@code Value 'x' at 'roleName' failed to satisfy
 * constraint: Member must ...}) for the checks core still makes itself. A request's parameters are
 * checked against AWS's service model in rolegate-protocol ({@code ParameterValidator}) before a
 * use case runs; core checks only what the model does not express (a policy ARN's shape, a
 * parameter AWS requires that the model leaves optional, the caller standing in for an absent
 * UserName) and values that do not come straight from a request parameter (session tags from an
 * identity provider).
 */
public final class Validation {
  private Validation() {}

  public static AwsServiceException error(String field, String value, String constraint) {
    String shown = value == null ? "" : value.length() > 256 ? "" : value;
    return AwsServiceException.validation(
        "1 validation error detected: Value "
            + (shown.isEmpty() && value != null ? "" : "'" + shown + "' ")
            + "at '"
            + field
            + "' failed to satisfy constraint: Member must "
            + constraint);
  }

  public static String required(String field, String value) {
    if (value == null) {
      throw AwsServiceException.validation(
          "1 validation error detected: Value null at '"
              + field
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  public static void length(String field, String value, int min, int max) {
    if (value == null) {
      return;
    }
    if (value.length() < min) {
      throw error(field, value, "have length greater than or equal to " + min);
    }
    if (value.length() > max) {
      throw error(field, value, "have length less than or equal to " + max);
    }
  }

  public static void pattern(String field, String value, Pattern pattern) {
    if (value != null && !pattern.matcher(value).matches()) {
      throw error(field, value, "satisfy regular expression pattern: " + pattern.pattern());
    }
  }

  public static void range(String field, Integer value, int min, int max) {
    if (value == null) {
      return;
    }
    if (value < min) {
      throw error(field, String.valueOf(value), "have value greater than or equal to " + min);
    }
    if (value > max) {
      throw error(field, String.valueOf(value), "have value less than or equal to " + max);
    }
  }

  /**
   * A managed policy ARN given by a caller: {@code ValidationError "ARN x is not valid."} when it
   * is not one.
   */
  public static Arns.Parsed policyArn(String arn) {
    required("policyArn", arn);
    length("policyArn", arn, 20, 2048);
    Arns.Parsed p = Arns.parse(arn);
    if (p == null || !p.service().equals("iam") || !p.resourceType().equals("policy")) {
      throw new AwsServiceException(
          dev.rolegate.core.AwsErrorCode.VALIDATION_ERROR, "ARN " + arn + " is not valid.");
    }
    return p;
  }
}
