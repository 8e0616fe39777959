package dev.rolegate.policy.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.rolegate.policy.SourcePosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON text into a {@link JsonValue} tree with positions, using Jackson's streaming parser.
 * Duplicate keys are kept (the policy parser reports them); malformed JSON is reported as a {@link
 * SyntaxError} value, never thrown.
 */
public final class JsonTreeReader {
  /** Policy documents are small; deep nesting is an attack, not a policy. */
  public static final int MAX_NESTING = 64;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING)
                  .maxNumberLength(1000)
                  .maxStringLength(10_000_000)
                  .build())
          .build();

  /** The outcome of reading: a tree, or the first JSON syntax error. */
  public sealed interface Result {}

  public record Parsed(JsonValue value) implements Result {}

  public record SyntaxError(String message, SourcePosition position) implements Result {}

  public static Result read(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new SyntaxError("the document is empty", new SourcePosition(1, 1));
      }
      JsonValue value = readValue(parser);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        return new SyntaxError(
            "unexpected content after the end of the document",
            position(parser.currentTokenLocation()));
      }
      return new Parsed(value);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      return new SyntaxError(
          "invalid JSON: " + firstLine(e.getOriginalMessage()),
          location == null ? SourcePosition.UNKNOWN : position(location));
    } catch (IOException e) {
      return new SyntaxError("invalid JSON: " + firstLine(e.getMessage()), SourcePosition.UNKNOWN);
    }
  }

  private static JsonValue readValue(JsonParser parser) throws IOException {
    SourcePosition at = position(parser.currentTokenLocation());
    int start = (int) parser.currentTokenLocation().getCharOffset();
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        {
          List<JsonValue.Member> members = new ArrayList<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourcePosition keyAt = position(parser.currentTokenLocation());
            parser.nextToken();
            members.add(new JsonValue.Member(key, keyAt, readValue(parser)));
          }
          int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
          return new JsonValue.JObject(
              members, at, start, end, position(parser.currentTokenLocation()));
        }
      case START_ARRAY:
        {
          List<JsonValue> elements = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            elements.add(readValue(parser));
          }
          return new JsonValue.JArray(elements, at);
        }
      case VALUE_STRING:
        return new JsonValue.JString(parser.getText(), at);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new JsonValue.JNumber(parser.getText(), at);
      case VALUE_TRUE:
        return new JsonValue.JBool(true, at);
      case VALUE_FALSE:
        return new JsonValue.JBool(false, at);
      case VALUE_NULL:
        return new JsonValue.JNull(at);
      default:
        throw new JsonParseFailure("unexpected token " + token, parser);
    }
  }

  private static SourcePosition position(JsonLocation location) {
    return new SourcePosition(
        Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable document";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static final class JsonParseFailure extends JsonProcessingException {
    private static final long serialVersionUID = 1L;

    JsonParseFailure(String message, JsonParser parser) {
      super(message, parser.currentTokenLocation());
    }
  }

  private JsonTreeReader() {}
}
