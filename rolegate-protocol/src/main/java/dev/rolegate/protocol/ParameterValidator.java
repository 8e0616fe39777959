package dev.rolegate.protocol;

import dev.rolegate.core.AwsServiceException;
import dev.rolegate.protocol.ServiceModel.Member;
import dev.rolegate.protocol.ServiceModel.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a Query request's parameters against its operation's input shape in the service model, as
 * AWS does before an operation runs, and reports every problem at once in AWS's words: {@code 2
 * validation errors detected: Value 'x y' at 'roleName' failed to satisfy constraint: Member must
 * satisfy regular expression pattern: [\w+=,.@-]+; Value '50000' at 'maxSessionDuration' ...}.
 *
 * <p>Members are checked in the input shape's order, depth first; each member reports its first
 * broken constraint (not null, length, pattern, enum, range). Paths are the model's member names in
 * lower camel case, list elements as {@code tags.1.member.key}. A list of strings reports a broken
 * element once, at the list ({@code Member must satisfy constraint: [...]}). Values are shown as
 * AWS shows them: not at all when sensitive, empty or longer than 256 characters, lists of strings
 * as {@code [a, b]}, lists of structures not at all.
 */
public final class ParameterValidator {
  private static final int MAX_SHOWN = 256;

  // Where AWS's recorded answers (pinned by the end-to-end tests) read differently from the model:
  /** members whose value AWS's answers leave out ("Value at 'versionId' ..."). */
  private static final Set<String> VALUE_NOT_SHOWN = Set.of("versionId", "tagKeys");

  /**
   * members whose absence AWS's answers word without "null" ("Value at 'thumbprintList' ... not be
   * null").
   */
  private static final Set<String> NULL_NOT_SHOWN = Set.of("thumbprintList");

  /**
   * lists of strings whose broken elements AWS's answers name one by one ("Value 'abc' at
   * 'thumbprintList.member.1' ...").
   */
  private static final Set<String> ELEMENTS_BY_NAME = Set.of("thumbprintList");

  /**
   * required structures whose absence AWS reports at their inner member (operation + " " + path).
   */
  private static final Map<String, String> MISSING_AT =
      Map.of("AssumeRoot taskPolicyArn", "taskPolicyArn.arn");

  private final ServiceModel model;

  public ParameterValidator(ServiceModel model) {
    this.model = model;
  }

  private static final class Models {
    static final ParameterValidator IAM =
        new ParameterValidator(
            ServiceModel.load("/dev/rolegate/protocol/models/iam-2010-05-08.json.gz"));
    static final ParameterValidator STS =
        new ParameterValidator(
            ServiceModel.load("/dev/rolegate/protocol/models/sts-2011-06-15.json.gz"));
  }

  /**
   * Reads the models on another thread (0.1 to 0.2 s warm on a loaded machine, more on a cold JVM),
   * so a server's start-up does not wait for them; the first request that needs them waits only if
   * they are not read yet.
   */
  public static void preload() {
    var unused =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> of(Service.IAM)); // of() keeps what it read
  }

  /** The validator of one of the services Rolegate speaks; each model is read once per process. */
  public static ParameterValidator of(Service service) {
    return switch (service) {
      case IAM -> Models.IAM;
      case STS -> Models.STS;
    };
  }

  public ServiceModel model() {
    return model;
  }

  /** ValidationError with every problem when the parameters break the operation's input shape. */
  public void check(String operation, Params params) {
    List<String> problems = problems(operation, params.asMap());
    if (!problems.isEmpty()) {
      throw AwsServiceException.validation(message(problems));
    }
  }

  /**
   * AWS's sentence for a list of problems: "1 validation error detected: ..." or "N validation
   * errors detected: a; b".
   */
  public static String message(List<String> problems) {
    return problems.size()
        + (problems.size() == 1 ? " validation error detected: " : " validation errors detected: ")
        + String.join("; ", problems);
  }

  /**
   * The problems, in the input shape's order; empty when the operation is not in the model or takes
   * no input.
   */
  public List<String> problems(String operation, Map<String, String> params) {
    Shape input = model.input(operation);
    List<String> out = new ArrayList<>();
    if (input != null) {
      structure(new Check(operation, params, prefixes(params), out), input, "", "");
    }
    return out;
  }

  private record Check(
      String operation, Map<String, String> params, Set<String> prefixes, List<String> out) {}

  /**
   * Every proper prefix of every parameter name ("Tags", "Tags.member", "Tags.member.1" for
   * "Tags.member.1.Key").
   */
  private static Set<String> prefixes(Map<String, String> params) {
    Set<String> out = new HashSet<>();
    for (String name : params.keySet()) {
      for (int i = name.indexOf('.'); i > 0; i = name.indexOf('.', i + 1)) {
        out.add(name.substring(0, i));
      }
    }
    return out;
  }

  private void structure(Check c, Shape shape, String key, String path) {
    for (Member m : shape.members()) {
      String k = key.isEmpty() ? m.wireName() : key + "." + m.wireName();
      String p =
          path.isEmpty() ? Params.lowerCamel(m.name()) : path + "." + Params.lowerCamel(m.name());
      member(c, model.shape(m.shape()), k, p, shape.required().contains(m.name()));
    }
  }

  private void member(Check c, Shape s, String key, String path, boolean required) {
    switch (s.type()) {
      case STRUCTURE -> {
        if (!c.prefixes().contains(key)) {
          if (required) {
            missing(c, path);
          }
          return;
        }
        structure(c, s, key, path);
      }
      case LIST -> list(c, s, key, path, required);
      case MAP -> map(c, s, key, path, required);
      default -> {
        String raw = c.params().get(key);
        if (raw == null) {
          if (required) {
            missing(c, path);
          }
          return;
        }
        String problem = scalar(s, raw);
        if (problem != null) {
          c.out()
              .add(
                  problem(
                      path,
                      shown(
                          s,
                          path,
                          s.type() == ServiceModel.Type.INTEGER
                                  || s.type() == ServiceModel.Type.LONG
                              ? raw.trim()
                              : raw),
                      problem));
        }
      }
    }
  }

  private void list(Check c, Shape s, String key, String path, boolean required) {
    Shape element = model.shape(s.member().shape());
    boolean scalars =
        element.type() != ServiceModel.Type.STRUCTURE
            && element.type() != ServiceModel.Type.LIST
            && element.type() != ServiceModel.Type.MAP;
    String elementPrefix =
        s.flattened()
            ? key + "."
            : key
                + "."
                + (s.member().locationName() != null ? s.member().locationName() : "member")
                + ".";
    List<String> values = new ArrayList<>();
    int count = 0;
    for (int i = 1; ; i++) {
      String k = elementPrefix + i;
      if (scalars ? !c.params().containsKey(k) : !c.prefixes().contains(k)) {
        break;
      }
      count = i;
      if (scalars) {
        values.add(c.params().get(k));
      }
    }
    if (count == 0 && !c.params().containsKey(key)) {
      if (required) {
        missing(c, path);
      }
      return;
    }
    String shown = scalars ? shown(null, path, "[" + String.join(", ", values) + "]") : null;
    String size = size(s, count);
    if (size != null) {
      c.out().add(problem(path, shown, size));
      return;
    }
    if (scalars && ELEMENTS_BY_NAME.contains(path)) {
      for (int i = 0; i < values.size(); i++) {
        String problem = scalar(element, values.get(i));
        if (problem != null) {
          c.out()
              .add(
                  problem(
                      path + ".member." + (i + 1), shown(element, path, values.get(i)), problem));
        }
      }
      return;
    }
    if (scalars) {
      for (String v : values) {
        if (scalar(element, v) != null) {
          c.out()
              .add(
                  problem(
                      path,
                      shown,
                      "satisfy constraint: [" + String.join(", ", constraints(element)) + "]"));
          return;
        }
      }
      return;
    }
    for (int i = 1; i <= count; i++) {
      String k = elementPrefix + i;
      String p = path + "." + i + ".member";
      if (element.type() == ServiceModel.Type.STRUCTURE) {
        structure(c, element, k, p);
      } else {
        member(c, element, k, p, true);
      }
    }
  }

  private void map(Check c, Shape s, String key, String path, boolean required) {
    int count = 0;
    while (c.prefixes().contains(key + ".entry." + (count + 1))) {
      count++;
    }
    if (count == 0 && !c.params().containsKey(key)) {
      if (required) {
        missing(c, path);
      }
      return;
    }
    String size = size(s, count);
    if (size != null) {
      c.out().add(problem(path, null, size));
    }
  }

  private void missing(Check c, String path) {
    String at = MISSING_AT.getOrDefault(c.operation() + " " + path, path);
    c.out()
        .add(
            "Value "
                + (NULL_NOT_SHOWN.contains(at) ? "" : "null ")
                + "at '"
                + at
                + "' failed to satisfy constraint: Member must not be null");
  }

  private static String size(Shape s, int count) {
    if (s.min() != null && count < s.min()) {
      return "have length greater than or equal to " + s.min();
    }
    if (s.max() != null && count > s.max()) {
      return "have length less than or equal to " + s.max();
    }
    return null;
  }

  /** The first constraint a scalar value breaks ("have length ...", "be a number"), or null. */
  static String scalar(Shape s, String v) {
    switch (s.type()) {
      case STRING -> {
        if (s.min() != null && v.length() < s.min()) {
          return "have length greater than or equal to " + s.min();
        }
        if (s.max() != null && v.length() > s.max()) {
          return "have length less than or equal to " + s.max();
        }
        if (s.regex() != null && !s.regex().matcher(v).matches()) {
          return "satisfy regular expression pattern: " + shownPattern(s.pattern());
        }
        if (!s.enumValues().isEmpty() && !s.enumValues().contains(v)) {
          return "satisfy enum value set: [" + String.join(", ", s.enumValues()) + "]";
        }
        return null;
      }
      case INTEGER, LONG -> {
        long n;
        try {
          n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
          return "be a number";
        }
        if (s.type() == ServiceModel.Type.INTEGER
            && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
          return "be a number";
        }
        if (s.min() != null && n < s.min()) {
          return "have value greater than or equal to " + s.min();
        }
        if (s.max() != null && n > s.max()) {
          return "have value less than or equal to " + s.max();
        }
        return null;
      }
      case BOOLEAN -> {
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")
            ? null
            : "be true or false";
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * What an element of a list must satisfy, in AWS's order, for "Member must satisfy constraint:
   * [...]".
   */
  private static List<String> constraints(Shape s) {
    List<String> out = new ArrayList<>();
    boolean range = s.type() == ServiceModel.Type.INTEGER || s.type() == ServiceModel.Type.LONG;
    if (s.max() != null) {
      out.add(
          "Member must have " + (range ? "value" : "length") + " less than or equal to " + s.max());
    }
    if (s.min() != null) {
      out.add(
          "Member must have "
              + (range ? "value" : "length")
              + " greater than or equal to "
              + s.min());
    }
    if (s.pattern() != null) {
      out.add("Member must satisfy regular expression pattern: " + shownPattern(s.pattern()));
    }
    if (!s.enumValues().isEmpty()) {
      out.add("Member must satisfy enum value set: [" + String.join(", ", s.enumValues()) + "]");
    }
    if (s.min() != null || s.max() != null || s.pattern() != null) {
      out.add("Member must not be null");
    }
    return out;
  }

  /** AWS's answers write the model's escaped slash (backslash, u002F) as {@code /}. */
  private static String shownPattern(String pattern) {
    return pattern.replace("\\u002F", "/");
  }

  /** The value as the message shows it, or null when AWS leaves it out. */
  private static String shown(Shape s, String path, String value) {
    if ((s != null && s.sensitive())
        || value.isEmpty()
        || value.length() > MAX_SHOWN
        || VALUE_NOT_SHOWN.contains(path)) {
      return null;
    }
    return value;
  }

  private static String problem(String path, String shown, String constraint) {
    return "Value "
        + (shown == null ? "" : "'" + shown + "' ")
        + "at '"
        + path
        + "' failed to satisfy constraint: Member must "
        + constraint;
  }
}
