package dev.rolegate.policy;

import java.util.Objects;

/**
 * One problem found in a policy document.
 *
 * @param severity error (AWS rejects the policy) or warning (lint)
 * @param message what is wrong, in our words, quoting the input
 * @param awsMessage the MalformedPolicyDocument message AWS returns for this problem, or null where
 *     AWS has none (warnings, our own stricter checks)
 * @param position where in the text
 */
public record Finding(
    Severity severity, String message, String awsMessage, SourcePosition position) {
  public Finding {
    Objects.requireNonNull(severity, "severity is null");
    Objects.requireNonNull(message, "message is null");
    Objects.requireNonNull(position, "position is null");
  }

  public static Finding error(SourcePosition at, String message, String awsMessage) {
    return new Finding(Severity.ERROR, message, awsMessage, at);
  }

  public static Finding warning(SourcePosition at, String message) {
    return new Finding(Severity.WARNING, message, null, at);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code line:col: error: message [AWS: aws message]}. */
  public String format() {
    String text = position + ": " + severity.label() + ": " + message;
    return awsMessage == null ? text : text + " [MalformedPolicyDocument: " + awsMessage + "]";
  }
}
