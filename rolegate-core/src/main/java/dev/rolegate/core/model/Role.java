package dev.rolegate.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An IAM role.
 *
 * @param roleId the unique id, {@code AROA...}
 * @param assumeRolePolicyDocument the trust policy, as the user wrote it
 * @param description null when none
 * @param maxSessionDuration seconds, 3600 to 43200
 * @param permissionsBoundaryArn null when none
 * @param lastUsedDate null until the role is first assumed
 */
public record Role(
    String accountId,
    String roleId,
    String name,
    String path,
    String assumeRolePolicyDocument,
    String description,
    int maxSessionDuration,
    String permissionsBoundaryArn,
    List<Tag> tags,
    Instant createDate,
    Instant lastUsedDate,
    String lastUsedRegion) {
  public Role {
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(roleId, "roleId is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(path, "path is null");
    Objects.requireNonNull(assumeRolePolicyDocument, "assumeRolePolicyDocument is null");
    tags = List.copyOf(tags);
    Objects.requireNonNull(createDate, "createDate is null");
  }

  public String arn() {
    return Arns.role(accountId, path, name);
  }

  public Role withAssumeRolePolicy(String document) {
    return new Role(
        accountId,
        roleId,
        name,
        path,
        document,
        description,
        maxSessionDuration,
        permissionsBoundaryArn,
        tags,
        createDate,
        lastUsedDate,
        lastUsedRegion);
  }

  public Role withDescription(String newDescription) {
    return new Role(
        accountId,
        roleId,
        name,
        path,
        assumeRolePolicyDocument,
        newDescription,
        maxSessionDuration,
        permissionsBoundaryArn,
        tags,
        createDate,
        lastUsedDate,
        lastUsedRegion);
  }

  public Role withMaxSessionDuration(int seconds) {
    return new Role(
        accountId,
        roleId,
        name,
        path,
        assumeRolePolicyDocument,
        description,
        seconds,
        permissionsBoundaryArn,
        tags,
        createDate,
        lastUsedDate,
        lastUsedRegion);
  }

  /**
   * @param boundaryArn null: no boundary
   */
  public Role withPermissionsBoundary(String boundaryArn) {
    return new Role(
        accountId,
        roleId,
        name,
        path,
        assumeRolePolicyDocument,
        description,
        maxSessionDuration,
        boundaryArn,
        tags,
        createDate,
        lastUsedDate,
        lastUsedRegion);
  }

  public Role withTags(List<Tag> newTags) {
    return new Role(
        accountId,
        roleId,
        name,
        path,
        assumeRolePolicyDocument,
        description,
        maxSessionDuration,
        permissionsBoundaryArn,
        newTags,
        createDate,
        lastUsedDate,
        lastUsedRegion);
  }

  /** Assumed at {@code when} in {@code region} (RoleLastUsed). */
  public Role withLastUsed(Instant when, String region) {
    return new Role(
        accountId,
        roleId,
        name,
        path,
        assumeRolePolicyDocument,
        description,
        maxSessionDuration,
        permissionsBoundaryArn,
        tags,
        createDate,
        when,
        region);
  }
}
