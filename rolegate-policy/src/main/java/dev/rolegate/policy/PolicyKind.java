package dev.rolegate.policy;

import java.util.Locale;

/** What a policy document is used as; the validation rules differ per kind. */
public enum PolicyKind {
  IDENTITY("identity"),
  RESOURCE("resource"),
  TRUST("trust"),
  SESSION("session"),
  PERMISSIONS_BOUNDARY("permissions-boundary"),
  SCP("scp");

  private final String text;

  PolicyKind(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** Principal is required (resource and trust policies) rather than forbidden. */
  public boolean hasPrincipal() {
    return this == RESOURCE || this == TRUST;
  }

  public static PolicyKind fromText(String text) {
    String t = text.toLowerCase(Locale.ROOT).replace('_', '-');
    for (PolicyKind k : values()) {
      if (k.text.equals(t) || k.name().equalsIgnoreCase(t)) {
        return k;
      }
    }
    if (t.equals("boundary")) {
      return PERMISSIONS_BOUNDARY;
    }
    throw new IllegalArgumentException(
        "unknown policy kind \""
            + text
            + "\": use identity, resource, trust, session, permissions-boundary or scp");
  }
}
