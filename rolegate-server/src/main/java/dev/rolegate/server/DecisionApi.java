package dev.rolegate.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.AccessDenied;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.DecisionRecorder;
import dev.rolegate.core.auth.DecisionService;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.StatementRef;
import dev.rolegate.protocol.QueryHandler;
import dev.rolegate.protocol.SigV4Authenticator;
import dev.rolegate.sigv4.Header;
import dev.rolegate.sigv4.ParseResult;
import dev.rolegate.sigv4.SigV4;
import dev.rolegate.sigv4.SignableRequest;
import dev.rolegate.sigv4.VerifyOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /_rolegate/authorize}: another service (an object store, a gateway) sends the SigV4
 * material of a request it received, the action, the resource and its own context keys; Rolegate
 * verifies the signature, resolves the principal and answers the decision with its explanation. The
 * calling service is authenticated by the shared token ({@code --authorize-token}) in the {@code
 * X-Rolegate-Token} header, compared in constant time.
 */
final class DecisionApi {
  private static final JsonFactory JSON = new JsonFactory();

  private final Rolegate rolegate;
  private final DecisionService decisions;

  DecisionApi(Rolegate rolegate) {
    this.rolegate = rolegate;
    this.decisions = rolegate.decisionService();
  }

  /** The request's parts, as the calling service received them. */
  private static final class Input {
    String method;
    String path;
    String query = "";
    final List<Header> headers = new ArrayList<>();
    String payloadHash;
    String action;
    String resource;
    String resourceAccount;
    String resourcePolicy;
    String sourceIp;
    final Map<String, List<String>> context = new LinkedHashMap<>();
  }

  AdminApi.Answer handle(QueryHandler.Request request) {
    String token = rolegate.config().authorizeToken();
    if (token == null) {
      return AdminApi.error(
          AwsErrorCode.ACCESS_DENIED,
          "The decision API is off: start Rolegate with --authorize-token (or ROLEGATE_AUTHORIZE_TOKEN).");
    }
    String sent = request.header("X-Rolegate-Token");
    if (sent == null
        || !MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      return AdminApi.error(
          AwsErrorCode.ACCESS_DENIED,
          "Send the decision API token in the X-Rolegate-Token header.");
    }
    try {
      Input in = parse(request.body());
      if (in.payloadHash != null) {
        in.headers.removeIf(
            h ->
                h.name().equalsIgnoreCase(SigV4.X_AMZ_CONTENT_SHA256)
                    && !h.value().trim().equals(in.payloadHash));
        if (in.headers.stream()
            .noneMatch(h -> h.name().equalsIgnoreCase(SigV4.X_AMZ_CONTENT_SHA256))) {
          in.headers.add(new Header(SigV4.X_AMZ_CONTENT_SHA256, in.payloadHash));
        }
      } else if (in.headers.stream()
          .noneMatch(h -> h.name().equalsIgnoreCase(SigV4.X_AMZ_CONTENT_SHA256))) {
        in.headers.add(new Header(SigV4.X_AMZ_CONTENT_SHA256, SigV4.sha256Hex(new byte[0])));
      }
      SignableRequest signable =
          new SignableRequest(in.method, in.path, in.query, in.headers, null);
      Instant now = rolegate.clock().instant();
      String service = SigV4.parse(signable) instanceof ParseResult.Signed s ? s.service() : "";
      VerifyOptions options =
          QueryHandler.SIGV4_OPTIONS
              .withDeclaredPayloadHash(true)
              .withNormalizePath(!service.equals("s3"));
      SigV4Authenticator.Authenticated authenticated =
          rolegate
              .authenticator()
              .authenticate(
                  signable,
                  now,
                  options,
                  null,
                  "The request carries no SigV4 signature (Authorization header or X-Amz-Signature).");
      Caller caller = authenticated.caller();
      ParseResult.Signed signed = authenticated.signed();
      RequestInfo info =
          new RequestInfo(
              "authorize-" + UUID.randomUUID(),
              in.sourceIp,
              true,
              signed.region(),
              signable.firstHeader("User-Agent"),
              now);
      DecisionService.Outcome outcome =
          decisions.decide(
              caller,
              info,
              in.action,
              in.resource,
              in.resourceAccount,
              in.resourcePolicy,
              in.context);
      EvaluationResult result = outcome.result();
      return new AdminApi.Answer(
          200,
          AdminApi.json(
              g -> {
                g.writeStartObject();
                g.writeStringField("decision", result.decision().text());
                g.writeStringField("principal", caller.arn());
                g.writeStringField("account", caller.accountId());
                g.writeStringField("action", in.action);
                g.writeStringField("resource", in.resource);
                String reason = result.reasonClause(in.action);
                if (!reason.isEmpty()) {
                  g.writeStringField(
                      "message",
                      AccessDenied.sentence(caller.arn(), in.action, in.resource, reason));
                }
                if (outcome.encodedMessage() != null) {
                  g.writeStringField("encodedMessage", outcome.encodedMessage());
                }
                g.writeObjectFieldStart("explanation");
                g.writeArrayFieldStart("decidingStatements");
                for (StatementRef ref : result.deciding()) {
                  g.writeString(ref.label());
                }
                g.writeEndArray();
                g.writeArrayFieldStart("failedConditions");
                for (String c : DecisionRecorder.failedConditions(result)) {
                  g.writeString(c);
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
              }));
    } catch (AwsServiceException e) {
      return AdminApi.error(e.code(), e.getMessage());
    } catch (IllegalArgumentException e) {
      return AdminApi.error(AwsErrorCode.VALIDATION_ERROR, e.getMessage());
    }
  }

  private static Input parse(byte[] body) {
    Input in = new Input();
    try (JsonParser p = JSON.createParser(body == null ? new byte[0] : body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw bad("The body must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "method" -> in.method = text(p, t, name);
          case "path" -> in.path = text(p, t, name);
          case "query" -> in.query = text(p, t, name);
          case "payloadHash" -> in.payloadHash = text(p, t, name).trim();
          case "action" -> in.action = text(p, t, name);
          case "resource" -> in.resource = text(p, t, name);
          case "resourceAccount" -> in.resourceAccount = text(p, t, name);
          case "resourcePolicy" -> in.resourcePolicy = text(p, t, name);
          case "sourceIp" -> in.sourceIp = text(p, t, name);
          case "headers" -> stringsByName(p, t, name, (k, v) -> in.headers.add(new Header(k, v)));
          case "context" ->
              stringsByName(
                  p,
                  t,
                  name,
                  (k, v) -> in.context.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
          default -> throw bad("Unknown field \"" + name + "\"");
        }
      }
    } catch (IOException e) {
      throw bad(
          "The body is not valid JSON: "
              + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                  ? j.getOriginalMessage()
                  : e.getMessage()));
    }
    for (String[] required :
        new String[][] {
          {"method", in.method}, {"path", in.path}, {"action", in.action}, {"resource", in.resource}
        }) {
      if (required[1] == null || required[1].isEmpty()) {
        throw bad("\"" + required[0] + "\" is required");
      }
    }
    if (in.headers.isEmpty()) {
      throw bad(
          "\"headers\" is required: the request's headers, including Authorization, Host and X-Amz-Date");
    }
    return in;
  }

  private static String text(JsonParser p, JsonToken t, String name) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw bad("\"" + name + "\" must be a string");
    }
    return p.getText();
  }

  /** {@code {"name": "value" | ["value", ...]}}. */
  private static void stringsByName(
      JsonParser p, JsonToken t, String field, java.util.function.BiConsumer<String, String> out)
      throws IOException {
    if (t != JsonToken.START_OBJECT) {
      throw bad("\"" + field + "\" must be an object of strings or arrays of strings");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_STRING) {
        out.accept(key, p.getText());
      } else if (v == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.VALUE_STRING) {
          out.accept(key, p.getText());
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
          throw bad("\"" + field + "\"." + key + " must hold strings only");
        }
      } else {
        throw bad("\"" + field + "\"." + key + " must be a string or an array of strings");
      }
    }
  }

  private static AwsServiceException bad(String message) {
    return AwsServiceException.validation(message);
  }
}
