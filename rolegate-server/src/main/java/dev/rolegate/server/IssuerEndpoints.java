package dev.rolegate.server;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.sts.OutboundFederation;

/**
 * The OIDC discovery endpoints of each account's outbound-federation issuer, served without
 * authentication (verifiers fetch them): {@code GET
 * /_rolegate/oidc/ACCOUNT/.well-known/openid-configuration} and {@code .../.well-known/jwks.json}.
 * 404 when the account's outbound federation is not enabled.
 */
final class IssuerEndpoints {
  static final String PREFIX = "/_rolegate/oidc/";

  private IssuerEndpoints() {}

  static AdminApi.Answer handle(OutboundFederation outbound, String method, String path) {
    if (!method.equals("GET")) {
      return AdminApi.error(
          AwsErrorCode.METHOD_NOT_ALLOWED, "The issuer endpoints answer GET only");
    }
    String rest = path.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String account = slash < 0 ? rest : rest.substring(0, slash);
    String doc = slash < 0 ? "" : rest.substring(slash);
    String json =
        switch (doc) {
          case "/.well-known/openid-configuration" -> outbound.discovery(account);
          case "/.well-known/jwks.json" -> outbound.jwks(account);
          default -> null;
        };
    return json == null
        ? AdminApi.error(AwsErrorCode.NOT_FOUND, "No issuer document at " + path)
        : new AdminApi.Answer(200, json);
  }
}
