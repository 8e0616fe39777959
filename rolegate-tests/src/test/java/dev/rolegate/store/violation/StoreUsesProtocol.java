package dev.rolegate.store.violation;

/**
 * A deliberate break of the layering, for LayeringRulesFailWhenBrokenTest only: the store using the
 * protocol.
 */
public final class StoreUsesProtocol {
  dev.rolegate.protocol.Responses.HttpAnswer answer;
}
