package dev.rolegate.core.auth;

import java.util.Locale;

/**
 * How a server applies authorization decisions ({@code --enforcement}): {@link #ENFORCE} denies as
 * AWS does; {@link #AUDIT} lets a denied call through and records the would-be denial with its
 * explanation; {@link #OFF} only authenticates (no policy is evaluated for IAM/STS calls).
 */
public enum Enforcement {
  ENFORCE,
  AUDIT,
  OFF;

  /** {@code enforce}, {@code audit} or {@code off} (any case). */
  public static Enforcement parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--enforcement must be enforce, audit or off, not \"" + s + "\"");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
