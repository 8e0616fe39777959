package dev.rolegate.tests.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the CLI and node print, read into maps, lists, strings, numbers, booleans and null (keys in
 * order).
 */
final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  static Object parse(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new AssertionError("no JSON in: " + text);
      }
      Object value = read(p, t);
      if (p.nextToken() != null) {
        throw new AssertionError("more than one JSON value in: " + text);
      }
      return value;
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + e.getMessage() + "\n" + text, e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new AssertionError("not a JSON object: " + text);
    }
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (!(v instanceof Map)) {
      throw new AssertionError("no object " + key + " in " + parent);
    }
    return (Map<String, Object>) v;
  }

  static String string(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (!(v instanceof String s)) {
      throw new AssertionError("no string " + key + " in " + parent);
    }
    return s;
  }

  private static Object read(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          m.put(name, read(p, p.nextToken()));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          l.add(read(p, e));
        }
        return l;
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
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new AssertionError("unexpected JSON token " + t);
    }
  }
}
