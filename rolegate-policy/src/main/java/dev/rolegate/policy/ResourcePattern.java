package dev.rolegate.policy;

/**
 * A compiled Resource / NotResource value: {@code *}, or an ARN matched part by part (partition,
 * service, region, account, then the resource part, in which {@code *} also crosses {@code /} and
 * {@code :}). Policy variables in it are substituted per request; a variable without a value makes
 * the pattern match nothing.
 */
final class ResourcePattern {
  private final String source;
  private final Glob whole;
  private final Glob[] parts;
  private final Template template;

  ResourcePattern(String source, boolean variables) {
    this.source = source;
    this.template = variables ? Template.parse(source) : null;
    this.whole = template == null ? Glob.compile(source) : null;
    this.parts = whole == null || whole.matchesEverything() ? null : whole.arnParts();
  }

  boolean matches(RequestContext ctx) {
    Glob w = whole;
    Glob[] ps = parts;
    if (template != null) {
      w = template.resolveGlob(ctx, false);
      if (w == null) {
        return false;
      }
      ps = w.arnParts();
    }
    if (w.matchesEverything()) {
      return true;
    }
    String[] rp = ctx.resourceParts();
    if (ps != null && rp != null) {
      for (int i = 0; i < 6; i++) {
        if (!ps[i].matches(rp[i])) {
          return false;
        }
      }
      return true;
    }
    return w.matches(ctx.resource());
  }

  @Override
  public String toString() {
    return source;
  }
}
