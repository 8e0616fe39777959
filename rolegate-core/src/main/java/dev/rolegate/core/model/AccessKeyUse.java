package dev.rolegate.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The last use of a long-term access key, as GetAccessKeyLastUsed reports it: when, with which
 * service (the signing scope's service, e.g. {@code iam}, {@code sts}) and in which region.
 */
public record AccessKeyUse(Instant date, String serviceName, String region) {
  public AccessKeyUse {
    Objects.requireNonNull(date, "date is null");
    Objects.requireNonNull(serviceName, "serviceName is null");
    Objects.requireNonNull(region, "region is null");
  }
}
