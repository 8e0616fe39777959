package dev.rolegate.policy.json;

import dev.rolegate.policy.SourcePosition;
import java.util.List;

/** A JSON value with the position it started at: the parser's view of a policy document. */
public sealed interface JsonValue {
  SourcePosition position();

  /** A short name of the JSON type, for messages. */
  String typeName();

  /**
   * An object; {@code start} and {@code end} are its character offsets in the text (end exclusive);
   * {@code endPosition} is where its closing brace is.
   */
  record JObject(
      List<Member> members, SourcePosition position, int start, int end, SourcePosition endPosition)
      implements JsonValue {
    public JObject {
      members = List.copyOf(members);
    }

    @Override
    public String typeName() {
      return "an object";
    }
  }

  record Member(String key, SourcePosition keyPosition, JsonValue value) {}

  record JArray(List<JsonValue> elements, SourcePosition position) implements JsonValue {
    public JArray {
      elements = List.copyOf(elements);
    }

    @Override
    public String typeName() {
      return "an array";
    }
  }

  record JString(String value, SourcePosition position) implements JsonValue {
    @Override
    public String typeName() {
      return "a string";
    }
  }

  /** A number, kept as its text as written. */
  record JNumber(String text, SourcePosition position) implements JsonValue {
    @Override
    public String typeName() {
      return "a number";
    }
  }

  record JBool(boolean value, SourcePosition position) implements JsonValue {
    @Override
    public String typeName() {
      return "a boolean";
    }
  }

  record JNull(SourcePosition position) implements JsonValue {
    @Override
    public String typeName() {
      return "null";
    }
  }
}
