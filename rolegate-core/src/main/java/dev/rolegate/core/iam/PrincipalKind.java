package dev.rolegate.core.iam;

import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.Repositories;
import java.util.Optional;
import java.util.function.Function;

/**
 * What differs between roles, users and groups for the operations they share ({@link
 * PrincipalPolicies}, tags, boundaries): the {@link PrincipalType} their policies are stored under,
 * the name's parameter and length, the IAM actions, the noun of AWS's "cannot be found" messages,
 * how to find, name, address and store the entity, and what the kind refuses on its own (a
 * service-linked role is modifiable only by AWS).
 *
 * @param <E> the entity: {@link Role}, {@link User} or {@link Group}
 */
final class PrincipalKind<E> {
  /** The IAM actions of one kind's inline and managed policy operations. */
  record Actions(
      String putPolicy,
      String getPolicy,
      String deletePolicy,
      String listPolicies,
      String attachPolicy,
      String detachPolicy,
      String listAttachedPolicies) {}

  @FunctionalInterface
  interface Finder<E> {
    Optional<E> find(Repositories r, String accountId, String name);
  }

  @FunctionalInterface
  interface ArnBuilder {
    String arn(String accountId, String path, String name);
  }

  /** A check of the found entity for an action, after authorization (the kind's own refusals). */
  @FunctionalInterface
  interface Guard<E> {
    void check(E entity, String action);
  }

  @FunctionalInterface
  interface Updater<E> {
    void update(Repositories r, E entity);
  }

  static final PrincipalKind<Role> ROLE =
      new PrincipalKind<>(
          PrincipalType.ROLE,
          "role",
          new Actions(
              "iam:PutRolePolicy",
              "iam:GetRolePolicy",
              "iam:DeleteRolePolicy",
              "iam:ListRolePolicies",
              "iam:AttachRolePolicy",
              "iam:DetachRolePolicy",
              "iam:ListAttachedRolePolicies"),
          (r, a, n) -> r.roles().findByName(a, n),
          Role::name,
          Role::arn,
          Arns::role,
          RoleService::protect,
          (r, x) -> r.roles().update(x));

  static final PrincipalKind<User> USER =
      new PrincipalKind<>(
          PrincipalType.USER,
          "user",
          new Actions(
              "iam:PutUserPolicy",
              "iam:GetUserPolicy",
              "iam:DeleteUserPolicy",
              "iam:ListUserPolicies",
              "iam:AttachUserPolicy",
              "iam:DetachUserPolicy",
              "iam:ListAttachedUserPolicies"),
          (r, a, n) -> r.users().findByName(a, n),
          User::name,
          User::arn,
          Arns::user,
          (x, action) -> {},
          (r, x) -> r.users().update(x));

  static final PrincipalKind<Group> GROUP =
      new PrincipalKind<>(
          PrincipalType.GROUP,
          "group",
          new Actions(
              "iam:PutGroupPolicy",
              "iam:GetGroupPolicy",
              "iam:DeleteGroupPolicy",
              "iam:ListGroupPolicies",
              "iam:AttachGroupPolicy",
              "iam:DetachGroupPolicy",
              "iam:ListAttachedGroupPolicies"),
          (r, a, n) -> r.groups().findByName(a, n),
          Group::name,
          Group::arn,
          Arns::group,
          (x, action) -> {},
          (r, x) -> r.groups().update(x));

  private final PrincipalType type;
  private final String noun;
  private final Actions actions;
  private final Finder<E> finder;
  private final Function<E, String> name;
  private final Function<E, String> arn;
  private final ArnBuilder arnBuilder;
  private final Guard<E> guard;
  private final Updater<E> updater;

  private PrincipalKind(
      PrincipalType type,
      String noun,
      Actions actions,
      Finder<E> finder,
      Function<E, String> name,
      Function<E, String> arn,
      ArnBuilder arnBuilder,
      Guard<E> guard,
      Updater<E> updater) {
    this.type = type;
    this.noun = noun;
    this.actions = actions;
    this.finder = finder;
    this.name = name;
    this.arn = arn;
    this.arnBuilder = arnBuilder;
    this.guard = guard;
    this.updater = updater;
  }

  /** The owner type inline policies and attachments are stored under. */
  PrincipalType type() {
    return type;
  }

  Actions actions() {
    return actions;
  }

  Optional<E> find(Repositories r, String accountId, String entityName) {
    return finder.find(r, accountId, entityName);
  }

  /** The entity's name as stored. */
  String name(E entity) {
    return name.apply(entity);
  }

  String arn(E entity) {
    return arn.apply(entity);
  }

  /** The ARN an entity of that name and path would have. */
  String arn(String accountId, String path, String entityName) {
    return arnBuilder.arn(accountId, path, entityName);
  }

  void check(E entity, String action) {
    guard.check(entity, action);
  }

  void update(Repositories r, E entity) {
    updater.update(r, entity);
  }

  /** {@code The role with name NAME cannot be found.} */
  AwsServiceException noSuchEntity(String entityName) {
    return AwsServiceException.noSuchEntity(
        "The " + noun + " with name " + entityName + " cannot be found.");
  }

  /** {@code The role policy with name NAME cannot be found.} */
  AwsServiceException noSuchPolicy(String policyName) {
    return AwsServiceException.noSuchEntity(
        "The " + noun + " policy with name " + policyName + " cannot be found.");
  }

  @Override
  public String toString() {
    return "PrincipalKind[" + type + "]";
  }
}
