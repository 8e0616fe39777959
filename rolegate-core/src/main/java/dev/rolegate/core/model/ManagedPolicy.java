package dev.rolegate.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A customer managed policy ({@code arn:aws:iam::ACCOUNT:policy/PATH/NAME}); AWS managed policies
 * come from the read-only catalog, not the store.
 *
 * @param policyId {@code ANPA...}
 * @param defaultVersionId {@code v1}, {@code v2}, ...
 * @param nextVersion the number the next version gets (versions are never reused)
 */
public record ManagedPolicy(
    String accountId,
    String policyId,
    String name,
    String path,
    String description,
    String defaultVersionId,
    int nextVersion,
    List<Tag> tags,
    Instant createDate,
    Instant updateDate) {
  public ManagedPolicy {
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(policyId, "policyId is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(path, "path is null");
    Objects.requireNonNull(defaultVersionId, "defaultVersionId is null");
    tags = List.copyOf(tags);
    Objects.requireNonNull(createDate, "createDate is null");
    Objects.requireNonNull(updateDate, "updateDate is null");
  }

  public String arn() {
    return "arn:aws:iam::" + accountId + ":policy" + path + name;
  }
}
