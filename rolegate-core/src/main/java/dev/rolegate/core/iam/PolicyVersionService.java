package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.iam.PolicyService.VersionView;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PolicyVersion;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.policies.PolicyDocuments;
import dev.rolegate.core.port.AttachmentRepository;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.PolicyKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a managed policy holds and who uses it: its versions (CreatePolicyVersion,
 * ListPolicyVersions, SetDefaultPolicyVersion, DeletePolicyVersion; at most five, ids never reused)
 * and the users, groups and roles it is attached to or bounds (ListEntitiesForPolicy). AWS managed
 * policies are read-only: their one version can be listed, never changed.
 */
public final class PolicyVersionService {

  /** A user, group or role using a policy, as ListEntitiesForPolicy shows it. */
  public record PolicyEntity(PrincipalType type, String name, String id) {}

  private final IamContext iam;

  public PolicyVersionService(IamContext iam) {
    this.iam = iam;
  }

  private static AwsServiceException noSuchVersion(String arn, String versionId) {
    return AwsServiceException.noSuchEntity(
        "Policy " + arn + " version " + versionId + " does not exist or is not attachable.");
  }

  /**
   * The caller's own customer managed policy, or the error the action answers when there is none.
   */
  private static Optional<ManagedPolicy> own(Repositories r, Caller c, String arn) {
    Arns.Parsed parsed = Arns.parse(arn);
    if (!parsed.account().equals(c.accountId())) {
      return Optional.empty();
    }
    return r.managedPolicies().findByArn(arn);
  }

  /** Authorizes a write to a policy: AWS managed policies are outside every account. */
  private void authorizeWrite(
      Repositories r, Caller c, RequestInfo info, String action, String arn) {
    if (AwsManagedCatalog.isAwsManagedArn(arn)) {
      throw KeyedAuthorization.awsManaged(c, action, arn);
    }
    iam.authorizer().require(r, c, info, action, arn);
  }

  public VersionView createPolicyVersion(
      Caller c, RequestInfo info, String arn, String document, boolean setAsDefault) {
    Validation.policyArn(arn);
    PolicyDocuments.require(document, PolicyKind.IDENTITY, true);
    Instant now = iam.clock().instant();
    return iam.store()
        .write(
            r -> {
              authorizeWrite(r, c, info, "iam:CreatePolicyVersion", arn);
              ManagedPolicy p =
                  own(r, c, arn)
                      .orElseThrow(
                          () ->
                              AwsServiceException.noSuchEntity(
                                  "Policy " + arn + " does not exist or is not attachable."));
              IamQuotas quotas = IamQuotas.of(r, c.accountId());
              quotas.requireSize(IamQuotas.Quota.POLICY_SIZE, document);
              int versions = quotas.get(IamQuotas.Quota.VERSIONS_PER_POLICY);
              if (r.managedPolicies().listVersions(arn).size() >= versions) {
                throw new AwsServiceException(
                    AwsErrorCode.LIMIT_EXCEEDED,
                    "A managed policy can have up to "
                        + versions
                        + " versions. Before you create a new version, you must delete an existing version.");
              }
              String id = "v" + p.nextVersion();
              r.managedPolicies().insertVersion(new PolicyVersion(arn, id, document, now));
              r.managedPolicies()
                  .update(
                      p.withDefaultVersion(setAsDefault ? id : p.defaultVersionId())
                          .withNextVersion(p.nextVersion() + 1)
                          .withUpdateDate(now));
              return new VersionView(id, null, setAsDefault, now);
            });
  }

  /** Newest first, without documents. */
  public Page<VersionView> listPolicyVersions(
      Caller c, RequestInfo info, String arn, String marker, Integer maxItems) {
    Validation.policyArn(arn);
    List<VersionView> all =
        iam.store()
            .read(
                r -> {
                  iam.authorizer().require(r, c, info, "iam:ListPolicyVersions", arn);
                  if (AwsManagedCatalog.isAwsManagedArn(arn)) {
                    AwsManagedCatalog.AwsPolicy p = iam.catalog().find(arn);
                    if (p == null) {
                      throw AwsServiceException.noSuchEntity("Policy " + arn + " was not found.");
                    }
                    return List.of(
                        new VersionView(p.defaultVersionId(), null, true, p.updateDate()));
                  }
                  ManagedPolicy p =
                      own(r, c, arn)
                          .orElseThrow(
                              () ->
                                  AwsServiceException.noSuchEntity(
                                      "Policy " + arn + " was not found."));
                  return r.managedPolicies().listVersions(arn).stream()
                      .map(
                          v ->
                              new VersionView(
                                  v.versionId(),
                                  null,
                                  v.versionId().equals(p.defaultVersionId()),
                                  v.createDate()))
                      .toList();
                });
    return Page.of(all, marker, maxItems);
  }

  public void setDefaultPolicyVersion(Caller c, RequestInfo info, String arn, String versionId) {
    Validation.policyArn(arn);
    iam.store()
        .write(
            r -> {
              authorizeWrite(r, c, info, "iam:SetDefaultPolicyVersion", arn);
              ManagedPolicy p = own(r, c, arn).orElseThrow(() -> noSuchVersion(arn, versionId));
              if (r.managedPolicies().findVersion(arn, versionId).isEmpty()) {
                throw noSuchVersion(arn, versionId);
              }
              r.managedPolicies().update(p.withDefaultVersion(versionId));
              return null;
            });
  }

  public void deletePolicyVersion(Caller c, RequestInfo info, String arn, String versionId) {
    Validation.policyArn(arn);
    iam.store()
        .write(
            r -> {
              authorizeWrite(r, c, info, "iam:DeletePolicyVersion", arn);
              ManagedPolicy p = own(r, c, arn).orElseThrow(() -> noSuchVersion(arn, versionId));
              if (r.managedPolicies().findVersion(arn, versionId).isEmpty()) {
                throw noSuchVersion(arn, versionId);
              }
              if (versionId.equals(p.defaultVersionId())) {
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT, "Cannot delete the default version of a policy.");
              }
              r.managedPolicies().deleteVersion(arn, versionId);
              // UpdateDate: when the newest remaining version was created
              Instant newest =
                  r.managedPolicies().listVersions(arn).stream()
                      .map(PolicyVersion::createDate)
                      .max(Comparator.naturalOrder())
                      .orElse(p.createDate());
              r.managedPolicies()
                  .update(
                      p.withUpdateDate(newest.isBefore(p.createDate()) ? p.createDate() : newest));
              return null;
            });
  }

  /**
   * The groups, users and roles of the caller's account using the policy (in that order, each by
   * name): attached to them (PermissionsPolicy) and/or as their permissions boundary
   * (PermissionsBoundary); an entity using it both ways is listed once.
   *
   * @param entityFilter User, Role, Group (LocalManagedPolicy and AWSManagedPolicy select no
   *     entity)
   * @param pathPrefix the entities' path prefix
   */
  public Page<PolicyEntity> listEntitiesForPolicy(
      Caller c,
      RequestInfo info,
      String arn,
      String entityFilter,
      String pathPrefix,
      String usageFilter,
      String marker,
      Integer maxItems) {
    Validation.policyArn(arn);
    String prefix = pathPrefix == null ? "/" : pathPrefix;
    boolean attached = usageFilter == null || usageFilter.equals("PermissionsPolicy");
    boolean boundary = usageFilter == null || usageFilter.equals("PermissionsBoundary");
    List<PolicyEntity> all =
        iam.store()
            .read(
                r -> {
                  iam.authorizer().require(r, c, info, "iam:ListEntitiesForPolicy", arn);
                  boolean exists =
                      AwsManagedCatalog.isAwsManagedArn(arn)
                          ? iam.catalog().find(arn) != null
                          : own(r, c, arn).isPresent();
                  if (!exists) {
                    throw AwsServiceException.noSuchEntity("Policy " + arn + " was not found.");
                  }
                  List<PolicyEntity> groups = new ArrayList<>();
                  List<PolicyEntity> users = new ArrayList<>();
                  List<PolicyEntity> roles = new ArrayList<>();
                  if (attached) {
                    for (AttachmentRepository.Owner o :
                        r.attachments().listOwners(c.accountId(), arn)) {
                      switch (o.type()) {
                        case GROUP ->
                            r.groups()
                                .findByName(c.accountId(), o.name())
                                .filter(g -> g.path().startsWith(prefix))
                                .ifPresent(g -> groups.add(entity(g)));
                        case USER ->
                            r.users()
                                .findByName(c.accountId(), o.name())
                                .filter(u -> u.path().startsWith(prefix))
                                .ifPresent(u -> users.add(entity(u)));
                        case ROLE ->
                            r.roles()
                                .findByName(c.accountId(), o.name())
                                .filter(x -> x.path().startsWith(prefix))
                                .ifPresent(x -> roles.add(entity(x)));
                      }
                    }
                  }
                  if (boundary) {
                    for (User u : r.users().list(c.accountId(), prefix)) {
                      if (arn.equals(u.permissionsBoundaryArn())) {
                        users.add(entity(u));
                      }
                    }
                    for (Role x : r.roles().list(c.accountId(), prefix)) {
                      if (arn.equals(x.permissionsBoundaryArn())) {
                        roles.add(entity(x));
                      }
                    }
                  }
                  List<PolicyEntity> out = new ArrayList<>();
                  if (entityFilter == null || entityFilter.equals("Group")) {
                    out.addAll(sorted(groups));
                  }
                  if (entityFilter == null || entityFilter.equals("User")) {
                    out.addAll(sorted(users));
                  }
                  if (entityFilter == null || entityFilter.equals("Role")) {
                    out.addAll(sorted(roles));
                  }
                  return out;
                });
    return Page.of(all, marker, maxItems);
  }

  private static PolicyEntity entity(Group g) {
    return new PolicyEntity(PrincipalType.GROUP, g.name(), g.groupId());
  }

  private static PolicyEntity entity(User u) {
    return new PolicyEntity(PrincipalType.USER, u.name(), u.userId());
  }

  private static PolicyEntity entity(Role r) {
    return new PolicyEntity(PrincipalType.ROLE, r.name(), r.roleId());
  }

  /** By name (case-insensitive, then as written), each entity once. */
  static List<PolicyEntity> sorted(List<PolicyEntity> entities) {
    return entities.stream()
        .distinct()
        .sorted(
            Comparator.comparing((PolicyEntity e) -> e.name().toLowerCase(Locale.ROOT))
                .thenComparing(PolicyEntity::name))
        .toList();
  }
}
