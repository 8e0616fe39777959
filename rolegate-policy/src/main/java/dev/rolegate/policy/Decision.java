package dev.rolegate.policy;

/** The outcome of an evaluation. */
public enum Decision {
  ALLOW("Allow"),
  EXPLICIT_DENY("ExplicitDeny"),
  IMPLICIT_DENY("ImplicitDeny");

  private final String text;

  Decision(String text) {
    this.text = text;
  }

  /** {@code Allow}, {@code ExplicitDeny} or {@code ImplicitDeny}. */
  public String text() {
    return text;
  }

  public static Decision fromText(String text) {
    for (Decision d : values()) {
      if (d.text.equals(text)) {
        return d;
      }
    }
    throw new IllegalArgumentException("not a decision: " + text);
  }
}
