package dev.rolegate.policy.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.Evaluator;
import dev.rolegate.policy.Explanation;
import dev.rolegate.policy.Finding;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import dev.rolegate.policy.StatementRef;
import dev.rolegate.policy.json.JsonTreeReader;
import dev.rolegate.policy.json.JsonValue;
import dev.rolegate.policy.json.JsonValue.JArray;
import dev.rolegate.policy.json.JsonValue.JBool;
import dev.rolegate.policy.json.JsonValue.JNull;
import dev.rolegate.policy.json.JsonValue.JNumber;
import dev.rolegate.policy.json.JsonValue.JObject;
import dev.rolegate.policy.json.JsonValue.JString;
import dev.rolegate.policy.json.JsonValue.Member;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates cases given as JSON Lines, one case per line:
 *
 * <pre>
 * {"id", "policies": {"identity": [doc...], "resource": doc|null, "permissionsBoundary": doc|null,
 *  "sessionPolicies": [doc...], "scps": [levelDoc...]}, "request": {"principal", "action", "resource",
 *  "resourceAccount", "context": {key: "string" | ["strings"]}}, "expected"?}</pre>
 *
 * A document is a JSON object (or a string holding the policy text). The context is complete: the
 * engine adds no keys. The resource policy is validated as a trust policy when the action is an
 * sts:AssumeRole* action. Compiled policies are cached by text, so thousands of lines sharing
 * policies compile each once. Never throws for bad input: a bad line gets an {@code error}.
 */
public final class BatchEvaluator {
  private static final int CACHE_SIZE = 4096;
  private static final JsonFactory JSON = new JsonFactory();

  /** The result of one line: a decision, or an error saying what is wrong with the case. */
  public record Outcome(
      String id, Decision decision, String expected, EvaluationResult result, String error) {
    public boolean passed() {
      return error == null && expected != null && decision.text().equals(expected);
    }
  }

  private final Map<String, Object> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  private static final class CaseError extends Exception {
    private static final long serialVersionUID = 1L;

    CaseError(String message) {
      super(message, null, false, false);
    }
  }

  public Outcome evaluate(String line, boolean explain) {
    String id = null;
    try {
      JsonTreeReader.Result read = JsonTreeReader.read(line);
      if (read instanceof JsonTreeReader.SyntaxError e) {
        throw new CaseError("line is not JSON: " + e.message() + " at " + e.position());
      }
      JsonValue root = ((JsonTreeReader.Parsed) read).value();
      if (!(root instanceof JObject c)) {
        throw new CaseError("a case must be a JSON object");
      }
      JsonValue idValue = field(c, "id");
      id =
          idValue instanceof JString s ? s.value() : idValue instanceof JNumber n ? n.text() : null;
      JsonValue expectedValue = field(c, "expected");
      String expected = expectedValue instanceof JString s ? s.value() : null;
      if (expected != null
          && !List.of("Allow", "ExplicitDeny", "ImplicitDeny").contains(expected)) {
        throw new CaseError(
            "\"expected\" must be Allow, ExplicitDeny or ImplicitDeny, not \"" + expected + "\"");
      }
      JObject request = object(field(c, "request"), "request", true);
      RequestContext ctx = context(request);
      boolean trust = Evaluator.resourcePolicyIsTrustPolicy(ctx.action());
      JObject policies = object(field(c, "policies"), "policies", false);
      PolicySet set = policySet(line, policies, trust);
      EvaluationResult result = Evaluator.evaluate(set, ctx, explain);
      return new Outcome(id, result.decision(), expected, result, null);
    } catch (CaseError e) {
      return new Outcome(id, null, null, null, e.getMessage());
    }
  }

  private PolicySet policySet(String line, JObject policies, boolean trust) throws CaseError {
    List<CompiledPolicy> identity = new ArrayList<>();
    CompiledPolicy resource = null;
    CompiledPolicy boundary = null;
    List<CompiledPolicy> session = new ArrayList<>();
    List<List<CompiledPolicy>> scps = new ArrayList<>();
    if (policies != null) {
      for (Member m : policies.members()) {
        switch (m.key()) {
          case "identity":
            for (JsonValue v : list(m.value(), "policies.identity")) {
              identity.add(
                  compile(line, v, PolicyKind.IDENTITY, "identity[" + identity.size() + "]"));
            }
            break;
          case "resource":
            if (!(m.value() instanceof JNull)) {
              resource =
                  compile(
                      line,
                      m.value(),
                      trust ? PolicyKind.TRUST : PolicyKind.RESOURCE,
                      trust ? "trust" : "resource");
            }
            break;
          case "permissionsBoundary":
            if (!(m.value() instanceof JNull)) {
              boundary =
                  compile(line, m.value(), PolicyKind.PERMISSIONS_BOUNDARY, "permissionsBoundary");
            }
            break;
          case "sessionPolicies":
            for (JsonValue v : list(m.value(), "policies.sessionPolicies")) {
              session.add(
                  compile(line, v, PolicyKind.SESSION, "sessionPolicies[" + session.size() + "]"));
            }
            break;
          case "scps":
            for (JsonValue v : list(m.value(), "policies.scps")) {
              scps.add(List.of(compile(line, v, PolicyKind.SCP, "scps[" + scps.size() + "]")));
            }
            break;
          default:
            throw new CaseError("policies has an unknown field \"" + m.key() + "\"");
        }
      }
    }
    return new PolicySet(identity, resource, boundary, session, scps);
  }

  private CompiledPolicy compile(String line, JsonValue doc, PolicyKind kind, String name)
      throws CaseError {
    String text;
    if (doc instanceof JObject o) {
      text = line.substring(o.start(), o.end());
    } else if (doc instanceof JString s) {
      text = s.value();
    } else {
      throw new CaseError(name + " must be a policy document (an object), not " + doc.typeName());
    }
    String key = kind + "\u0000" + name + "\u0000" + text;
    Object cached = cache.get(key);
    if (cached == null) {
      Policies.Checked checked = Policies.check(text, kind);
      if (checked.hasErrors()) {
        StringBuilder b = new StringBuilder(name + " is not a valid " + kind.text() + " policy:");
        for (Finding f : checked.errors()) {
          b.append(' ').append(f.format()).append(';');
        }
        cached = b.toString();
      } else {
        cached = checked.compile(name);
      }
      cache.put(key, cached);
    }
    if (cached instanceof String error) {
      throw new CaseError(error);
    }
    return (CompiledPolicy) cached;
  }

  private static RequestContext context(JObject request) throws CaseError {
    RequestContext.Builder b = RequestContext.builder();
    b.principal(string(request, "principal", true));
    b.action(string(request, "action", true));
    b.resource(string(request, "resource", true));
    b.resourceAccount(string(request, "resourceAccount", false));
    JsonValue context = field(request, "context");
    if (context != null && !(context instanceof JNull)) {
      if (!(context instanceof JObject keys)) {
        throw new CaseError("request.context must be an object");
      }
      for (Member m : keys.members()) {
        if (m.value() instanceof JArray array) {
          List<String> values = new ArrayList<>();
          for (JsonValue v : array.elements()) {
            values.add(scalar(v, "request.context." + m.key()));
          }
          b.putMulti(m.key(), values);
        } else {
          b.put(m.key(), scalar(m.value(), "request.context." + m.key()));
        }
      }
    }
    for (Member m : request.members()) {
      if (!List.of("principal", "action", "resource", "resourceAccount", "context")
          .contains(m.key())) {
        throw new CaseError("request has an unknown field \"" + m.key() + "\"");
      }
    }
    return b.build();
  }

  private static String scalar(JsonValue v, String where) throws CaseError {
    if (v instanceof JString s) {
      return s.value();
    }
    if (v instanceof JNumber n) {
      return n.text();
    }
    if (v instanceof JBool bool) {
      return Boolean.toString(bool.value());
    }
    throw new CaseError(where + " must be a string or a list of strings");
  }

  private static JsonValue field(JObject o, String name) {
    for (Member m : o.members()) {
      if (m.key().equals(name)) {
        return m.value();
      }
    }
    return null;
  }

  private static JObject object(JsonValue v, String name, boolean required) throws CaseError {
    if (v == null || v instanceof JNull) {
      if (required) {
        throw new CaseError("the case has no \"" + name + "\"");
      }
      return null;
    }
    if (!(v instanceof JObject o)) {
      throw new CaseError("\"" + name + "\" must be an object");
    }
    return o;
  }

  private static String string(JObject o, String name, boolean required) throws CaseError {
    JsonValue v = field(o, name);
    if (v == null || v instanceof JNull) {
      if (required) {
        throw new CaseError("request has no \"" + name + "\"");
      }
      return null;
    }
    if (!(v instanceof JString s)) {
      throw new CaseError("request." + name + " must be a string");
    }
    return s.value();
  }

  private static List<JsonValue> list(JsonValue v, String where) throws CaseError {
    if (v instanceof JNull) {
      return List.of();
    }
    if (!(v instanceof JArray a)) {
      throw new CaseError(where + " must be a list of policy documents");
    }
    return a.elements();
  }

  /**
   * One output line: {@code {"id", "decision"}} (+ {@code explanation}), or {@code {"id",
   * "error"}}.
   */
  public static String toJson(Outcome o, boolean explain) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", o.id());
      if (o.error() != null) {
        g.writeStringField("error", o.error());
      } else {
        g.writeStringField("decision", o.decision().text());
        if (explain) {
          writeExplanation(g, o.result());
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeExplanation(JsonGenerator g, EvaluationResult r) throws IOException {
    g.writeObjectFieldStart("explanation");
    if (r.reason() != null) {
      g.writeStringField("reason", r.reason().phrase());
    }
    g.writeArrayFieldStart("deciding");
    for (StatementRef s : r.deciding()) {
      g.writeString(s.label());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("statements");
    for (Explanation.StatementTrace t : r.explanation().statements()) {
      g.writeStartObject();
      g.writeStringField("policy", t.statement().policy());
      g.writeStringField("type", t.statement().type().phrase());
      g.writeNumberField("index", t.statement().index());
      if (t.statement().sid() != null) {
        g.writeStringField("sid", t.statement().sid());
      }
      g.writeStringField("at", t.statement().position().toString());
      g.writeStringField("effect", t.effect() == null ? null : t.effect().text());
      g.writeBooleanField("applies", t.applies());
      g.writeBooleanField("actionMatched", t.actionMatched());
      g.writeBooleanField("resourceMatched", t.resourceMatched());
      if (t.principalMatched() != null) {
        g.writeBooleanField("principalMatched", t.principalMatched());
      }
      g.writeArrayFieldStart("conditions");
      for (Explanation.ConditionTrace c : t.conditions()) {
        g.writeStartObject();
        g.writeStringField("operator", c.operator());
        g.writeStringField("key", c.key());
        if (c.requestValues() == null) {
          g.writeNullField("requestValues");
        } else {
          g.writeArrayFieldStart("requestValues");
          for (String v : c.requestValues()) {
            g.writeString(v);
          }
          g.writeEndArray();
        }
        g.writeArrayFieldStart("policyValues");
        for (String v : c.policyValues()) {
          g.writeString(v);
        }
        g.writeEndArray();
        g.writeBooleanField("result", c.result());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
