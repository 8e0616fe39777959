package dev.rolegate.core.model;

import java.util.Objects;

public record Tag(String key, String value) {
  public Tag {
    Objects.requireNonNull(key, "key is null");
    Objects.requireNonNull(value, "value is null");
  }
}
