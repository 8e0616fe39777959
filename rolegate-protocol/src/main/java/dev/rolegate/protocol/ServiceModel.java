package dev.rolegate.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * One AWS service model (the SDKs' {@code service-2.json}, as botocore ships it): each operation's
 * input shape and every shape's constraints (required members, min/max, pattern, enum, sensitive).
 * Generic over the service: IAM and STS today, EC2's model reads the same way. Read once with
 * jackson-core's streaming parser; documentation is skipped.
 */
public final class ServiceModel {
  /**
   * The shape types of the model; {@code OTHER} for any the validator does not check (document,
   * union).
   */
  public enum Type {
    STRUCTURE,
    LIST,
    MAP,
    STRING,
    INTEGER,
    LONG,
    BOOLEAN,
    TIMESTAMP,
    BLOB,
    FLOAT,
    DOUBLE,
    OTHER
  }

  /**
   * A member of a structure, list or map: its name in the model, its shape and its wire names
   * ({@code locationName}, and {@code queryName} which only the ec2 protocol reads).
   */
  public record Member(String name, String shape, String locationName, String queryName) {
    /**
     * The name on the wire in the query protocol: {@code locationName} when the model gives one.
     */
    public String wireName() {
      return locationName != null ? locationName : name;
    }

    /**
     * The name on the wire in the ec2 protocol: {@code queryName}, else the capitalised {@code
     * locationName}, else the member name.
     */
    public String ec2Name() {
      if (queryName != null) {
        return queryName;
      }
      if (locationName != null && !locationName.isEmpty()) {
        return Character.toUpperCase(locationName.charAt(0)) + locationName.substring(1);
      }
      return name;
    }
  }

  /**
   * A shape with the constraints the Query API checks; {@code min}/{@code max} are lengths for
   * strings, lists and maps and values for numbers.
   */
  public record Shape(
      String name,
      Type type,
      Long min,
      Long max,
      String pattern,
      Pattern regex,
      List<String> enumValues,
      boolean sensitive,
      List<Member> members,
      Set<String> required,
      Member member,
      boolean flattened,
      Member key,
      Member value) {}

  private final String service;
  private final String apiVersion;
  private final String protocol;
  private final Map<String, String> inputs;
  private final Map<String, Shape> shapes;

  private ServiceModel(
      String service,
      String apiVersion,
      String protocol,
      Map<String, String> inputs,
      Map<String, Shape> shapes) {
    this.service = service;
    this.apiVersion = apiVersion;
    this.protocol = protocol;
    this.inputs = inputs;
    this.shapes = shapes;
  }

  /** Reads a model from the class path ({@code .gz} is unpacked). */
  public static ServiceModel load(String resource) {
    try (InputStream raw = ServiceModel.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException("no service model at " + resource);
      }
      return read(resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a model from a stream (service-2.json). */
  @SuppressWarnings("unchecked")
  public static ServiceModel read(InputStream in) throws IOException {
    Map<String, Object> root;
    try (JsonParser p = new JsonFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a service model is a JSON object");
      }
      root = (Map<String, Object>) value(p);
    }
    Map<String, Object> metadata = map(root.get("metadata"));
    Map<String, String> inputs = new LinkedHashMap<>();
    map(root.get("operations"))
        .forEach(
            (name, op) -> {
              Map<String, Object> input = map(map(op).get("input"));
              if (input.get("shape") instanceof String s) {
                inputs.put(name, s);
              }
            });
    Map<String, Shape> shapes = new LinkedHashMap<>();
    map(root.get("shapes")).forEach((name, s) -> shapes.put(name, shape(name, map(s))));
    return new ServiceModel(
        (String) metadata.getOrDefault("endpointPrefix", ""),
        (String) metadata.getOrDefault("apiVersion", ""),
        (String) metadata.getOrDefault("protocol", ""),
        Collections.unmodifiableMap(inputs),
        Collections.unmodifiableMap(shapes));
  }

  public String service() {
    return service;
  }

  public String apiVersion() {
    return apiVersion;
  }

  /** The model's {@code metadata.protocol}: "query" for IAM and STS, "ec2" for EC2. */
  public String protocol() {
    return protocol;
  }

  /**
   * The input shape of an operation, or null when the model has no such operation or it takes no
   * input.
   */
  public Shape input(String operation) {
    String name = inputs.get(operation);
    return name == null ? null : shapes.get(name);
  }

  public Set<String> operations() {
    return inputs.keySet();
  }

  public Shape shape(String name) {
    Shape s = shapes.get(name);
    if (s == null) {
      throw new IllegalStateException("the " + service + " model has no shape " + name);
    }
    return s;
  }

  private static Shape shape(String name, Map<String, Object> s) {
    Type type =
        switch (String.valueOf(s.get("type"))) {
          case "structure" -> Type.STRUCTURE;
          case "list" -> Type.LIST;
          case "map" -> Type.MAP;
          case "string" -> Type.STRING;
          case "integer" -> Type.INTEGER;
          case "long" -> Type.LONG;
          case "boolean" -> Type.BOOLEAN;
          case "timestamp" -> Type.TIMESTAMP;
          case "blob" -> Type.BLOB;
          case "float" -> Type.FLOAT;
          case "double" -> Type.DOUBLE;
          default -> Type.OTHER;
        };
    List<Member> members = new ArrayList<>();
    map(s.get("members")).forEach((m, v) -> members.add(member(m, v)));
    List<String> required = new ArrayList<>();
    if (s.get("required") instanceof List<?> r) {
      r.forEach(x -> required.add(String.valueOf(x)));
    }
    List<String> enumValues = new ArrayList<>();
    if (s.get("enum") instanceof List<?> e) {
      e.forEach(x -> enumValues.add(String.valueOf(x)));
    }
    String pattern = s.get("pattern") instanceof String p ? p : null;
    return new Shape(
        name,
        type,
        number(s.get("min")),
        number(s.get("max")),
        pattern,
        pattern == null ? null : Pattern.compile(javaRegex(pattern)),
        List.copyOf(enumValues),
        Boolean.TRUE.equals(s.get("sensitive")),
        List.copyOf(members),
        Set.copyOf(required),
        s.containsKey("member") ? member("member", s.get("member")) : null,
        Boolean.TRUE.equals(s.get("flattened")),
        s.containsKey("key") ? member("key", s.get("key")) : null,
        s.containsKey("value") ? member("value", s.get("value")) : null);
  }

  private static Member member(String name, Object spec) {
    Map<String, Object> m = map(spec);
    return new Member(
        name,
        String.valueOf(m.get("shape")),
        m.get("locationName") instanceof String l ? l : null,
        m.get("queryName") instanceof String q ? q : null);
  }

  private static final Pattern SUPPLEMENTARY =
      Pattern.compile("\\\\u(10[0-9A-Fa-f]{4}|[0-9A-Fa-f]{5})(?![0-9A-Fa-f])");

  /**
   * The model's patterns are Java's regular expressions (AWS's services are Java) except for code
   * points above U+FFFF, written {@code \u10000}, which Java writes {@code \x{10000}}.
   */
  static String javaRegex(String pattern) {
    Matcher m = SUPPLEMENTARY.matcher(pattern);
    return m.replaceAll(r -> Matcher.quoteReplacement("\\x{" + r.group(1) + "}"));
  }

  private static Long number(Object o) {
    return o instanceof Number n ? n.longValue() : null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The value at the current token: objects keep their order, documentation is skipped. */
  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (field.equals("documentation")
              || field.equals("documentationUrl")
              || field.equals("examples")) {
            p.skipChildren();
          } else {
            out.put(field, value(p));
          }
        }
        return out;
      }
      case START_ARRAY -> {
        List<Object> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          out.add(value(p));
        }
        return out;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return true;
      }
      case VALUE_FALSE -> {
        return false;
      }
      default -> {
        return null;
      }
    }
  }
}
