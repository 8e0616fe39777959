package dev.rolegate.core.iam;

import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.InstanceProfile;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.model.User;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Tags of roles, users, customer managed policies and instance profiles: Tag*, Untag*, List*Tags.
 * Tagging merges (a key the resource has gets the new value, in its place), the 50-tag limit counts
 * the result, untagging a key the resource does not have is not an error. Keys of roles, users and
 * instance profiles are matched without regard to case, those of managed policies exactly (AWS
 * accepted {@code a} and {@code A} side by side on a policy). Tag actions are authorized with
 * {@code aws:RequestTag/KEY} and {@code aws:TagKeys}, untag actions with {@code aws:TagKeys}.
 */
public final class TagService {
  public static final int MAX_TAGS = 50;

  private final IamContext iam;
  private final Taggable<Role> roles;
  private final Taggable<User> users;
  private final Taggable<ManagedPolicy> policies;
  private final Taggable<InstanceProfile> profiles;

  public TagService(IamContext iam) {
    this.iam = iam;
    PrincipalPolicies principals = new PrincipalPolicies(iam);
    this.roles =
        new Taggable<>(
            "iam:TagRole",
            "iam:UntagRole",
            "iam:ListRoleTags",
            true,
            (r, c, info, action, name, write, keys) ->
                principals.authorizedWith(r, c, info, PrincipalKind.ROLE, action, name, x -> keys),
            Role::tags,
            Role::withTags,
            (r, x) -> r.roles().update(x));
    this.users =
        new Taggable<>(
            "iam:TagUser",
            "iam:UntagUser",
            "iam:ListUserTags",
            true,
            (r, c, info, action, name, write, keys) ->
                principals.authorizedWith(r, c, info, PrincipalKind.USER, action, name, x -> keys),
            User::tags,
            User::withTags,
            (r, x) -> r.users().update(x));
    this.policies =
        new Taggable<>(
            "iam:TagPolicy",
            "iam:UntagPolicy",
            "iam:ListPolicyTags",
            false,
            this::policy,
            ManagedPolicy::tags,
            ManagedPolicy::withTags,
            (r, x) -> r.managedPolicies().update(x));
    this.profiles =
        new Taggable<>(
            "iam:TagInstanceProfile",
            "iam:UntagInstanceProfile",
            "iam:ListInstanceProfileTags",
            true,
            (r, c, info, action, name, write, keys) -> profile(r, c, info, action, name, keys),
            InstanceProfile::tags,
            InstanceProfile::withTags,
            (r, x) -> r.instanceProfiles().update(x));
  }

  // ---------------------------------------------------------------- the rules

  /**
   * The resource's tags with {@code added} merged in: validated, replaced in place, appended, at
   * most 50 in all.
   */
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
          "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to "
              + MAX_TAGS);
    }
    return List.copyOf(out);
  }

  /**
   * The resource's tags without the given keys (absent keys are ignored; their shape is the service
   * model's, checked before the call).
   */
  static List<Tag> remove(List<Tag> existing, List<String> keys, boolean caseInsensitive) {
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

  private static int indexOf(List<Tag> tags, String key, boolean caseInsensitive) {
    for (int i = 0; i < tags.size(); i++) {
      if (caseInsensitive
          ? tags.get(i).key().equalsIgnoreCase(key)
          : tags.get(i).key().equals(key)) {
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

  // ---------------------------------------------------------------- once for every kind

  /**
   * How a Tag*, Untag* or List*Tags call finds its entity, once the caller is allowed the action
   * with the keys.
   */
  @FunctionalInterface
  private interface Locator<E> {
    /**
     * @param write a change (AWS managed policies refuse it)
     */
    E find(
        Repositories r,
        Caller c,
        RequestInfo info,
        String action,
        String id,
        boolean write,
        Consumer<RequestContext.Builder> keys);
  }

  /**
   * One kind of taggable entity: its three actions, whether its keys are matched without regard to
   * case, how to find it, its tags and how to store it with new ones.
   */
  private record Taggable<E>(
      String tagAction,
      String untagAction,
      String listAction,
      boolean caseInsensitive,
      Locator<E> locator,
      Function<E, List<Tag>> tags,
      BiFunction<E, List<Tag>, E> withTags,
      BiConsumer<Repositories, E> update) {}

  private <E> void tag(Taggable<E> kind, Caller c, RequestInfo info, String id, List<Tag> tags) {
    Tags.validate(tags, kind.caseInsensitive());
    iam.store()
        .write(
            r -> {
              E x = kind.locator().find(r, c, info, kind.tagAction(), id, true, tagKeys(tags));
              kind.update()
                  .accept(
                      r,
                      kind.withTags()
                          .apply(x, merge(kind.tags().apply(x), tags, kind.caseInsensitive())));
              return null;
            });
  }

  private <E> void untag(
      Taggable<E> kind, Caller c, RequestInfo info, String id, List<String> keys) {
    iam.store()
        .write(
            r -> {
              E x = kind.locator().find(r, c, info, kind.untagAction(), id, true, untagKeys(keys));
              kind.update()
                  .accept(
                      r,
                      kind.withTags()
                          .apply(x, remove(kind.tags().apply(x), keys, kind.caseInsensitive())));
              return null;
            });
  }

  private <E> List<Tag> listed(
      Repositories r, Taggable<E> kind, Caller c, RequestInfo info, String id) {
    return kind.tags()
        .apply(kind.locator().find(r, c, info, kind.listAction(), id, false, b -> {}));
  }

  private <E> Page<Tag> list(
      Taggable<E> kind, Caller c, RequestInfo info, String id, String marker, Integer maxItems) {
    List<Tag> tags = iam.store().read(r -> listed(r, kind, c, info, id));
    return Page.of(tags, marker, maxItems);
  }

  // ---------------------------------------------------------------- roles

  public void tagRole(Caller c, RequestInfo info, String roleName, List<Tag> tags) {
    tag(roles, c, info, roleName, tags);
  }

  public void untagRole(Caller c, RequestInfo info, String roleName, List<String> keys) {
    untag(roles, c, info, roleName, keys);
  }

  public Page<Tag> listRoleTags(
      Caller c, RequestInfo info, String roleName, String marker, Integer maxItems) {
    return list(roles, c, info, roleName, marker, maxItems);
  }

  // ---------------------------------------------------------------- users

  public void tagUser(Caller c, RequestInfo info, String userName, List<Tag> tags) {
    tag(users, c, info, userName, tags);
  }

  public void untagUser(Caller c, RequestInfo info, String userName, List<String> keys) {
    untag(users, c, info, userName, keys);
  }

  public Page<Tag> listUserTags(
      Caller c, RequestInfo info, String userName, String marker, Integer maxItems) {
    return list(users, c, info, userName, marker, maxItems);
  }

  // ---------------------------------------------------------------- customer managed policies

  private ManagedPolicy policy(
      Repositories r,
      Caller c,
      RequestInfo info,
      String action,
      String arn,
      boolean write,
      Consumer<RequestContext.Builder> keys) {
    Arns.Parsed parsed = Validation.policyArn(arn);
    if (write && AwsManagedCatalog.isAwsManagedArn(arn)) {
      throw KeyedAuthorization.awsManaged(c, action, arn);
    }
    KeyedAuthorization.require(iam, r, c, info, action, arn, keys);
    AwsServiceException missing =
        AwsServiceException.noSuchEntity("Policy " + arn + " was not found.");
    if (!parsed.account().equals(c.accountId())) {
      throw missing;
    }
    return r.managedPolicies().findByArn(arn).orElseThrow(() -> missing);
  }

  public void tagPolicy(Caller c, RequestInfo info, String arn, List<Tag> tags) {
    tag(policies, c, info, arn, tags);
  }

  public void untagPolicy(Caller c, RequestInfo info, String arn, List<String> keys) {
    untag(policies, c, info, arn, keys);
  }

  /** AWS managed policies have no tags (an empty list, as GetPolicy shows them). */
  public Page<Tag> listPolicyTags(
      Caller c, RequestInfo info, String arn, String marker, Integer maxItems) {
    List<Tag> tags =
        iam.store()
            .read(
                r -> {
                  if (AwsManagedCatalog.isAwsManagedArn(arn)) {
                    Validation.policyArn(arn);
                    iam.authorizer().require(r, c, info, "iam:ListPolicyTags", arn);
                    if (iam.catalog().find(arn) == null) {
                      throw AwsServiceException.noSuchEntity("Policy " + arn + " was not found.");
                    }
                    return List.<Tag>of();
                  }
                  return listed(r, policies, c, info, arn);
                });
    return Page.of(tags, marker, maxItems);
  }

  // ---------------------------------------------------------------- instance profiles

  private InstanceProfile profile(
      Repositories r,
      Caller c,
      RequestInfo info,
      String action,
      String name,
      Consumer<RequestContext.Builder> keys) {
    InstanceProfile p = r.instanceProfiles().findByName(c.accountId(), name).orElse(null);
    KeyedAuthorization.require(
        iam,
        r,
        c,
        info,
        action,
        p != null ? p.arn() : Arns.instanceProfile(c.accountId(), "/", name),
        keys);
    if (p == null) {
      throw AwsServiceException.noSuchEntity("Instance Profile " + name + " cannot be found.");
    }
    return p;
  }

  public void tagInstanceProfile(Caller c, RequestInfo info, String name, List<Tag> tags) {
    tag(profiles, c, info, name, tags);
  }

  public void untagInstanceProfile(Caller c, RequestInfo info, String name, List<String> keys) {
    untag(profiles, c, info, name, keys);
  }

  public Page<Tag> listInstanceProfileTags(
      Caller c, RequestInfo info, String name, String marker, Integer maxItems) {
    return list(profiles, c, info, name, marker, maxItems);
  }
}
