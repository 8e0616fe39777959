package dev.rolegate.core.iam;

import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.InstanceProfile;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Tags of roles, users, customer managed policies and instance profiles: Tag*, Untag*, List*Tags.
 * Tagging merges (a key the resource has gets the new value, in its place), the 50-tag limit counts
 * the result, untagging a key the resource does not have is not an error. Keys of roles, users and
 * instance profiles are matched without regard to case, those of managed policies exactly (AWS
 * accepted {@code a} and {@code A} side by side on a policy). Tag actions are authorized with {@code
 * aws:RequestTag/KEY} and {@code aws:TagKeys}, untag actions with {@code aws:TagKeys}.
 */
public final class TagService {
  public static final int MAX_TAGS = 50;
  private static final Pattern KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");

  private final IamContext iam;

  public TagService(IamContext iam) {
    this.iam = iam;
  }

  // ---------------------------------------------------------------- the rules

  /** The resource's tags with {@code added} merged in: validated, replaced in place, appended, at most 50 in all. */
  static List<Tag> merge(List<Tag> existing, List<Tag> added, boolean caseInsensitive) {
    List<Tag> request = Tags.validate(added, caseInsensitive);
    List<Tag> out = new ArrayList<>(existing);
    for (Tag t : request) {
      int at = indexOf(out, t.key(), caseInsensitive);
      if (at >= 0) {
        out.set(at, t);
      } else {
        out.add(t);
      }
    }
    if (out.size() > MAX_TAGS) {
      throw AwsServiceException.validation(
          "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to " + MAX_TAGS);
    }
    return List.copyOf(out);
  }

  /** The resource's tags without the given keys (absent keys are ignored). */
  static List<Tag> remove(List<Tag> existing, List<String> keys, boolean caseInsensitive) {
    validateKeys(keys);
    Set<String> gone = new HashSet<>();
    for (String k : keys) {
      gone.add(caseInsensitive ? k.toLowerCase(Locale.ROOT) : k);
    }
    List<Tag> out = new ArrayList<>();
    for (Tag t : existing) {
      if (!gone.contains(caseInsensitive ? t.key().toLowerCase(Locale.ROOT) : t.key())) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  static void validateKeys(List<String> keys) {
    if (keys.size() > MAX_TAGS) {
      throw AwsServiceException.validation(
          "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to " + MAX_TAGS);
    }
    for (String k : keys) {
      if (k == null || k.isEmpty() || k.length() > 128 || !KEY.matcher(k).matches()) {
        throw AwsServiceException.validation(
            "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: "
                + "[Member must have length less than or equal to 128, Member must have length greater than or equal to 1, "
                + "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+, Member must not be null]");
      }
    }
  }

  private static int indexOf(List<Tag> tags, String key, boolean caseInsensitive) {
    for (int i = 0; i < tags.size(); i++) {
      if (caseInsensitive ? tags.get(i).key().equalsIgnoreCase(key) : tags.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  static Consumer<RequestContext.Builder> tagKeys(List<Tag> tags) {
    return b -> {
      for (Tag t : tags) {
        b.put("aws:RequestTag/" + t.key(), t.value());
      }
      b.putMulti("aws:TagKeys", tags.stream().map(Tag::key).toList());
    };
  }

  static Consumer<RequestContext.Builder> untagKeys(List<String> keys) {
    return b -> b.putMulti("aws:TagKeys", List.copyOf(keys));
  }

  // ---------------------------------------------------------------- roles

  private Role role(Repositories r, Caller c, RequestInfo info, String action, String name, Consumer<RequestContext.Builder> keys) {
    Validation.name("roleName", name, 64);
    Role role = r.roles().findByName(c.accountId(), name).orElse(null);
    KeyedAuthorization.require(iam, r, c, info, action, role != null ? role.arn() : "arn:aws:iam::" + c.accountId() + ":role/" + name, keys);
    if (role == null) {
      throw RoleService.noSuchRole(name);
    }
    return role;
  }

  public void tagRole(Caller c, RequestInfo info, String roleName, List<Tag> tags) {
    Tags.validate(tags, true);
    iam.store().write(r -> {
      Role x = role(r, c, info, "iam:TagRole", roleName, tagKeys(tags));
      r.roles().update(withTags(x, merge(x.tags(), tags, true)));
      return null;
    });
  }

  public void untagRole(Caller c, RequestInfo info, String roleName, List<String> keys) {
    validateKeys(keys);
    iam.store().write(r -> {
      Role x = role(r, c, info, "iam:UntagRole", roleName, untagKeys(keys));
      r.roles().update(withTags(x, remove(x.tags(), keys, true)));
      return null;
    });
  }

  public Page<Tag> listRoleTags(Caller c, RequestInfo info, String roleName, String marker, Integer maxItems) {
    List<Tag> tags = iam.store().read(r -> role(r, c, info, "iam:ListRoleTags", roleName, b -> {}).tags());
    return Page.of(tags, marker, maxItems);
  }

  private static Role withTags(Role r, List<Tag> tags) {
    return new Role(
        r.accountId(), r.roleId(), r.name(), r.path(), r.assumeRolePolicyDocument(), r.description(), r.maxSessionDuration(),
        r.permissionsBoundaryArn(), tags, r.createDate(), r.lastUsedDate(), r.lastUsedRegion());
  }

  // ---------------------------------------------------------------- users

  private User user(Repositories r, Caller c, RequestInfo info, String action, String name, Consumer<RequestContext.Builder> keys) {
    Validation.name("userName", name, 128);
    User user = r.users().findByName(c.accountId(), name).orElse(null);
    KeyedAuthorization.require(iam, r, c, info, action, user != null ? user.arn() : "arn:aws:iam::" + c.accountId() + ":user/" + name, keys);
    if (user == null) {
      throw UserService.noSuchUser(name);
    }
    return user;
  }

  public void tagUser(Caller c, RequestInfo info, String userName, List<Tag> tags) {
    Tags.validate(tags, true);
    iam.store().write(r -> {
      User u = user(r, c, info, "iam:TagUser", userName, tagKeys(tags));
      r.users().update(withTags(u, merge(u.tags(), tags, true)));
      return null;
    });
  }

  public void untagUser(Caller c, RequestInfo info, String userName, List<String> keys) {
    validateKeys(keys);
    iam.store().write(r -> {
      User u = user(r, c, info, "iam:UntagUser", userName, untagKeys(keys));
      r.users().update(withTags(u, remove(u.tags(), keys, true)));
      return null;
    });
  }

  public Page<Tag> listUserTags(Caller c, RequestInfo info, String userName, String marker, Integer maxItems) {
    List<Tag> tags = iam.store().read(r -> user(r, c, info, "iam:ListUserTags", userName, b -> {}).tags());
    return Page.of(tags, marker, maxItems);
  }

  private static User withTags(User u, List<Tag> tags) {
    return new User(u.accountId(), u.userId(), u.name(), u.path(), u.permissionsBoundaryArn(), tags, u.createDate());
  }

  // ---------------------------------------------------------------- customer managed policies

  private ManagedPolicy policy(
      Repositories r, Caller c, RequestInfo info, String action, String arn, boolean write, Consumer<RequestContext.Builder> keys) {
    Arns.Parsed parsed = Validation.policyArn(arn);
    if (write && AwsManagedCatalog.isAwsManagedArn(arn)) {
      throw KeyedAuthorization.awsManaged(c, action, arn);
    }
    KeyedAuthorization.require(iam, r, c, info, action, arn, keys);
    AwsServiceException missing = AwsServiceException.noSuchEntity("Policy " + arn + " was not found.");
    if (!parsed.account().equals(c.accountId())) {
      throw missing;
    }
    return r.managedPolicies().findByArn(arn).orElseThrow(() -> missing);
  }

  public void tagPolicy(Caller c, RequestInfo info, String arn, List<Tag> tags) {
    Tags.validate(tags, false);
    iam.store().write(r -> {
      ManagedPolicy p = policy(r, c, info, "iam:TagPolicy", arn, true, tagKeys(tags));
      r.managedPolicies().update(withTags(p, merge(p.tags(), tags, false)));
      return null;
    });
  }

  public void untagPolicy(Caller c, RequestInfo info, String arn, List<String> keys) {
    validateKeys(keys);
    iam.store().write(r -> {
      ManagedPolicy p = policy(r, c, info, "iam:UntagPolicy", arn, true, untagKeys(keys));
      r.managedPolicies().update(withTags(p, remove(p.tags(), keys, false)));
      return null;
    });
  }

  /** AWS managed policies have no tags (an empty list, as GetPolicy shows them). */
  public Page<Tag> listPolicyTags(Caller c, RequestInfo info, String arn, String marker, Integer maxItems) {
    List<Tag> tags = iam.store().read(r -> {
      if (AwsManagedCatalog.isAwsManagedArn(arn)) {
        Validation.policyArn(arn);
        iam.authorizer().require(r, c, info, "iam:ListPolicyTags", arn);
        if (iam.catalog().find(arn) == null) {
          throw AwsServiceException.noSuchEntity("Policy " + arn + " was not found.");
        }
        return List.<Tag>of();
      }
      return policy(r, c, info, "iam:ListPolicyTags", arn, false, b -> {}).tags();
    });
    return Page.of(tags, marker, maxItems);
  }

  private static ManagedPolicy withTags(ManagedPolicy p, List<Tag> tags) {
    return new ManagedPolicy(
        p.accountId(), p.policyId(), p.name(), p.path(), p.description(), p.defaultVersionId(), p.nextVersion(), tags,
        p.createDate(), p.updateDate());
  }

  // ---------------------------------------------------------------- instance profiles

  private InstanceProfile profile(
      Repositories r, Caller c, RequestInfo info, String action, String name, Consumer<RequestContext.Builder> keys) {
    Validation.name("instanceProfileName", name, 128);
    InstanceProfile p = r.instanceProfiles().findByName(c.accountId(), name).orElse(null);
    KeyedAuthorization.require(
        iam, r, c, info, action, p != null ? p.arn() : "arn:aws:iam::" + c.accountId() + ":instance-profile/" + name, keys);
    if (p == null) {
      throw AwsServiceException.noSuchEntity("Instance Profile " + name + " cannot be found.");
    }
    return p;
  }

  public void tagInstanceProfile(Caller c, RequestInfo info, String name, List<Tag> tags) {
    Tags.validate(tags, true);
    iam.store().write(r -> {
      InstanceProfile p = profile(r, c, info, "iam:TagInstanceProfile", name, tagKeys(tags));
      r.instanceProfiles().update(withTags(p, merge(p.tags(), tags, true)));
      return null;
    });
  }

  public void untagInstanceProfile(Caller c, RequestInfo info, String name, List<String> keys) {
    validateKeys(keys);
    iam.store().write(r -> {
      InstanceProfile p = profile(r, c, info, "iam:UntagInstanceProfile", name, untagKeys(keys));
      r.instanceProfiles().update(withTags(p, remove(p.tags(), keys, true)));
      return null;
    });
  }

  public Page<Tag> listInstanceProfileTags(Caller c, RequestInfo info, String name, String marker, Integer maxItems) {
    List<Tag> tags = iam.store().read(r -> profile(r, c, info, "iam:ListInstanceProfileTags", name, b -> {}).tags());
    return Page.of(tags, marker, maxItems);
  }

  private static InstanceProfile withTags(InstanceProfile p, List<Tag> tags) {
    return new InstanceProfile(p.accountId(), p.instanceProfileId(), p.name(), p.path(), p.roleName(), tags, p.createDate());
  }
}
