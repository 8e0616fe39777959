package dev.rolegate.core.policies;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.policy.AwsMessages;
import dev.rolegate.policy.Finding;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import java.util.Comparator;
import java.util.List;

/**
 * Policy documents checked on write. The engine reports every problem; IAM answers with the first
 * failing stage only, so the reported message is the error of the earliest stage in AWS's order
 * (recorded against AWS): grammar, version, legacy parsing, Sid uniqueness, actions present,
 * resources present, resource format, action prefixes, then the kind's own rules.
 */
public final class PolicyDocuments {
  private PolicyDocuments() {}

  /**
   * The checked document; {@code MalformedPolicyDocument} with AWS's message when it has errors.
   */
  public static Policies.Checked require(String text, PolicyKind kind, boolean managed) {
    Policies.Checked checked = Policies.check(text, kind, managed);
    if (checked.hasErrors()) {
      throw new AwsServiceException(
          AwsErrorCode.MALFORMED_POLICY_DOCUMENT, message(checked.errors()));
    }
    return checked;
  }

  public static String message(List<Finding> errors) {
    Finding first =
        errors.stream().min(Comparator.comparingInt(PolicyDocuments::stage)).orElseThrow();
    return first.awsMessage() != null ? first.awsMessage() : first.message();
  }

  private static int stage(Finding f) {
    String m = f.awsMessage();
    if (m == null) {
      return 100;
    }
    if (m.equals(AwsMessages.SYNTAX) || m.equals(AwsMessages.INVALID_JSON)) {
      return 1;
    }
    if (m.equals(AwsMessages.VERSION_REQUIRED)) {
      return 2;
    }
    if (m.equals(AwsMessages.LEGACY_PARSING)) {
      return 3;
    }
    if (m.equals(AwsMessages.SID_UNIQUE)) {
      return 4;
    }
    if (m.equals(AwsMessages.MISSING_ACTIONS)) {
      return 5;
    }
    if (m.equals(AwsMessages.MISSING_RESOURCES)) {
      return 6;
    }
    if (m.startsWith("Resource ")
        || m.startsWith("Partition ")
        || m.startsWith("IAM resource")
        || m.equals(AwsMessages.RESOURCE_VENDOR)) {
      return 7;
    }
    if (m.equals(AwsMessages.ACTION_VENDOR)
        || m.equals(AwsMessages.ACTION_ONE_COLON)
        || m.startsWith("Vendor ")) {
      return 8;
    }
    return 9;
  }
}
