package dev.rolegate.server.violation;

/**
 * A deliberate break, for LayeringRulesFailWhenBrokenTest only: an error answer from a string code.
 */
public final class ErrorWithAStringCode {
  static String error(int status, String code) {
    return status + " " + code;
  }
}
