package dev.rolegate.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An IAM user; {@code userId} is {@code AIDA...}. */
public record User(
    String accountId,
    String userId,
    String name,
    String path,
    String permissionsBoundaryArn,
    List<Tag> tags,
    Instant createDate) {
  public User {
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(userId, "userId is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(path, "path is null");
    tags = List.copyOf(tags);
    Objects.requireNonNull(createDate, "createDate is null");
  }

  public String arn() {
    return Arns.user(accountId, path, name);
  }

  /** The same user (same id) under another name. */
  public User withName(String newName) {
    return new User(accountId, userId, newName, path, permissionsBoundaryArn, tags, createDate);
  }

  public User withPath(String newPath) {
    return new User(accountId, userId, name, newPath, permissionsBoundaryArn, tags, createDate);
  }

  /**
   * @param boundaryArn null: no boundary
   */
  public User withPermissionsBoundary(String boundaryArn) {
    return new User(accountId, userId, name, path, boundaryArn, tags, createDate);
  }

  public User withTags(List<Tag> newTags) {
    return new User(accountId, userId, name, path, permissionsBoundaryArn, newTags, createDate);
  }
}
