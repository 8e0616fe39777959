package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.port.Repositories;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The IAM quotas of one account: AWS's defaults (docs/aws-reference.md §5), each replaceable per
 * account (admin API {@code /_rolegate/accounts/{id}/quotas}, CLI {@code rolegate accounts
 * quotas}). The one place that knows the defaults; every check runs inside the write transaction of
 * the insert it guards, so concurrent creates cannot overshoot (writes are serialized).
 */
public record IamQuotas(Map<Quota, Integer> values) {
  /**
   * The largest value a quota may be set to; size quotas stop at the API's largest policy document.
   */
  public static final int MAX_COUNT = 1_000_000;

  public static final int MAX_SIZE = 131_072;

  /**
   * A quota: its name as AWS's LimitExceeded message names it, AWS's default, its GetAccountSummary
   * key.
   */
  public enum Quota {
    ROLES_PER_ACCOUNT("RolesPerAccount", 1000, "RolesQuota"),
    USERS_PER_ACCOUNT("UsersPerAccount", 5000, "UsersQuota"),
    GROUPS_PER_ACCOUNT("GroupsPerAccount", 300, "GroupsQuota"),
    POLICIES_PER_ACCOUNT("PoliciesPerAccount", 1500, "PoliciesQuota"),
    INSTANCE_PROFILES_PER_ACCOUNT("InstanceProfilesPerAccount", 1000, "InstanceProfilesQuota"),
    OIDC_PROVIDERS_PER_ACCOUNT("OpenIdConnectProvidersPerAccount", 100, null),
    SAML_PROVIDERS_PER_ACCOUNT("SAMLProvidersPerAccount", 100, null),
    POLICIES_PER_ROLE("PoliciesPerRole", 10, "AttachedPoliciesPerRoleQuota"),
    POLICIES_PER_USER("PoliciesPerUser", 10, "AttachedPoliciesPerUserQuota"),
    POLICIES_PER_GROUP("PoliciesPerGroup", 10, "AttachedPoliciesPerGroupQuota"),
    GROUPS_PER_USER("GroupsPerUser", 10, "GroupsPerUserQuota"),
    VERSIONS_PER_POLICY("VersionsPerPolicy", 5, "VersionsPerPolicyQuota"),
    ACCESS_KEYS_PER_USER("AccessKeysPerUser", 2, "AccessKeysPerUserQuota"),
    MFA_DEVICES_PER_USER("MFADevicesPerUser", 8, null),
    ROLE_POLICY_SIZE("RolePolicySize", 10240, "RolePolicySizeQuota"),
    USER_POLICY_SIZE("UserPolicySize", 2048, "UserPolicySizeQuota"),
    GROUP_POLICY_SIZE("GroupPolicySize", 5120, "GroupPolicySizeQuota"),
    POLICY_SIZE("PolicySize", 6144, "PolicySizeQuota"),
    ACL_SIZE_PER_ROLE("ACLSizePerRole", 2048, "AssumeRolePolicySizeQuota");

    private final String awsName;
    private final int defaultValue;
    private final String summaryKey;

    Quota(String awsName, int defaultValue, String summaryKey) {
      this.awsName = awsName;
      this.defaultValue = defaultValue;
      this.summaryKey = summaryKey;
    }

    public String awsName() {
      return awsName;
    }

    public int defaultValue() {
      return defaultValue;
    }

    /** Its GetAccountSummary key, or null when the summary has none. */
    public String summaryKey() {
      return summaryKey;
    }

    boolean isSize() {
      return awsName.endsWith("Size") || this == ACL_SIZE_PER_ROLE;
    }

    int max() {
      return isSize() ? MAX_SIZE : MAX_COUNT;
    }
  }

  private static final Map<String, Quota> BY_NAME =
      Arrays.stream(Quota.values()).collect(Collectors.toUnmodifiableMap(Quota::awsName, q -> q));

  /** AWS's default quotas. */
  public static final IamQuotas DEFAULTS = new IamQuotas(Map.of());

  public IamQuotas {
    EnumMap<Quota, Integer> m = new EnumMap<>(Quota.class);
    for (Quota q : Quota.values()) {
      m.put(q, values.getOrDefault(q, q.defaultValue()));
    }
    values = Collections.unmodifiableMap(m);
  }

  public int get(Quota q) {
    return values.get(q);
  }

  /** The value of the quota GetAccountSummary reports under that key. */
  public int summary(String summaryKey) {
    for (Quota q : Quota.values()) {
      if (summaryKey.equals(q.summaryKey())) {
        return get(q);
      }
    }
    throw new IllegalArgumentException("no quota has the summary key " + summaryKey);
  }

  /** The account's quotas: AWS's defaults with the account's settings in place. */
  public static IamQuotas of(Repositories r, String accountId) {
    Map<String, Integer> set = r.accounts().quotas(accountId);
    if (set.isEmpty()) {
      return DEFAULTS;
    }
    EnumMap<Quota, Integer> m = new EnumMap<>(Quota.class);
    set.forEach(
        (name, value) -> {
          Quota q = BY_NAME.get(name);
          if (q != null) {
            m.put(q, value);
          }
        });
    return new IamQuotas(m);
  }

  /** The quota of that name, or InvalidInput naming the known ones. */
  public static Quota named(String name) {
    Quota q = name == null ? null : BY_NAME.get(name);
    if (q == null) {
      throw AwsServiceException.invalidInput(
          "Unknown quota "
              + name
              + "; the quotas are "
              + Arrays.stream(Quota.values())
                  .map(Quota::awsName)
                  .collect(Collectors.joining(", ")));
    }
    return q;
  }

  /** Refuses a value the quota cannot be set to (InvalidInput). */
  public static void requireSettable(Quota q, long value) {
    if (value < 0 || value > q.max()) {
      throw AwsServiceException.invalidInput(
          "Quota " + q.awsName() + " must be a whole number from 0 to " + q.max() + ": " + value);
    }
  }

  /**
   * LimitExceeded unless one more than {@code current} fits: "Cannot exceed quota for X: N" (AWS's
   * text).
   */
  public void requireRoom(Quota q, int current) {
    if (current >= get(q)) {
      throw exceeded(q);
    }
  }

  public AwsServiceException exceeded(Quota q) {
    return new AwsServiceException(
        AwsErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for " + q.awsName() + ": " + get(q));
  }

  /** A policy document's size as IAM counts it against these quotas: white space does not count. */
  public static int policySize(String document) {
    int n = 0;
    for (int i = 0; i < document.length(); i++) {
      if (!Character.isWhitespace(document.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  /**
   * LimitExceeded ("Cannot exceed quota for PolicySize: 6144" etc.) when the document is larger
   * than the size quota.
   */
  public void requireSize(Quota q, String document) {
    if (policySize(document) > get(q)) {
      throw exceeded(q);
    }
  }

  /**
   * Refuses an inline policy that would make the owner's inline policies together (the one it
   * replaces left out) larger than RolePolicySize, UserPolicySize or GroupPolicySize: AWS's
   * "Maximum policy size of 10240 bytes exceeded for role NAME" (LimitExceeded).
   */
  public void requireInlineRoom(
      Repositories r,
      String accountId,
      PrincipalType type,
      String owner,
      String policyName,
      String document) {
    int aggregate = policySize(document);
    for (InlinePolicy p : r.inlinePolicies().list(accountId, type, owner)) {
      if (!p.name().equals(policyName)) {
        aggregate += policySize(p.document());
      }
    }
    Quota q =
        switch (type) {
          case ROLE -> Quota.ROLE_POLICY_SIZE;
          case USER -> Quota.USER_POLICY_SIZE;
          case GROUP -> Quota.GROUP_POLICY_SIZE;
        };
    if (aggregate > get(q)) {
      throw new AwsServiceException(
          AwsErrorCode.LIMIT_EXCEEDED,
          "Maximum policy size of "
              + get(q)
              + " bytes exceeded for "
              + type.name().toLowerCase(java.util.Locale.ROOT)
              + " "
              + owner);
    }
  }
}
