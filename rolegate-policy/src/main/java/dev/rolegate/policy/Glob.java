package dev.rolegate.policy;

/**
 * A compiled wildcard pattern: {@code *} matches any run of characters (also none), {@code ?}
 * exactly one, everything else itself. Characters that came from a policy variable are literal,
 * whatever they are, so a pattern is a list of characters each marked literal or wildcard. Matching
 * allocates nothing.
 */
public final class Glob {
  static final byte LITERAL = 0;
  static final byte STAR = 1;
  static final byte ONE = 2;

  private enum Shape {
    ANY,
    EXACT,
    PREFIX,
    GENERAL
  }

  private static final Glob ANY = new Glob(new char[] {'*'}, new byte[] {STAR});

  private final char[] chars;
  private final byte[] kinds;
  private final Shape shape;
  private final String text; // the literal text for EXACT, the literal prefix for PREFIX

  private Glob(char[] chars, byte[] kinds) {
    this.chars = chars;
    this.kinds = kinds;
    int wildcards = 0;
    boolean onlyTrailingStar = kinds.length > 0 && kinds[kinds.length - 1] == STAR;
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] != LITERAL) {
        wildcards++;
        if (i != kinds.length - 1) {
          onlyTrailingStar = false;
        }
      }
    }
    if (wildcards == 0) {
      shape = Shape.EXACT;
      text = new String(chars);
    } else if (kinds.length == 1 && kinds[0] == STAR) {
      shape = Shape.ANY;
      text = "";
    } else if (onlyTrailingStar && wildcards == 1) {
      shape = Shape.PREFIX;
      text = new String(chars, 0, chars.length - 1);
    } else {
      shape = Shape.GENERAL;
      text = null;
    }
  }

  /** {@code *} and {@code ?} in the text are wildcards. */
  public static Glob compile(String pattern) {
    if (pattern.equals("*")) {
      return ANY;
    }
    return new Builder().appendPattern(pattern).build();
  }

  /** Every character of the text is literal. */
  public static Glob literal(String text) {
    return new Builder().appendLiteral(text).build();
  }

  public static Glob any() {
    return ANY;
  }

  public boolean matchesEverything() {
    return shape == Shape.ANY;
  }

  public boolean isLiteral() {
    return shape == Shape.EXACT;
  }

  public boolean matches(String s) {
    switch (shape) {
      case ANY:
        return true;
      case EXACT:
        return text.equals(s);
      case PREFIX:
        return s.startsWith(text);
      default:
        return matchGeneral(s, 0, s.length());
    }
  }

  /** Matches the region {@code s[from, to)}. */
  boolean matches(String s, int from, int to) {
    switch (shape) {
      case ANY:
        return true;
      case EXACT:
        return to - from == text.length() && s.startsWith(text, from);
      case PREFIX:
        return to - from >= text.length() && s.startsWith(text, from);
      default:
        return matchGeneral(s, from, to);
    }
  }

  private boolean matchGeneral(String s, int from, int to) {
    int m = chars.length;
    int p = 0;
    int i = from;
    int starP = -1;
    int starI = 0;
    while (i < to) {
      if (p < m && (kinds[p] == ONE || (kinds[p] == LITERAL && chars[p] == s.charAt(i)))) {
        p++;
        i++;
      } else if (p < m && kinds[p] == STAR) {
        starP = p++;
        starI = i;
      } else if (starP >= 0) {
        p = starP + 1;
        i = ++starI;
      } else {
        return false;
      }
    }
    while (p < m && kinds[p] == STAR) {
      p++;
    }
    return p == m;
  }

  /**
   * Splits at the first five literal colons into the six parts of an ARN; null when there are fewer
   * than six parts.
   */
  Glob[] arnParts() {
    Glob[] parts = new Glob[6];
    int start = 0;
    int part = 0;
    for (int i = 0; i < chars.length && part < 5; i++) {
      if (kinds[i] == LITERAL && chars[i] == ':') {
        parts[part++] = slice(start, i);
        start = i + 1;
      }
    }
    if (part < 5) {
      return null;
    }
    parts[5] = slice(start, chars.length);
    return parts;
  }

  /** The five parts of a pattern that is an ARN's first five parts followed by a colon. */
  Glob[] arnPartsOfPrefix() {
    return java.util.Arrays.copyOf(arnParts(), 5);
  }

  private Glob slice(int from, int to) {
    char[] c = java.util.Arrays.copyOfRange(chars, from, to);
    byte[] k = java.util.Arrays.copyOfRange(kinds, from, to);
    if (c.length == 1 && k[0] == STAR) {
      return ANY;
    }
    return new Glob(c, k);
  }

  char[] chars() {
    return chars;
  }

  byte[] kinds() {
    return kinds;
  }

  /** The pattern as text, wildcards as {@code *} / {@code ?}. */
  @Override
  public String toString() {
    return new String(chars);
  }

  /** Builds a pattern from policy text (wildcards active) and substituted values (literal). */
  public static final class Builder {
    private char[] chars = new char[32];
    private byte[] kinds = new byte[32];
    private int size;

    private void add(char c, byte kind) {
      if (size == chars.length) {
        chars = java.util.Arrays.copyOf(chars, size * 2);
        kinds = java.util.Arrays.copyOf(kinds, size * 2);
      }
      chars[size] = c;
      kinds[size++] = kind;
    }

    public Builder appendPattern(String pattern) {
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        add(c, c == '*' ? STAR : c == '?' ? ONE : LITERAL);
      }
      return this;
    }

    public Builder appendLiteral(String text) {
      for (int i = 0; i < text.length(); i++) {
        add(text.charAt(i), LITERAL);
      }
      return this;
    }

    public Glob build() {
      return new Glob(java.util.Arrays.copyOf(chars, size), java.util.Arrays.copyOf(kinds, size));
    }
  }
}
