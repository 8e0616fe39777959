package dev.rolegate.policy;

import dev.rolegate.policy.json.JsonTreeReader;
import dev.rolegate.policy.json.JsonValue;
import dev.rolegate.policy.json.JsonValue.JArray;
import dev.rolegate.policy.json.JsonValue.JBool;
import dev.rolegate.policy.json.JsonValue.JNumber;
import dev.rolegate.policy.json.JsonValue.JObject;
import dev.rolegate.policy.json.JsonValue.JString;
import dev.rolegate.policy.json.JsonValue.Member;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Policy text to {@link PolicyDocument}: checks the grammar of the IAM policy language and reports
 * every problem it finds with its position, never throwing for bad input. Kind-specific rules
 * (principal required or forbidden, trust-policy actions, ARN formats) are {@link
 * PolicyValidator}'s.
 */
public final class PolicyParser {

  /**
   * A parsed document (null when the text is not a JSON object) and every finding; {@code
   * invalidJson} when the text is not JSON at all.
   */
  public record Result(PolicyDocument document, List<Finding> findings, boolean invalidJson) {
    public Result {
      findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
      return findings.stream().anyMatch(Finding::isError);
    }
  }

  private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT_KEYS =
      Set.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");
  private static final Set<String> PRINCIPAL_TYPES =
      Set.of("AWS", "Service", "Federated", "CanonicalUser");

  private final List<Finding> findings = new ArrayList<>();
  private boolean invalidJson;

  private PolicyParser() {}

  public static Result parse(String text) {
    PolicyParser parser = new PolicyParser();
    PolicyDocument document = parser.document(text);
    return new Result(document, parser.findings, parser.invalidJson);
  }

  private void syntax(SourcePosition at, String message) {
    findings.add(Finding.error(at, message, AwsMessages.SYNTAX));
  }

  private PolicyDocument document(String text) {
    if (text == null) {
      syntax(new SourcePosition(1, 1), "the policy document is missing");
      return null;
    }
    JsonTreeReader.Result read = JsonTreeReader.read(text);
    if (read instanceof JsonTreeReader.SyntaxError error) {
      syntax(error.position(), error.message());
      invalidJson = true;
      return null;
    }
    JsonValue root = ((JsonTreeReader.Parsed) read).value();
    if (!(root instanceof JObject object)) {
      syntax(root.position(), "the policy document must be a JSON object, not " + root.typeName());
      return null;
    }
    checkKeys(object, TOP_LEVEL, "the policy document");
    Text version = null;
    Text id = null;
    List<Statement> statements = new ArrayList<>();
    boolean sawStatement = false;
    for (Member m : object.members()) {
      switch (m.key()) {
        case "Version":
          version = string(m, "Version");
          if (version != null
              && !PolicyDocument.VERSION_2012.equals(version.value())
              && !PolicyDocument.VERSION_2008.equals(version.value())) {
            syntax(
                version.position(),
                "Version \""
                    + version.value()
                    + "\" is not valid: use \"2012-10-17\" (or the legacy \"2008-10-17\")");
            version = null;
          }
          break;
        case "Id":
          id = string(m, "Id");
          break;
        case "Statement":
          sawStatement = true;
          statements(m.value(), statements);
          break;
        default:
          break; // reported by checkKeys
      }
    }
    if (!sawStatement) {
      syntax(object.position(), "the policy document has no Statement");
    }
    return new PolicyDocument(version, id, statements, object.position());
  }

  private void statements(JsonValue value, List<Statement> out) {
    if (value instanceof JObject single) {
      Statement s = statement(single, 0);
      out.add(s);
    } else if (value instanceof JArray array) {
      if (array.elements().isEmpty()) {
        syntax(
            array.position(), "Statement is an empty list: a policy needs at least one statement");
      }
      int index = 0;
      for (JsonValue element : array.elements()) {
        if (element instanceof JObject statement) {
          out.add(statement(statement, index));
        } else {
          syntax(
              element.position(),
              "Statement[" + index + "] must be an object, not " + element.typeName());
        }
        index++;
      }
    } else {
      syntax(
          value.position(),
          "Statement must be an object or a list of objects, not " + value.typeName());
    }
  }

  private Statement statement(JObject object, int index) {
    String where = "Statement[" + index + "]";
    checkKeys(object, STATEMENT_KEYS, where);
    Text sid = null;
    Effect effect = null;
    boolean sawEffect = false;
    PrincipalBlock principal = null;
    boolean notPrincipal = false;
    List<Text> actions = null;
    boolean notAction = false;
    List<Text> resources = null;
    boolean notResource = false;
    List<ConditionClause> conditions = new ArrayList<>();
    for (Member m : object.members()) {
      switch (m.key()) {
        case "Sid":
          sid = string(m, where + ".Sid");
          break;
        case "Effect":
          sawEffect = true;
          effect = effect(m, where);
          break;
        case "Principal":
        case "NotPrincipal":
          if (principal != null && notPrincipal != m.key().equals("NotPrincipal")) {
            syntax(m.keyPosition(), where + " has both Principal and NotPrincipal");
          }
          principal = principal(m.value(), where + "." + m.key());
          notPrincipal = m.key().equals("NotPrincipal");
          break;
        case "Action":
        case "NotAction":
          if (actions != null && notAction != m.key().equals("NotAction")) {
            syntax(m.keyPosition(), where + " has both Action and NotAction");
          }
          actions = stringList(m.value(), where + "." + m.key());
          notAction = m.key().equals("NotAction");
          break;
        case "Resource":
        case "NotResource":
          if (resources != null && notResource != m.key().equals("NotResource")) {
            syntax(m.keyPosition(), where + " has both Resource and NotResource");
          }
          resources = stringList(m.value(), where + "." + m.key());
          notResource = m.key().equals("NotResource");
          break;
        case "Condition":
          conditions(m.value(), where + ".Condition", conditions);
          break;
        default:
          break; // reported by checkKeys
      }
    }
    if (!sawEffect) {
      syntax(object.position(), where + " has no Effect");
    }
    return new Statement(
        index,
        sid,
        effect,
        principal,
        notPrincipal,
        actions,
        notAction,
        resources,
        notResource,
        conditions,
        object.position(),
        object.endPosition());
  }

  private Effect effect(Member m, String where) {
    Text text = string(m, where + ".Effect");
    if (text == null) {
      return null;
    }
    String v = text.value();
    if (v.equals("Allow")) {
      return Effect.ALLOW;
    }
    if (v.equals("Deny")) {
      return Effect.DENY;
    }
    if (v.equalsIgnoreCase("Allow") || v.equalsIgnoreCase("Deny")) {
      findings.add(
          Finding.error(
              text.position(),
              where
                  + ".Effect \""
                  + v
                  + "\" must be written \"Allow\" or \"Deny\" (case-sensitive)",
              AwsMessages.LEGACY_PARSING));
    } else {
      syntax(text.position(), where + ".Effect \"" + v + "\" must be \"Allow\" or \"Deny\"");
    }
    return null;
  }

  private PrincipalBlock principal(JsonValue value, String where) {
    if (value instanceof JString s) {
      if (!s.value().equals("*")) {
        syntax(
            s.position(),
            where
                + " must be \"*\" or an object such as {\"AWS\": \"...\"}, not \""
                + s.value()
                + "\"");
        return null;
      }
      return new PrincipalBlock(true, List.of(), s.position());
    }
    if (!(value instanceof JObject object)) {
      syntax(value.position(), where + " must be \"*\" or an object, not " + value.typeName());
      return null;
    }
    checkDuplicates(object, where);
    if (object.members().isEmpty()) {
      syntax(object.position(), where + " is empty");
    }
    List<PrincipalBlock.Entry> entries = new ArrayList<>();
    for (Member m : object.members()) {
      if (!PRINCIPAL_TYPES.contains(m.key())) {
        syntax(
            m.keyPosition(),
            where
                + " has an unknown principal type \""
                + m.key()
                + "\" (expected AWS, Service, Federated or CanonicalUser)");
        continue;
      }
      List<Text> values = stringList(m.value(), where + "." + m.key());
      if (values != null) {
        for (Text t : values) {
          entries.add(new PrincipalBlock.Entry(m.key(), t));
        }
      }
    }
    return new PrincipalBlock(false, entries, object.position());
  }

  private void conditions(JsonValue value, String where, List<ConditionClause> out) {
    if (!(value instanceof JObject block)) {
      syntax(value.position(), where + " must be an object, not " + value.typeName());
      return;
    }
    checkDuplicates(block, where);
    for (Member op : block.members()) {
      ConditionOperator operator = ConditionOperator.parse(op.key());
      Text operatorText = new Text(op.key(), op.keyPosition());
      if (!(op.value() instanceof JObject keys)) {
        syntax(
            op.value().position(),
            where
                + "."
                + op.key()
                + " must be an object of condition keys, not "
                + op.value().typeName());
        continue;
      }
      if (operator == null) {
        if (!keys.members().isEmpty()) {
          syntax(
              op.keyPosition(), where + " has an unknown condition operator \"" + op.key() + "\"");
        }
        continue;
      }
      Set<String> seenKeys = new HashSet<>();
      for (Member key : keys.members()) {
        if (!seenKeys.add(key.key().toLowerCase(Locale.ROOT))) {
          syntax(
              key.keyPosition(),
              where
                  + "."
                  + op.key()
                  + " names the key \""
                  + key.key()
                  + "\" twice (keys are case-insensitive)");
          continue;
        }
        List<Text> values = conditionValues(key.value(), where + "." + op.key() + "." + key.key());
        if (values != null) {
          out.add(
              new ConditionClause(
                  operator, operatorText, new Text(key.key(), key.keyPosition()), values));
        }
      }
    }
  }

  private List<Text> conditionValues(JsonValue value, String where) {
    if (value instanceof JArray array) {
      if (array.elements().isEmpty()) {
        // AWS accepts it (recorded); the condition then has no value to match
        findings.add(
            Finding.warning(
                array.position(), where + " has an empty list of values: it never matches"));
        return List.of();
      }
      List<Text> out = new ArrayList<>();
      for (JsonValue element : array.elements()) {
        Text t = scalar(element, where);
        if (t == null) {
          return null;
        }
        out.add(t);
      }
      return out;
    }
    Text t = scalar(value, where);
    return t == null ? null : List.of(t);
  }

  private Text scalar(JsonValue value, String where) {
    if (value instanceof JString s) {
      return new Text(s.value(), s.position());
    }
    if (value instanceof JBool b) {
      return new Text(Boolean.toString(b.value()), b.position());
    }
    if (value instanceof JNumber n) {
      return new Text(n.text(), n.position());
    }
    syntax(
        value.position(),
        where + ": a condition value must be a string, number or boolean, not " + value.typeName());
    return null;
  }

  /** A string or a list of strings; null after reporting when it is neither. */
  private List<Text> stringList(JsonValue value, String where) {
    if (value instanceof JString s) {
      return List.of(new Text(s.value(), s.position()));
    }
    if (value instanceof JArray array) {
      List<Text> out = new ArrayList<>();
      for (JsonValue element : array.elements()) {
        if (element instanceof JString s) {
          out.add(new Text(s.value(), s.position()));
        } else {
          syntax(
              element.position(), where + " must contain only strings, not " + element.typeName());
          return null;
        }
      }
      return out; // an empty list is reported by the validator with AWS's wording
    }
    syntax(
        value.position(),
        where + " must be a string or a list of strings, not " + value.typeName());
    return null;
  }

  private Text string(Member m, String where) {
    if (m.value() instanceof JString s) {
      return new Text(s.value(), s.position());
    }
    syntax(m.value().position(), where + " must be a string, not " + m.value().typeName());
    return null;
  }

  private void checkKeys(JObject object, Set<String> allowed, String where) {
    checkDuplicates(object, where);
    for (Member m : object.members()) {
      if (!allowed.contains(m.key())) {
        String hint = "";
        for (String a : allowed) {
          if (a.equalsIgnoreCase(m.key())) {
            hint = " (element names are case-sensitive: did you mean \"" + a + "\"?)";
          }
        }
        syntax(m.keyPosition(), where + " has an unknown element \"" + m.key() + "\"" + hint);
      }
    }
  }

  private void checkDuplicates(JObject object, String where) {
    Set<String> seen = new HashSet<>();
    for (Member m : object.members()) {
      if (!seen.add(m.key())) {
        syntax(m.keyPosition(), where + " has the element \"" + m.key() + "\" more than once");
      }
    }
  }
}
