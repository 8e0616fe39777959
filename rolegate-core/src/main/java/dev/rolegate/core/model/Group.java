package dev.rolegate.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An IAM group ({@code AGPA...}): a set of users that share the group's inline and attached
 * policies.
 */
public record Group(
    String accountId, String groupId, String name, String path, Instant createDate) {
  public Group {
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(groupId, "groupId is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(path, "path is null");
    Objects.requireNonNull(createDate, "createDate is null");
  }

  public String arn() {
    return Arns.group(accountId, path, name);
  }

  /** The same group (same id) under another name and path. */
  public Group renamed(String newName, String newPath) {
    return new Group(accountId, groupId, newName, newPath, createDate);
  }

  /** The same group (same id) under another name. */
  public Group withName(String newName) {
    return new Group(accountId, groupId, newName, path, createDate);
  }

  public Group withPath(String newPath) {
    return new Group(accountId, groupId, name, newPath, createDate);
  }
}
