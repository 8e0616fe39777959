package dev.rolegate.protocol.violation;

/**
 * A deliberate break of the layering, for LayeringRulesFailWhenBrokenTest only: protocol using the
 * server.
 */
public final class ProtocolUsesServer {
  dev.rolegate.server.HttpServer server;
}
