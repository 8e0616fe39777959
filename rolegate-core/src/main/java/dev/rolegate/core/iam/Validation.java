package dev.rolegate.core.iam;

import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.model.Arns;
import java.util.regex.Pattern;

/**
 * AWS's model constraints on request parameters, with its "1 validation error detected" wording:
 * {@code Value 'x' at 'roleName' failed to satisfy constraint: Member must ...}.
 */
public final class Validation {
  public static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
  public static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");
  public static final Pattern POLICY_PATH = Pattern.compile("((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
  public static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
  public static final Pattern DESCRIPTION = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
  public static final Pattern POLICY_DOCUMENT = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");

  private Validation() {}

  public static AwsServiceException error(String field, String value, String constraint) {
    String shown = value == null ? "" : value.length() > 256 ? "" : value;
    return AwsServiceException.validation(
        "1 validation error detected: Value " + (shown.isEmpty() && value != null ? "" : "'" + shown + "' ") + "at '" + field
            + "' failed to satisfy constraint: Member must " + constraint);
  }

  public static String required(String field, String value) {
    if (value == null) {
      throw AwsServiceException.validation("1 validation error detected: Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
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

  public static String name(String field, String value, int max) {
    required(field, value);
    length(field, value, 1, max);
    pattern(field, value, NAME);
    return value;
  }

  /** A path: default "/", 1 to 512 characters, begins and ends with "/". */
  public static String path(String field, String value) {
    if (value == null) {
      return "/";
    }
    length(field, value, 1, 512);
    pattern(field, value, PATH);
    return value;
  }

  public static String pathPrefix(String value) {
    if (value == null) {
      return "/";
    }
    length("pathPrefix", value, 1, 512);
    pattern("pathPrefix", value, Pattern.compile("\\u002F[\\u0021-\\u007F]*"));
    return value;
  }

  public static String policyDocument(String field, String value) {
    required(field, value);
    length(field, value, 1, 131072);
    pattern(field, value, POLICY_DOCUMENT);
    return value;
  }

  /** A managed policy ARN given by a caller: {@code ValidationError "ARN x is not valid."} when it is not one. */
  public static Arns.Parsed policyArn(String arn) {
    required("policyArn", arn);
    length("policyArn", arn, 20, 2048);
    Arns.Parsed p = Arns.parse(arn);
    if (p == null || !p.service().equals("iam") || !p.resourceType().equals("policy")) {
      throw new AwsServiceException(dev.rolegate.core.AwsErrorCode.VALIDATION_ERROR, "ARN " + arn + " is not valid.");
    }
    return p;
  }
}
