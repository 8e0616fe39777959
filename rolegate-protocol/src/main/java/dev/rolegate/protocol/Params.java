package dev.rolegate.protocol;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.iam.Validation;
import dev.rolegate.core.model.Tag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of an AWS Query request: form-encoded (spaces as {@code +}), lists as {@code
 * Name.member.N} (1-based), structures as {@code Name.member.N.Field}, maps as {@code
 * Name.entry.N.key/value}; an empty list arrives as a bare {@code Name=}.
 */
public final class Params {
  public static final int MAX_PARAMETERS = 1000;

  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  public static Params of(Map<String, String> values) {
    return new Params(new LinkedHashMap<>(values));
  }

  /**
   * Parses the query string and then the form body (body values win); MalformedQueryString on bad
   * encoding.
   */
  public static Params parse(String query, String form) {
    Map<String, String> out = new LinkedHashMap<>();
    decodeInto(query, out);
    decodeInto(form, out);
    return new Params(out);
  }

  private static void decodeInto(String text, Map<String, String> out) {
    if (text == null || text.isEmpty()) {
      return;
    }
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      if (out.size() >= MAX_PARAMETERS) {
        throw new AwsServiceException(
            AwsErrorCode.MALFORMED_QUERY_STRING, "Too many parameters: at most " + MAX_PARAMETERS);
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.put(name, value);
    }
  }

  private static String decode(String s) {
    try {
      byte[] bytes = new byte[s.length() * 3];
      int n = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '+') {
          bytes[n++] = ' ';
        } else if (c == '%') {
          if (i + 2 >= s.length()) {
            throw new IllegalArgumentException("truncated escape");
          }
          int hi = Character.digit(s.charAt(i + 1), 16);
          int lo = Character.digit(s.charAt(i + 2), 16);
          if (hi < 0 || lo < 0) {
            throw new IllegalArgumentException("bad escape");
          }
          bytes[n++] = (byte) ((hi << 4) | lo);
          i += 2;
        } else if (c < 0x80) {
          bytes[n++] = (byte) c;
        } else {
          int codePoint = s.codePointAt(i);
          byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
          System.arraycopy(utf8, 0, bytes, n, utf8.length);
          n += utf8.length;
          i += Character.charCount(codePoint) - 1;
        }
      }
      java.nio.charset.CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
      return decoder.decode(java.nio.ByteBuffer.wrap(bytes, 0, n)).toString();
    } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
      throw new AwsServiceException(
          AwsErrorCode.MALFORMED_QUERY_STRING,
          "The query string is not properly URL-encoded: " + e.getMessage());
    }
  }

  public String string(String name) {
    return values.get(name);
  }

  /** A parameter the operation requires: ValidationError as AWS words it when absent. */
  public String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw AwsServiceException.validation(
          "1 validation error detected: Value null at '"
              + lowerCamel(name)
              + "' failed to satisfy constraint: Member must not be null");
    }
    return v;
  }

  public Integer integer(String name) {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      throw Validation.error(lowerCamel(name), v, "be a number");
    }
  }

  public boolean bool(String name) {
    String v = values.get(name);
    if (v == null) {
      return false;
    }
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw Validation.error(lowerCamel(name), v, "be true or false");
  }

  /** {@code Name.member.1}, {@code Name.member.2}, ... until the first gap. */
  public List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (int i = 1; ; i++) {
      String v = values.get(name + ".member." + i);
      if (v == null) {
        return out;
      }
      out.add(v);
    }
  }

  /** STS's {@code PolicyArns.member.N.arn} (the member name is lower-case {@code arn}). */
  public List<String> policyArns(String name) {
    List<String> out = new ArrayList<>();
    for (int i = 1; ; i++) {
      String v = values.get(name + ".member." + i + ".arn");
      if (v == null) {
        return out;
      }
      out.add(v);
    }
  }

  /** {@code Tags.member.N.Key} / {@code .Value}. */
  public List<Tag> tags(String name) {
    List<Tag> out = new ArrayList<>();
    for (int i = 1; ; i++) {
      String key = values.get(name + ".member." + i + ".Key");
      String value = values.get(name + ".member." + i + ".Value");
      if (key == null && value == null) {
        return out;
      }
      if (key == null) {
        throw AwsServiceException.validation(
            "1 validation error detected: Value null at '"
                + lowerCamel(name)
                + "."
                + i
                + ".member.key' failed to satisfy constraint: Member must not be null");
      }
      out.add(new Tag(key, value == null ? "" : value));
    }
  }

  /**
   * IAM's simulator {@code ContextEntries.member.N.ContextKeyName}, {@code .ContextKeyType} and
   * {@code .ContextKeyValues.member.M}, until the first entry with none of them.
   */
  public List<dev.rolegate.core.iam.SimulationService.ContextEntry> contextEntries(String name) {
    List<dev.rolegate.core.iam.SimulationService.ContextEntry> out = new ArrayList<>();
    for (int i = 1; ; i++) {
      String prefix = name + ".member." + i + ".";
      String key = values.get(prefix + "ContextKeyName");
      String type = values.get(prefix + "ContextKeyType");
      List<String> keyValues = list(prefix + "ContextKeyValues");
      if (key == null && type == null && keyValues.isEmpty()) {
        return out;
      }
      out.add(new dev.rolegate.core.iam.SimulationService.ContextEntry(key, keyValues, type));
    }
  }

  static String lowerCamel(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  public Map<String, String> asMap() {
    return java.util.Collections.unmodifiableMap(values);
  }
}
