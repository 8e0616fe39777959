package dev.rolegate.policy;

/**
 * An ARN pattern matched part by part: partition, service, region, account, then the resource part,
 * in which {@code *} also crosses {@code /} and {@code :}. Policy variables after the fifth colon
 * (where AWS allows them) are matched in place without building anything; variables earlier are
 * substituted per request, the slow way.
 */
final class ArnPattern {
  private final String source;
  private final Glob whole; // no variables
  private final Glob[] parts; // no variables, six ARN parts; null when the pattern has fewer
  private final Glob[] prefix; // variables only in the resource part: the first five parts...
  private final Template resourcePart; // ...and the resource part
  private final Template fallback; // variables before the fifth colon

  ArnPattern(String source, boolean variables) {
    this.source = source;
    Template template = variables ? Template.parse(source) : null;
    if (template == null) {
      whole = Glob.compile(source);
      parts = whole.matchesEverything() ? null : whole.arnParts();
      prefix = null;
      resourcePart = null;
      fallback = null;
      return;
    }
    whole = null;
    parts = null;
    int fifthColon = -1;
    int firstVariable = source.indexOf("${");
    for (int i = 0, colons = 0; i < firstVariable; i++) {
      if (source.charAt(i) == ':' && ++colons == 5) {
        fifthColon = i;
        break;
      }
    }
    if (fifthColon >= 0) {
      Glob[] five = Glob.compile(source.substring(0, fifthColon) + ":").arnPartsOfPrefix();
      Template rest = Template.parse(source.substring(fifthColon + 1));
      prefix = five;
      resourcePart = rest;
      fallback = null;
    } else {
      prefix = null;
      resourcePart = null;
      fallback = template;
    }
  }

  boolean matchesEverything() {
    return whole != null && whole.matchesEverything();
  }

  /**
   * @param value the request's value
   * @param valueParts its six ARN parts, or null when it has fewer
   * @param wholeFallback when the pattern is not a six-part ARN, match it against the whole value
   *     (Resource does, the ARN condition operators do not)
   */
  boolean matches(String value, String[] valueParts, RequestContext ctx, boolean wholeFallback) {
    if (whole != null) {
      if (whole.matchesEverything()) {
        return true;
      }
      if (parts == null) {
        return wholeFallback && whole.matches(value);
      }
      return valueParts != null && allMatch(parts, valueParts, 6);
    }
    if (resourcePart != null) {
      return valueParts != null
          && allMatch(prefix, valueParts, 5)
          && resourcePart.matches(ctx, valueParts[5], 0, valueParts[5].length());
    }
    Glob g = fallback.resolveGlob(ctx);
    if (g == null) {
      return false;
    }
    if (g.matchesEverything()) {
      return true;
    }
    Glob[] gp = g.arnParts();
    if (gp == null) {
      return wholeFallback && g.matches(value);
    }
    return valueParts != null && allMatch(gp, valueParts, 6);
  }

  private static boolean allMatch(Glob[] patterns, String[] values, int n) {
    for (int i = 0; i < n; i++) {
      if (!patterns[i].matches(values[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return source;
  }
}
