package dev.rolegate.policy;

/**
 * A compiled Resource / NotResource value: {@code *}, or an ARN matched part by part. A pattern or
 * resource that is not a six-part ARN is matched as a whole. A policy variable without a value
 * makes the pattern match nothing.
 */
final class ResourcePattern {
  private final ArnPattern pattern;

  ResourcePattern(String source, boolean variables) {
    this.pattern = new ArnPattern(source, variables);
  }

  boolean matches(RequestContext ctx) {
    return pattern.matches(ctx.resource(), ctx.resourceParts(), ctx, true);
  }

  @Override
  public String toString() {
    return pattern.toString();
  }
}
