package dev.rolegate.policy;

/** Where a policy sits in an evaluation; the phrase is AWS's, as used in AccessDenied messages. */
public enum PolicyType {
  SERVICE_CONTROL_POLICY("service control policy"),
  RESOURCE_BASED("resource-based policy"),
  IDENTITY_BASED("identity-based policy"),
  PERMISSIONS_BOUNDARY("permissions boundary"),
  SESSION("session policy");

  private final String phrase;

  PolicyType(String phrase) {
    this.phrase = phrase;
  }

  /** "identity-based policy", "permissions boundary", ... */
  public String phrase() {
    return phrase;
  }
}
