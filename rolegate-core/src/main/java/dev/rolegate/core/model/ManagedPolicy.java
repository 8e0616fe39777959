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
    return Arns.policy(accountId, path, name);
  }

  public ManagedPolicy withDefaultVersion(String versionId) {
    return new ManagedPolicy(
        accountId,
        policyId,
        name,
        path,
        description,
        versionId,
        nextVersion,
        tags,
        createDate,
        updateDate);
  }

  /** The number the next version will get. */
  public ManagedPolicy withNextVersion(int next) {
    return new ManagedPolicy(
        accountId,
        policyId,
        name,
        path,
        description,
        defaultVersionId,
        next,
        tags,
        createDate,
        updateDate);
  }

  public ManagedPolicy withUpdateDate(Instant date) {
    return new ManagedPolicy(
        accountId,
        policyId,
        name,
        path,
        description,
        defaultVersionId,
        nextVersion,
        tags,
        createDate,
        date);
  }

  public ManagedPolicy withTags(List<Tag> newTags) {
    return new ManagedPolicy(
        accountId,
        policyId,
        name,
        path,
        description,
        defaultVersionId,
        nextVersion,
        newTags,
        createDate,
        updateDate);
  }
}
