package dev.rolegate.core.port.contract;

import dev.rolegate.core.model.AccessKey;
import dev.rolegate.core.model.Account;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PolicyVersion;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.model.User;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Entities for the store tests: valid, distinct, with millisecond timestamps. */
public final class Fixtures {
  public static final String ACCOUNT = "123456789012";
  public static final String OTHER_ACCOUNT = "210987654321";
  public static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  public static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  public static final String DOCUMENT =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";

  private Fixtures() {}

  public static Instant at(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0);
  }

  public static Account account(String id) {
    return new Account(id, T0);
  }

  public static Role role(String accountId, String name) {
    return role(accountId, name, "/");
  }

  public static Role role(String accountId, String name, String path) {
    return new Role(
        accountId,
        "AROA" + id(accountId, name),
        name,
        path,
        TRUST,
        null,
        3600,
        null,
        List.of(),
        T0,
        null,
        null);
  }

  public static User user(String accountId, String name) {
    return user(accountId, name, "/");
  }

  public static User user(String accountId, String name, String path) {
    return new User(accountId, "AIDA" + id(accountId, name), name, path, null, List.of(), T0);
  }

  public static ManagedPolicy policy(String accountId, String name) {
    return policy(accountId, name, "/");
  }

  public static ManagedPolicy policy(String accountId, String name, String path) {
    return new ManagedPolicy(
        accountId, "ANPA" + id(accountId, name), name, path, null, "v1", 2, List.of(), T0, T0);
  }

  public static PolicyVersion version(ManagedPolicy policy, String versionId, Instant createDate) {
    return new PolicyVersion(
        policy.arn(), versionId, DOCUMENT.replace("s3:*", "s3:" + versionId), createDate);
  }

  /**
   * @param userName null for a root key
   */
  public static AccessKey key(
      String accessKeyId, String accountId, String userName, Instant createDate) {
    return new AccessKey(
        accessKeyId,
        accountId,
        userName,
        ("sealed:" + accessKeyId).getBytes(StandardCharsets.UTF_8),
        true,
        createDate);
  }

  public static List<Tag> tags(String... keysAndValues) {
    Tag[] tags = new Tag[keysAndValues.length / 2];
    for (int i = 0; i < tags.length; i++) {
      tags[i] = new Tag(keysAndValues[2 * i], keysAndValues[2 * i + 1]);
    }
    return List.of(tags);
  }

  /** A stable pseudo-id for a name (ids are unique per name, names are unique per account). */
  private static String id(String accountId, String name) {
    return Integer.toHexString((accountId + "/" + name).hashCode())
            .toUpperCase(java.util.Locale.ROOT)
        + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "")
        + (accountId + name).length();
  }
}
