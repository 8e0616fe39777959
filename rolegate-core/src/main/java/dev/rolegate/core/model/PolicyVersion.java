package dev.rolegate.core.model;

import java.time.Instant;
import java.util.Objects;

/** One version of a managed policy: its document as written. */
public record PolicyVersion(
    String policyArn, String versionId, String document, Instant createDate) {
  public PolicyVersion {
    Objects.requireNonNull(policyArn, "policyArn is null");
    Objects.requireNonNull(versionId, "versionId is null");
    Objects.requireNonNull(document, "document is null");
    Objects.requireNonNull(createDate, "createDate is null");
  }
}
