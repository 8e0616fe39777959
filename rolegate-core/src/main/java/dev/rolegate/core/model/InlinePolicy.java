package dev.rolegate.core.model;

import java.util.Objects;

/** An inline policy embedded in a user, group or role. */
public record InlinePolicy(
    String accountId, PrincipalType ownerType, String ownerName, String name, String document) {
  public InlinePolicy {
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(ownerType, "ownerType is null");
    Objects.requireNonNull(ownerName, "ownerName is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(document, "document is null");
  }
}
