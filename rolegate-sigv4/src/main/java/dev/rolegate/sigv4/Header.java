package dev.rolegate.sigv4;

import java.util.Objects;

/** One HTTP header as received: the name in any case, the value as the HTTP layer delivered it. */
public record Header(String name, String value) {
  public Header {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("header name must not be empty");
    }
  }

  /** Whether this header has the given name, compared case-insensitively (ASCII). */
  public boolean hasName(String other) {
    return name.equalsIgnoreCase(other);
  }
}
