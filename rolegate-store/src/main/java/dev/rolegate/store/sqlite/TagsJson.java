package dev.rolegate.store.sqlite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rolegate.core.model.Tag;
import dev.rolegate.store.StoreException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Tags as stored: a JSON array {@code [{"Key":"k","Value":"v"}, ...]}, in the order given. */
final class TagsJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private TagsJson() {}

  static String encode(List<Tag> tags) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartArray();
      for (Tag tag : tags) {
        g.writeStartObject();
        g.writeStringField("Key", tag.key());
        g.writeStringField("Value", tag.value());
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  static List<Tag> decode(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_ARRAY, json);
      List<Tag> tags = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        expect(t, JsonToken.START_OBJECT, json);
        String key = null;
        String value = null;
        for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
          expect(f, JsonToken.FIELD_NAME, json);
          String field = p.currentName();
          expect(p.nextToken(), JsonToken.VALUE_STRING, json);
          switch (field) {
            case "Key" -> key = p.getText();
            case "Value" -> value = p.getText();
            default -> throw corrupt(json);
          }
        }
        if (key == null || value == null) {
          throw corrupt(json);
        }
        tags.add(new Tag(key, value));
      }
      if (p.nextToken() != null) {
        throw corrupt(json);
      }
      return List.copyOf(tags);
    } catch (IOException e) {
      throw new StoreException("stored tags are not valid JSON: " + json, e);
    }
  }

  private static void expect(JsonToken actual, JsonToken expected, String json) {
    if (actual != expected) {
      throw corrupt(json);
    }
  }

  private static StoreException corrupt(String json) {
    return new StoreException("stored tags are not a [{\"Key\",\"Value\"}] array: " + json);
  }
}
