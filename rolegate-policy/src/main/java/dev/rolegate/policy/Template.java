package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A policy string that may contain policy variables: {@code ${aws:username}}, {@code
 * ${aws:PrincipalTag/team, 'default'}} and the special characters {@code ${*}}, {@code ${?}},
 * {@code ${$}}. Split once when the policy is compiled; matched per request without building
 * anything: the pattern is walked part by part, policy text with its wildcards active, substituted
 * values always literal.
 */
public final class Template {
  /**
   * One piece: policy text (pattern chars and kinds), or a value to substitute: a context key
   * (keyLower not empty) with an optional default, or a fixed special character (keyLower empty).
   */
  private static final class Part {
    final String text;
    final char[] chars;
    final byte[] kinds;
    final String keyLower;
    final String key;
    final String defaultValue;

    Part(String text) {
      this.text = text;
      Glob g = Glob.compile(text);
      this.chars = g.chars();
      this.kinds = g.kinds();
      this.keyLower = null;
      this.key = null;
      this.defaultValue = null;
    }

    Part(String keyLower, String key, String defaultValue) {
      this.text = null;
      this.chars = null;
      this.kinds = null;
      this.keyLower = keyLower;
      this.key = key;
      this.defaultValue = defaultValue;
    }

    boolean isVariable() {
      return keyLower != null;
    }
  }

  private final Part[] parts;
  private final String source;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = parts.toArray(new Part[0]);
  }

  /**
   * Splits {@code text} into parts. Returns null when the text has no variables at all (use it as
   * it is), so callers keep their fast path.
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
        flush(parts, literal);
        parts.add(new Part("", "", special));
        anyVariable = true;
      } else {
        String key = inner;
        String defaultValue = null;
        int comma = inner.indexOf(',');
        if (comma >= 0) {
          key = inner.substring(0, comma);
          String d = inner.substring(comma + 1).trim();
          defaultValue =
              d.length() >= 2 && d.startsWith("'") && d.endsWith("'")
                  ? d.substring(1, d.length() - 1)
                  : d;
        }
        key = key.trim();
        if (key.isEmpty()) {
          literal.append(text, open, close + 1);
        } else {
          flush(parts, literal);
          parts.add(new Part(key.toLowerCase(Locale.ROOT), key, defaultValue));
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
      case "?":
      case "$":
        return inner;
      default:
        return null;
    }
  }

  private static void flush(List<Part> parts, StringBuilder literal) {
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString()));
      literal.setLength(0);
    }
  }

  /** The variables' keys as written, for explanations and lint. */
  public List<String> variableKeys() {
    List<String> keys = new ArrayList<>();
    for (Part p : parts) {
      if (p.isVariable() && !p.keyLower.isEmpty()) {
        keys.add(p.key);
      }
    }
    return keys;
  }

  private static String value(Part p, RequestContext ctx) {
    if (p.keyLower.isEmpty()) {
      return p.defaultValue; // ${*}, ${?}, ${$}
    }
    String v = ctx.singleValue(p.keyLower);
    return v != null ? v : p.defaultValue;
  }

  private boolean resolvable(RequestContext ctx) {
    for (Part p : parts) {
      if (p.isVariable() && value(p, ctx) == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code s[from, to)} matches the template as a wildcard pattern ({@code *} and {@code ?}
   * of the policy text active, substituted values literal). A variable without a value and without
   * a default matches nothing. Allocates nothing.
   */
  public boolean matches(RequestContext ctx, String s, int from, int to) {
    if (!resolvable(ctx)) {
      return false;
    }
    final int n = parts.length;
    int seg = 0;
    int off = 0;
    String cur = n > 0 && parts[0].isVariable() ? value(parts[0], ctx) : null;
    int i = from;
    int starSeg = -1;
    int starOff = 0;
    int starI = 0;
    while (i < to) {
      while (seg < n && off >= length(parts[seg], cur)) {
        seg++;
        off = 0;
        cur = seg < n && parts[seg].isVariable() ? value(parts[seg], ctx) : null;
      }
      if (seg < n) {
        Part p = parts[seg];
        byte kind = p.isVariable() ? Glob.LITERAL : p.kinds[off];
        if (kind == Glob.ONE
            || (kind == Glob.LITERAL
                && (p.isVariable() ? cur.charAt(off) : p.chars[off]) == s.charAt(i))) {
          off++;
          i++;
          continue;
        }
        if (kind == Glob.STAR) {
          starSeg = seg;
          starOff = off;
          starI = i;
          off++;
          continue;
        }
      }
      if (starSeg < 0) {
        return false;
      }
      seg = starSeg; // a policy-text part: no value to fetch
      off = starOff + 1;
      cur = null;
      i = ++starI;
    }
    while (true) {
      while (seg < n && off >= length(parts[seg], cur)) {
        seg++;
        off = 0;
        cur = seg < n && parts[seg].isVariable() ? value(parts[seg], ctx) : null;
      }
      if (seg >= n) {
        return true;
      }
      Part p = parts[seg];
      if (p.isVariable() || p.kinds[off] != Glob.STAR) {
        return false;
      }
      off++;
    }
  }

  private static int length(Part p, String cur) {
    return p.isVariable() ? cur.length() : p.chars.length;
  }

  /** Whether {@code s} equals the substituted text (no wildcards at all). Allocates nothing. */
  public boolean equalsText(RequestContext ctx, String s, boolean ignoreCase) {
    int pos = 0;
    for (Part p : parts) {
      String piece = p.isVariable() ? value(p, ctx) : p.text;
      if (piece == null || !s.regionMatches(ignoreCase, pos, piece, 0, piece.length())) {
        return false;
      }
      pos += piece.length();
    }
    return pos == s.length();
  }

  /** The text with every variable substituted; null when a variable has no value and no default. */
  public String resolveText(RequestContext ctx) {
    StringBuilder out = new StringBuilder(source.length() + 16);
    for (Part p : parts) {
      String piece = p.isVariable() ? value(p, ctx) : p.text;
      if (piece == null) {
        return null;
      }
      out.append(piece);
    }
    return out.toString();
  }

  /**
   * A pattern: wildcards of the policy text active, substituted values literal; null if unresolved.
   */
  public Glob resolveGlob(RequestContext ctx) {
    Glob.Builder b = new Glob.Builder();
    for (Part p : parts) {
      if (!p.isVariable()) {
        b.appendPattern(p.text);
      } else {
        String v = value(p, ctx);
        if (v == null) {
          return null;
        }
        b.appendLiteral(v);
      }
    }
    return b.build();
  }

  @Override
  public String toString() {
    return source;
  }
}
