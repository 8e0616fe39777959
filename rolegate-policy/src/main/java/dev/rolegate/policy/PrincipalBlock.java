package dev.rolegate.policy;

import java.util.List;

/**
 * A Principal or NotPrincipal element: {@code "*"} or a map of principal types (AWS, Service,
 * Federated, CanonicalUser) to values.
 */
public record PrincipalBlock(boolean wildcard, List<Entry> entries, SourcePosition position) {
  public PrincipalBlock {
    entries = List.copyOf(entries);
  }

  /**
   * One principal value with its type as written ("AWS", "Service", "Federated", "CanonicalUser").
   */
  public record Entry(String type, Text value) {}
}
