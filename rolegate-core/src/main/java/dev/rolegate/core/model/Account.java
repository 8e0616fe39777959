package dev.rolegate.core.model;

import java.time.Instant;
import java.util.Objects;

/** An AWS account hosted by this Rolegate: a 12-digit id. */
public record Account(String id, Instant createDate) {
  public Account {
    Objects.requireNonNull(id, "id is null");
    if (!id.matches("\\d{12}")) {
      throw new IllegalArgumentException("an account id has 12 digits: " + id);
    }
    Objects.requireNonNull(createDate, "createDate is null");
  }

  public String rootArn() {
    return Arns.root(id);
  }
}
