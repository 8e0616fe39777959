package dev.rolegate.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A response element: a text field, a structure, or a list ({@code
 * <Name><member>..</member></Name>} in XML, an array in JSON). Built by the operations, rendered by
 * {@link Responses}.
 */
public sealed interface Node {
  String name();

  record Text(String name, String value) implements Node {
    public Text {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(value, "value is null");
    }
  }

  record Struct(String name, List<Node> children) implements Node {
    public Struct {
      children = List.copyOf(children);
    }
  }

  /** A list: each item is a Struct named "member" or a Text named "member". */
  record ListOf(String name, List<Node> items) implements Node {
    public ListOf {
      items = List.copyOf(items);
    }
  }

  /** Builds a structure's children; null values are left out, as AWS leaves out absent fields. */
  final class Builder {
    private final List<Node> children = new ArrayList<>();

    public Builder text(String name, String value) {
      if (value != null) {
        children.add(new Text(name, value));
      }
      return this;
    }

    public Builder number(String name, Number value) {
      return value == null ? this : text(name, value.toString());
    }

    public Builder bool(String name, boolean value) {
      return text(name, Boolean.toString(value));
    }

    public Builder time(String name, Instant value) {
      return value == null ? this : text(name, timestamp(value));
    }

    /** A policy document: URL-encoded in responses, as IAM does (SDKs decode it). */
    public Builder document(String name, String value) {
      return value == null ? this : text(name, urlEncode(value));
    }

    public Builder node(Node node) {
      if (node != null) {
        children.add(node);
      }
      return this;
    }

    public Builder struct(String name, java.util.function.Consumer<Builder> body) {
      Builder b = new Builder();
      body.accept(b);
      children.add(new Struct(name, b.children));
      return this;
    }

    public <T> Builder list(
        String name, List<T> items, java.util.function.BiConsumer<T, Builder> member) {
      List<Node> nodes = new ArrayList<>();
      for (T item : items) {
        Builder b = new Builder();
        member.accept(item, b);
        nodes.add(new Struct("member", b.children));
      }
      children.add(new ListOf(name, nodes));
      return this;
    }

    public Builder texts(String name, List<String> items) {
      List<Node> nodes = new ArrayList<>();
      for (String s : items) {
        nodes.add(new Text("member", s));
      }
      children.add(new ListOf(name, nodes));
      return this;
    }

    public List<Node> build() {
      return List.copyOf(children);
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** ISO 8601 in UTC to the second, with the {@code Z}, as IAM and STS write timestamps. */
  static String timestamp(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  /** RFC 3986 percent-encoding (space as %20), as IAM encodes policy documents. */
  static String urlEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }
}
