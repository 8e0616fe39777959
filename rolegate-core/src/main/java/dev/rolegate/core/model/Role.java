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
    return "arn:aws:iam::" + accountId + ":role" + path + name;
  }
}
