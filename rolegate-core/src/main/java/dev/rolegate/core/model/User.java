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
    return "arn:aws:iam::" + accountId + ":user" + path + name;
  }
}
