package dev.rolegate.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rolegate.core.AccountService;
import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.model.Account;
import dev.rolegate.protocol.QueryHandler;
import dev.rolegate.sigv4.SignableRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The admin API under {@code /_rolegate/}: accounts (create, list, their IAM quotas: GET/PUT {@code
 * /_rolegate/accounts/{id}/quotas}) and the test-mode reset. Every call is SigV4-signed by the
 * default account's root user (e.g. {@code curl --aws-sigv4 "aws:amz:us-east-1:iam" --user
 * KEY:SECRET}).
 */
final class AdminApi {
  private static final JsonFactory JSON = new JsonFactory();
  private static final java.util.regex.Pattern QUOTAS =
      java.util.regex.Pattern.compile("/_rolegate/accounts/([^/]+)/quotas");

  record Answer(int status, String json) {}

  private final Rolegate rolegate;
  private final DecisionApi decisions;

  AdminApi(Rolegate rolegate) {
    this.rolegate = rolegate;
    this.decisions = new DecisionApi(rolegate);
  }

  Answer handle(QueryHandler.Request request) {
    String path = request.rawPath();
    if (path.equals("/_rolegate/authorize") && request.method().equals("POST")) {
      return decisions.handle(request); // authenticated by the service token, not by the root key
    }
    try {
      String denied = authenticate(request);
      if (denied != null) {
        return error(AwsErrorCode.ACCESS_DENIED, denied);
      }
      if (path.equals("/_rolegate/accounts") && request.method().equals("GET")) {
        return new Answer(200, accounts());
      }
      if (path.equals("/_rolegate/accounts") && request.method().equals("POST")) {
        AccountService.CreatedAccount created =
            rolegate.accounts().create(accountIdOf(request.body()));
        return new Answer(
            201,
            json(
                g -> {
                  g.writeStartObject();
                  g.writeStringField("accountId", created.accountId());
                  g.writeStringField("accessKeyId", created.accessKeyId());
                  g.writeStringField("secretAccessKey", created.secretAccessKey());
                  g.writeEndObject();
                }));
      }
      java.util.regex.Matcher quotas = QUOTAS.matcher(path);
      if (quotas.matches() && (request.method().equals("GET") || request.method().equals("PUT"))) {
        String account = quotas.group(1);
        java.util.Map<String, Integer> values =
            request.method().equals("GET")
                ? rolegate.accounts().quotas(account)
                : rolegate.accounts().setQuotas(account, quotaSettings(request.body()));
        return new Answer(
            200,
            json(
                g -> {
                  g.writeStartObject();
                  g.writeStringField("accountId", account);
                  g.writeObjectFieldStart("quotas");
                  for (java.util.Map.Entry<String, Integer> e : values.entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                  }
                  g.writeEndObject();
                  g.writeEndObject();
                }));
      }
      if (path.equals("/_rolegate/reset") && request.method().equals("POST")) {
        if (!rolegate.config().resetAllowed()) {
          return error(
              AwsErrorCode.ACCESS_DENIED,
              "The reset endpoint is available only with --dev or --test-mode.");
        }
        rolegate.reset();
        return new Answer(200, "{\"reset\":true}");
      }
      if (path.equals("/_rolegate/clock")) {
        if (!(rolegate.clock() instanceof AdjustableClock clock)) {
          return error(
              AwsErrorCode.ACCESS_DENIED,
              "The clock endpoint is available only with --dev or --test-mode.");
        }
        if (request.method().equals("POST")) {
          clockChange(clock, request.body());
        }
        return new Answer(
            200,
            "{\"now\":\""
                + java.time.format.DateTimeFormatter.ISO_INSTANT.format(clock.instant())
                + "\"}");
      }
      if (path.equals("/_rolegate/revoke-sessions") && request.method().equals("POST")) {
        String[] target = revokeTarget(request.body());
        Instant cutoff = rolegate.revokeSessions(target[0], target[1]);
        return new Answer(
            200, "{\"roleName\":\"" + target[1] + "\",\"revokedBefore\":\"" + cutoff + "\"}");
      }
      if (path.equals("/_rolegate/decisions") && request.method().equals("GET")) {
        return new Answer(200, decisions(request.rawQuery()));
      }
      if (path.equals("/_rolegate/session-keys/rotate") && request.method().equals("POST")) {
        int id = rolegate.rotateSessionKey();
        return new Answer(200, "{\"currentKeyId\":" + id + "}");
      }
      return error(AwsErrorCode.NOT_FOUND, "No admin endpoint " + request.method() + " " + path);
    } catch (AwsServiceException e) {
      return error(e.code(), e.getMessage());
    }
  }

  /** Null when the request is signed by the default account's root user, else why not. */
  private String authenticate(QueryHandler.Request request) {
    SignableRequest signable =
        new SignableRequest(
            request.method(),
            request.rawPath(),
            request.rawQuery(),
            request.headers(),
            request.body());
    Caller c;
    try {
      c =
          rolegate
              .authenticator()
              .authenticate(
                  signable,
                  rolegate.clock().instant(),
                  QueryHandler.SIGV4_OPTIONS,
                  null,
                  "Sign admin requests with the default account's root key (SigV4).")
              .caller();
    } catch (AwsServiceException e) {
      return e.getMessage();
    }
    if (c.kind() != Caller.Kind.ROOT || !c.accountId().equals(rolegate.config().accountId())) {
      return "Only the root user of the default account "
          + rolegate.config().accountId()
          + " may use the admin API.";
    }
    return null;
  }

  /**
   * {@code ?principal=ARN&action=iam:GetRole&limit=N} (each optional; limit 1-1000, default 100).
   */
  private String decisions(String rawQuery) {
    String principal = null;
    String action = null;
    int limit = 100;
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name =
            java.net.URLDecoder.decode(
                eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0
                ? ""
                : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        switch (name) {
          case "principal" -> principal = value.isEmpty() ? null : value;
          case "action" -> action = value.isEmpty() ? null : value;
          case "limit" -> {
            try {
              limit = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              limit = -1;
            }
            if (limit < 1 || limit > 1000) {
              throw AwsServiceException.validation(
                  "limit must be an integer from 1 to 1000, not \"" + value + "\"");
            }
          }
          default ->
              throw AwsServiceException.validation(
                  "Unknown parameter \"" + name + "\": use principal, action and limit");
        }
      }
    }
    java.util.List<dev.rolegate.core.auth.DecisionLog.Entry> entries =
        rolegate.decisions().recent(principal, action, limit);
    return json(
        g -> {
          g.writeStartObject();
          g.writeStringField("enforcement", rolegate.config().enforcement().label());
          g.writeArrayFieldStart("decisions");
          for (dev.rolegate.core.auth.DecisionLog.Entry e : entries) {
            g.writeStartObject();
            g.writeStringField("time", e.time().toString());
            g.writeStringField("principal", e.principal());
            g.writeStringField("action", e.action());
            g.writeStringField("resource", e.resource());
            g.writeStringField("decision", e.decision());
            g.writeStringField("outcome", e.outcome());
            if (!e.reason().isEmpty()) {
              g.writeStringField("reason", e.reason());
            }
            g.writeArrayFieldStart("decidingStatements");
            for (String d : e.deciding()) {
              g.writeString(d);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("failedConditions");
            for (String f : e.failedConditions()) {
              g.writeString(f);
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private String accounts() {
    return json(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("accounts");
          for (Account a : rolegate.accounts().list()) {
            g.writeStartObject();
            g.writeStringField("accountId", a.id());
            g.writeStringField("createDate", a.createDate().toString());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** {@code {"advanceSeconds": 3600}} or {@code {"now": "2030-01-01T00:00:00Z"}}. */
  private static void clockChange(AdjustableClock clock, byte[] body) {
    try (JsonParser p =
        JSON.createParser(
            body == null || body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw AwsServiceException.invalidInput(
            "The body must be {\"advanceSeconds\": N} or {\"now\": \"ISO-8601 time\"}");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("advanceSeconds") && t == JsonToken.VALUE_NUMBER_INT) {
          clock.advance(java.time.Duration.ofSeconds(p.getLongValue()));
        } else if (name.equals("now") && t == JsonToken.VALUE_STRING) {
          try {
            clock.set(Instant.parse(p.getText()));
          } catch (java.time.format.DateTimeParseException e) {
            throw AwsServiceException.invalidInput(
                "\"now\" is not an ISO-8601 instant: " + p.getText());
          }
        } else {
          throw AwsServiceException.invalidInput(
              "Unknown or invalid field \"" + name + "\": use advanceSeconds or now");
        }
      }
    } catch (IOException e) {
      throw AwsServiceException.invalidInput("The body is not JSON");
    }
  }

  /**
   * {@code {"roleName": "...", "accountId": "..."}} (the account defaults to the default account).
   */
  private String[] revokeTarget(byte[] body) {
    String account = rolegate.config().accountId();
    String role = null;
    try (JsonParser p = JSON.createParser(body == null ? new byte[0] : body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw AwsServiceException.invalidInput(
            "The body must be {\"roleName\": \"...\", \"accountId\": \"...\"}");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "roleName" -> role = p.getText();
          case "accountId" -> account = p.getText();
          default ->
              throw AwsServiceException.invalidInput(
                  "Unknown field \"" + name + "\": use roleName and accountId");
        }
      }
    } catch (IOException e) {
      throw AwsServiceException.invalidInput("The body is not JSON");
    }
    if (role == null) {
      throw AwsServiceException.invalidInput("roleName is required");
    }
    return new String[] {account, role};
  }

  /**
   * {@code {"RolesPerAccount": 2000, "PolicySize": "default"}}: quota names to whole numbers or
   * "default".
   */
  private static java.util.Map<String, String> quotaSettings(byte[] body) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    String shape =
        "The body must be a JSON object of quota names to whole numbers or \"default\", such as {\"RolesPerAccount\": 2000}";
    try (JsonParser p = JSON.createParser(body == null ? new byte[0] : body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw AwsServiceException.invalidInput(shape);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_STRING) {
          throw AwsServiceException.invalidInput(
              "Quota " + name + " must be a whole number or \"default\": " + p.getText());
        }
        out.put(name, p.getText());
      }
    } catch (IOException e) {
      throw AwsServiceException.invalidInput("The body is not JSON");
    }
    if (out.isEmpty()) {
      throw AwsServiceException.invalidInput(shape);
    }
    return out;
  }

  private static String accountIdOf(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw AwsServiceException.invalidInput(
            "The body must be a JSON object such as {\"accountId\": \"111122223333\"}");
      }
      String id = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("accountId") && t == JsonToken.VALUE_STRING) {
          id = p.getText();
        } else {
          throw AwsServiceException.invalidInput(
              "Unknown or invalid field \"" + name + "\": only {\"accountId\": \"12 digits\"}");
        }
      }
      return id;
    } catch (IOException e) {
      throw AwsServiceException.invalidInput(
          "The body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  static String json(Writer w) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      w.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * An error answer of the admin, decision and issuer endpoints: its code and status from the one
   * registry.
   */
  static Answer error(AwsErrorCode code, String message) {
    return new Answer(
        code.httpStatus(),
        json(
            g -> {
              g.writeStartObject();
              g.writeStringField("error", code.code());
              g.writeStringField("message", message);
              g.writeEndObject();
            }));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
