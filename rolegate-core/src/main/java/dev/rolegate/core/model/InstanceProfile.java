package dev.rolegate.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An instance profile ({@code AIPA...}): a container for at most one role, for EC2.
 *
 * @param roleName the role in it, or null when empty
 */
public record InstanceProfile(
    String accountId,
    String instanceProfileId,
    String name,
    String path,
    String roleName,
    List<Tag> tags,
    Instant createDate) {
  public InstanceProfile {
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(instanceProfileId, "instanceProfileId is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(path, "path is null");
    tags = List.copyOf(tags);
    Objects.requireNonNull(createDate, "createDate is null");
  }

  public String arn() {
    return Arns.instanceProfile(accountId, path, name);
  }

  public InstanceProfile withTags(List<Tag> newTags) {
    return new InstanceProfile(
        accountId, instanceProfileId, name, path, roleName, newTags, createDate);
  }

  public InstanceProfile withRole(String role) {
    return new InstanceProfile(accountId, instanceProfileId, name, path, role, tags, createDate);
  }
}
