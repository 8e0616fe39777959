package dev.rolegate.core.violation;

/**
 * A deliberate break of the layering, for LayeringRulesFailWhenBrokenTest only: core using the
 * protocol, JDBC and a thread-local.
 */
public final class CoreUsesProtocolJdbcAndAThreadLocal {
  dev.rolegate.protocol.Responses.HttpAnswer answer;
  java.sql.Connection connection;
  static final ThreadLocal<String> REQUEST = new ThreadLocal<>();
}
