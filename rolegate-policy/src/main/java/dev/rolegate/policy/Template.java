package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A policy string that may contain policy variables: {@code ${aws:username}}, {@code
 * ${aws:PrincipalTag/team, 'default'}} and the special characters {@code ${*}}, {@code ${?}},
 * {@code ${$}}. Split once when the policy is compiled; resolved per request. A value substituted
 * from the request is always literal text, never a wildcard.
 */
public final class Template {
  /** One piece: policy text (wildcards active) or a variable to substitute (literal). */
  private record Part(String text, String keyLower, String key, String defaultValue) {
    boolean isVariable() {
      return keyLower != null;
    }
  }

  private final List<Part> parts;
  private final String source;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /**
   * Splits {@code text} into parts. Returns null when the text has no variables at all (use it as it
   * is), so callers keep their fast path.
   */
  public static Template parse(String text) {
    if (text.indexOf("${") < 0) {
      return null;
    }
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    boolean anyVariable = false;
    while (i < text.length()) {
      int open = text.indexOf("${", i);
      if (open < 0) {
        literal.append(text, i, text.length());
        break;
      }
      int close = text.indexOf('}', open + 2);
      if (close < 0) {
        literal.append(text, i, text.length());
        break;
      }
      literal.append(text, i, open);
      String inner = text.substring(open + 2, close);
      String special = special(inner.trim());
      if (special != null) {
        // a literal character that would otherwise be a wildcard: a "variable" with a fixed value
        flush(parts, literal);
        parts.add(new Part(null, "", "", special));
        anyVariable = true;
      } else {
        String key = inner;
        String defaultValue = null;
        int comma = inner.indexOf(',');
        if (comma >= 0) {
          key = inner.substring(0, comma);
          String d = inner.substring(comma + 1).trim();
          if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
            defaultValue = d.substring(1, d.length() - 1);
          } else {
            defaultValue = d;
          }
        }
        key = key.trim();
        if (key.isEmpty()) {
          literal.append(text, open, close + 1);
        } else {
          flush(parts, literal);
          parts.add(new Part(null, key.toLowerCase(Locale.ROOT), key, defaultValue));
          anyVariable = true;
        }
      }
      i = close + 1;
    }
    if (!anyVariable) {
      return null;
    }
    flush(parts, literal);
    return new Template(text, parts);
  }

  private static String special(String inner) {
    switch (inner) {
      case "*":
        return "*";
      case "?":
        return "?";
      case "$":
        return "$";
      default:
        return null;
    }
  }

  private static void flush(List<Part> parts, StringBuilder literal) {
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), null, null, null));
      literal.setLength(0);
    }
  }

  /** The variables' keys as written, for explanations and lint. */
  public List<String> variableKeys() {
    List<String> keys = new ArrayList<>();
    for (Part p : parts) {
      if (p.isVariable() && !p.keyLower().isEmpty()) {
        keys.add(p.key());
      }
    }
    return keys;
  }

  /** The text with every variable substituted; null when a variable has no value and no default. */
  public String resolveText(RequestContext ctx) {
    StringBuilder out = new StringBuilder(source.length() + 16);
    for (Part p : parts) {
      if (!p.isVariable()) {
        out.append(p.text());
      } else {
        String v = value(p, ctx);
        if (v == null) {
          return null;
        }
        out.append(v);
      }
    }
    return out.toString();
  }

  /** A pattern: wildcards of the policy text active, substituted values literal; null if unresolved. */
  public Glob resolveGlob(RequestContext ctx, boolean lowerCase) {
    Glob.Builder b = new Glob.Builder();
    for (Part p : parts) {
      if (!p.isVariable()) {
        b.appendPattern(lowerCase ? p.text().toLowerCase(Locale.ROOT) : p.text());
      } else {
        String v = value(p, ctx);
        if (v == null) {
          return null;
        }
        b.appendLiteral(lowerCase ? v.toLowerCase(Locale.ROOT) : v);
      }
    }
    return b.build();
  }

  private static String value(Part p, RequestContext ctx) {
    if (p.keyLower().isEmpty()) {
      return p.defaultValue(); // ${*}, ${?}, ${$}
    }
    String v = ctx.singleValue(p.keyLower());
    return v != null ? v : p.defaultValue();
  }

  @Override
  public String toString() {
    return source;
  }
}
