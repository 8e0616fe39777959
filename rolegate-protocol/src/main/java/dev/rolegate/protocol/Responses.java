package dev.rolegate.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rolegate.core.AwsErrorCode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The wire forms of answers: {@code <XResponse xmlns=..><XResult>..</XResult><ResponseMetadata>
 * <RequestId>..</RequestId></ResponseMetadata></XResponse>}, errors as {@code <ErrorResponse>}, and
 * the JSON envelope STS uses for {@code Accept: application/json}. The one place errors are
 * written.
 */
public final class Responses {
  private static final JsonFactory JSON = new JsonFactory();

  private Responses() {}

  /** An HTTP answer. */
  public record HttpAnswer(int status, String contentType, byte[] body, String requestId) {}

  /**
   * @param result the children of {@code <XResult>}, or null for operations without output
   */
  public static HttpAnswer success(
      Service service, String action, List<Node> result, String requestId, boolean json) {
    if (json) {
      StringWriter out = new StringWriter();
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        g.writeObjectFieldStart(action + "Response");
        if (result != null) {
          g.writeObjectFieldStart(action + "Result");
          for (Node n : result) {
            json(g, n);
          }
          g.writeEndObject();
        }
        g.writeObjectFieldStart("ResponseMetadata");
        g.writeStringField("RequestId", requestId);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new HttpAnswer(
          200, "application/json", out.toString().getBytes(StandardCharsets.UTF_8), requestId);
    }
    StringBuilder b = new StringBuilder(512);
    b.append('<')
        .append(action)
        .append("Response xmlns=\"")
        .append(service.namespace())
        .append("\">");
    if (result != null) {
      b.append('<').append(action).append("Result>");
      for (Node n : result) {
        xml(b, n);
      }
      b.append("</").append(action).append("Result>");
    }
    b.append("<ResponseMetadata><RequestId>")
        .append(requestId)
        .append("</RequestId></ResponseMetadata>");
    b.append("</").append(action).append("Response>");
    return new HttpAnswer(
        200, "text/xml", b.toString().getBytes(StandardCharsets.UTF_8), requestId);
  }

  public static HttpAnswer error(
      Service service, AwsErrorCode code, String message, String requestId, boolean json) {
    if (json) {
      StringWriter out = new StringWriter();
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        g.writeObjectFieldStart("Error");
        g.writeStringField("Code", code.code());
        g.writeStringField("Message", message);
        g.writeStringField("Type", code.faultType());
        g.writeEndObject();
        g.writeStringField("RequestId", requestId);
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new HttpAnswer(
          code.httpStatus(),
          "application/json",
          out.toString().getBytes(StandardCharsets.UTF_8),
          requestId);
    }
    StringBuilder b = new StringBuilder(256);
    b.append("<ErrorResponse xmlns=\"")
        .append((service == null ? Service.IAM : service).namespace())
        .append("\">");
    b.append("<Error><Type>")
        .append(code.faultType())
        .append("</Type><Code>")
        .append(code.code())
        .append("</Code><Message>");
    escape(b, message);
    b.append("</Message></Error><RequestId>")
        .append(requestId)
        .append("</RequestId></ErrorResponse>");
    return new HttpAnswer(
        code.httpStatus(), "text/xml", b.toString().getBytes(StandardCharsets.UTF_8), requestId);
  }

  private static void xml(StringBuilder b, Node n) {
    b.append('<').append(n.name()).append('>');
    if (n instanceof Node.Text t) {
      escape(b, t.value());
    } else if (n instanceof Node.Struct s) {
      s.children().forEach(c -> xml(b, c));
    } else if (n instanceof Node.ListOf l) {
      l.items().forEach(c -> xml(b, c));
    }
    b.append("</").append(n.name()).append('>');
  }

  private static void json(JsonGenerator g, Node n) throws IOException {
    g.writeFieldName(n.name());
    value(g, n);
  }

  private static void value(JsonGenerator g, Node n) throws IOException {
    if (n instanceof Node.Text t) {
      g.writeString(t.value());
    } else if (n instanceof Node.Struct s) {
      g.writeStartObject();
      for (Node c : s.children()) {
        json(g, c);
      }
      g.writeEndObject();
    } else if (n instanceof Node.ListOf l) {
      g.writeStartArray();
      for (Node c : l.items()) {
        value(g, c);
      }
      g.writeEndArray();
    }
  }

  static void escape(StringBuilder b, String s) {
    int i = 0;
    while (i < s.length() && plain(s.charAt(i))) {
      i++;
    }
    b.append(s, 0, i); // most values (ids, ARNs, tokens) need no escaping at all
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> {
          boolean legal =
              c == 0x9
                  || c == 0xA
                  || c == 0xD
                  || (c >= 0x20 && c <= 0xD7FF)
                  || (c >= 0xE000 && c <= 0xFFFD)
                  || Character.isSurrogate(c);
          b.append(legal ? c : '\uFFFD');
        }
      }
    }
  }

  /** Printable ASCII that XML text takes as it is. */
  private static boolean plain(char c) {
    return c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"';
  }
}
