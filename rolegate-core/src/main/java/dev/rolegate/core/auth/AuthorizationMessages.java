package dev.rolegate.core.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.policy.ContextValue;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.RequestContext;
import dev.rolegate.policy.StatementRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Encoded authorization messages: the details of a denial (principal, action, resource, the
 * deciding statements, the request's condition keys) in the JSON shape
 * sts:DecodeAuthorizationMessage returns, deflated and sealed with AES-256-GCM under the master key
 * (so only Rolegate, on any node sharing that key, can read them), then base64url-encoded. At most
 * 10,240 characters, the limit of DecodeAuthorizationMessage's EncodedMessage; the condition keys
 * are left out when the message would not fit. A message carries when it was issued and decodes for
 * {@link #LIFETIME} (AWS's messages expire too, after a time it does not document).
 */
public final class AuthorizationMessages {
  public static final int MAX_LENGTH = 10_240;

  /** How long a message decodes: Rolegate's choice. */
  public static final java.time.Duration LIFETIME = java.time.Duration.ofHours(12);

  private static final byte[] PURPOSE =
      "rolegate:authorization-message:v2".getBytes(StandardCharsets.UTF_8);
  private static final JsonFactory JSON = new JsonFactory();

  private final SecretBox box;
  private final java.time.Clock clock;

  public AuthorizationMessages(SecretBox box, java.time.Clock clock) {
    this.box = box;
    this.clock = clock;
  }

  public String encode(Caller caller, EvaluationResult result, RequestContext ctx) {
    String encoded = seal(decoded(caller, result, ctx, true));
    return encoded.length() <= MAX_LENGTH ? encoded : seal(decoded(caller, result, ctx, false));
  }

  /** The decoded JSON; InvalidAuthorizationMessageException for anything Rolegate did not seal. */
  public String decode(String encoded) {
    byte[] sealed;
    try {
      sealed = Base64.getUrlDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    byte[] opened = box.open(sealed, PURPOSE);
    if (opened == null || opened.length < Long.BYTES) {
      throw invalid();
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(opened);
    java.time.Instant issued = java.time.Instant.ofEpochSecond(b.getLong());
    if (clock.instant().isAfter(issued.plus(LIFETIME))) {
      throw new AwsServiceException(
          AwsErrorCode.INVALID_AUTHORIZATION_MESSAGE,
          "The encoded authorization message has expired: it was issued at "
              + issued
              + " and decodes for "
              + LIFETIME.toHours()
              + " hours.");
    }
    byte[] deflated = java.util.Arrays.copyOfRange(opened, Long.BYTES, opened.length);
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(deflated);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw invalid();
        }
        out.write(buf, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (DataFormatException e) {
      throw invalid();
    } finally {
      inflater.end();
    }
  }

  private static AwsServiceException invalid() {
    return new AwsServiceException(
        AwsErrorCode.INVALID_AUTHORIZATION_MESSAGE,
        "The encoded authorization message is invalid: it was not issued by this Rolegate (or was changed, for instance by a line break).");
  }

  private String seal(String json) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      deflater.setInput(json.getBytes(StandardCharsets.UTF_8));
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(
          java.nio.ByteBuffer.allocate(Long.BYTES)
              .putLong(clock.instant().getEpochSecond())
              .array());
      byte[] buf = new byte[4096];
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(box.seal(out.toByteArray(), PURPOSE));
    } finally {
      deflater.end();
    }
  }

  /** AWS's shape: allowed, explicitDeny, matchedStatements, failures, context. */
  static String decoded(
      Caller caller, EvaluationResult result, RequestContext ctx, boolean withConditions) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeBooleanField("allowed", result.decision() == Decision.ALLOW);
      g.writeBooleanField("explicitDeny", result.decision() == Decision.EXPLICIT_DENY);
      g.writeObjectFieldStart("matchedStatements");
      g.writeArrayFieldStart("items");
      for (StatementRef ref : result.deciding()) {
        g.writeStartObject();
        g.writeStringField("statementId", ref.sid() != null ? ref.sid() : "");
        g.writeStringField(
            "effect", result.decision() == Decision.EXPLICIT_DENY ? "DENY" : "ALLOW");
        g.writeStringField("policy", ref.policy());
        g.writeStringField("policyType", ref.type().phrase());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("failures");
      g.writeArrayFieldStart("items");
      if (result.explanation() != null) {
        for (String failed : DecisionRecorder.failedConditions(result)) {
          g.writeStartObject();
          g.writeStringField("value", failed);
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("context");
      g.writeObjectFieldStart("principal");
      g.writeStringField("id", caller.userId());
      if (caller.kind() == Caller.Kind.USER) {
        g.writeStringField("name", caller.name());
      }
      g.writeStringField("arn", caller.arn());
      g.writeEndObject();
      g.writeStringField("action", ctx.action());
      g.writeStringField("resource", ctx.resource());
      g.writeObjectFieldStart("conditions");
      g.writeArrayFieldStart("items");
      if (withConditions) {
        for (Map.Entry<String, ContextValue> e : new TreeMap<>(ctx.values()).entrySet()) {
          g.writeStartObject();
          g.writeStringField("key", e.getKey());
          g.writeObjectFieldStart("values");
          g.writeArrayFieldStart("items");
          for (String v : e.getValue().values()) {
            g.writeStartObject();
            g.writeStringField("value", v);
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
