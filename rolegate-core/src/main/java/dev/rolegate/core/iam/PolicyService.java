package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PolicyVersion;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.policies.PolicyDocuments;
import dev.rolegate.core.port.AccountRepository;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.PolicyKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Managed policies: customer policies in the store, AWS policies from the read-only catalog. */
public final class PolicyService {

  /** A managed policy as GetPolicy / ListPolicies show it. */
  public record PolicyView(
      String name,
      String policyId,
      String arn,
      String path,
      String defaultVersionId,
      int attachmentCount,
      int permissionsBoundaryUsageCount,
      boolean attachable,
      String description,
      Instant createDate,
      Instant updateDate,
      List<Tag> tags,
      boolean awsManaged) {}

  /** A version as GetPolicyVersion shows it. */
  public record VersionView(
      String versionId, String document, boolean isDefault, Instant createDate) {}

  private final IamContext iam;

  public PolicyService(IamContext iam) {
    this.iam = iam;
  }

  public PolicyView createPolicy(
      Caller c,
      RequestInfo info,
      String name,
      String path,
      String document,
      String description,
      List<Tag> tags) {
    String p = path == null ? "/" : path;
    List<Tag> t = Tags.validate(tags, false);
    PolicyDocuments.require(document, PolicyKind.IDENTITY, true);
    Instant now = iam.clock().instant();
    return iam.store()
        .write(
            r -> {
              String arn = Arns.policy(c.accountId(), p, name);
              iam.authorizer().require(r, c, info, "iam:CreatePolicy", arn);
              IamQuotas quotas = IamQuotas.of(r, c.accountId());
              quotas.requireSize(IamQuotas.Quota.POLICY_SIZE, document);
              quotas.requireRoom(
                  IamQuotas.Quota.POLICIES_PER_ACCOUNT,
                  r.accounts().count(c.accountId(), AccountRepository.Counted.MANAGED_POLICIES));
              ManagedPolicy policy =
                  new ManagedPolicy(
                      c.accountId(),
                      iam.ids().uniqueId("ANPA"),
                      name,
                      p,
                      description,
                      "v1",
                      2,
                      t,
                      now,
                      now);
              try {
                r.managedPolicies().insert(policy);
              } catch (DuplicateKeyException e) {
                throw new AwsServiceException(
                    AwsErrorCode.ENTITY_ALREADY_EXISTS,
                    "A policy called "
                        + name
                        + " already exists. Duplicate names are not allowed.");
              }
              r.managedPolicies()
                  .insertVersion(new PolicyVersion(policy.arn(), "v1", document, now));
              return view(r, c, policy);
            });
  }

  static PolicyView view(Repositories r, Caller c, ManagedPolicy p) {
    return new PolicyView(
        p.name(),
        p.policyId(),
        p.arn(),
        p.path(),
        p.defaultVersionId(),
        r.attachments().count(c.accountId(), p.arn()),
        0,
        true,
        p.description(),
        p.createDate(),
        p.updateDate(),
        p.tags(),
        false);
  }

  static PolicyView view(Repositories r, Caller c, AwsManagedCatalog.AwsPolicy p) {
    return new PolicyView(
        p.name(),
        p.policyId(),
        p.arn(),
        p.path(),
        p.defaultVersionId(),
        r.attachments().count(c.accountId(), p.arn()),
        0,
        true,
        null,
        p.createDate(),
        p.updateDate(),
        List.of(),
        true);
  }

  /**
   * The view with PermissionsBoundaryUsageCount: the roles and users of the caller's account it
   * bounds.
   */
  static PolicyView withBoundaryUsage(Repositories r, Caller c, PolicyView v) {
    int n = boundaryUsage(r, c, v.arn());
    return n == v.permissionsBoundaryUsageCount()
        ? v
        : new PolicyView(
            v.name(),
            v.policyId(),
            v.arn(),
            v.path(),
            v.defaultVersionId(),
            v.attachmentCount(),
            n,
            v.attachable(),
            v.description(),
            v.createDate(),
            v.updateDate(),
            v.tags(),
            v.awsManaged());
  }

  private static int boundaryUsage(Repositories r, Caller c, String arn) {
    return r.roles().countWithBoundary(c.accountId(), arn)
        + r.users().countWithBoundary(c.accountId(), arn);
  }

  private static AwsServiceException notFound(String arn) {
    return AwsServiceException.noSuchEntity("Policy " + arn + " was not found.");
  }

  public PolicyView getPolicy(Caller c, RequestInfo info, String arn) {
    Validation.policyArn(arn);
    return iam.store()
        .read(
            r -> {
              iam.authorizer().require(r, c, info, "iam:GetPolicy", arn);
              if (AwsManagedCatalog.isAwsManagedArn(arn)) {
                AwsManagedCatalog.AwsPolicy p = iam.catalog().find(arn);
                if (p == null) {
                  throw notFound(arn);
                }
                return withBoundaryUsage(r, c, view(r, c, p));
              }
              ManagedPolicy p = own(r, c, arn);
              return withBoundaryUsage(r, c, view(r, c, p));
            });
  }

  private ManagedPolicy own(Repositories r, Caller c, String arn) {
    Arns.Parsed parsed = Arns.parse(arn);
    if (!parsed.account().equals(c.accountId())) {
      throw notFound(arn);
    }
    return r.managedPolicies().findByArn(arn).orElseThrow(() -> notFound(arn));
  }

  public VersionView getPolicyVersion(Caller c, RequestInfo info, String arn, String versionId) {
    Validation.policyArn(arn);
    AwsServiceException missing =
        AwsServiceException.noSuchEntity(
            "Policy " + arn + " version " + versionId + " does not exist or is not attachable.");
    return iam.store()
        .read(
            r -> {
              iam.authorizer().require(r, c, info, "iam:GetPolicyVersion", arn);
              if (AwsManagedCatalog.isAwsManagedArn(arn)) {
                AwsManagedCatalog.AwsPolicy p = iam.catalog().find(arn);
                if (p == null || !p.defaultVersionId().equals(versionId)) {
                  throw missing;
                }
                return new VersionView(versionId, p.document(), true, p.updateDate());
              }
              ManagedPolicy p =
                  r.managedPolicies()
                      .findByArn(arn)
                      .filter(x -> x.accountId().equals(c.accountId()))
                      .orElseThrow(() -> missing);
              PolicyVersion v =
                  r.managedPolicies().findVersion(arn, versionId).orElseThrow(() -> missing);
              return new VersionView(
                  v.versionId(),
                  v.document(),
                  v.versionId().equals(p.defaultVersionId()),
                  v.createDate());
            });
  }

  /**
   * @param scope All (default), AWS or Local
   * @param usageFilter null (all), PermissionsPolicy (the policies attached to a user, group or
   *     role) or PermissionsBoundary (the policies that are a user's or role's permissions
   *     boundary)
   */
  public Page<PolicyView> listPolicies(
      Caller c,
      RequestInfo info,
      String scope,
      boolean onlyAttached,
      String usageFilter,
      String pathPrefix,
      String marker,
      Integer maxItems) {
    String s = scope == null ? "All" : scope;
    String prefix = pathPrefix == null ? "/" : pathPrefix;
    return iam.store()
        .read(
            r -> {
              iam.authorizer()
                  .require(r, c, info, "iam:ListPolicies", Arns.policy(c.accountId(), prefix, ""));
              List<PolicyView> out = new ArrayList<>();
              if (!s.equals("Local")) {
                for (AwsManagedCatalog.AwsPolicy p : iam.catalog().list(prefix)) {
                  out.add(view(r, c, p));
                }
              }
              if (!s.equals("AWS")) {
                for (ManagedPolicy p : r.managedPolicies().list(c.accountId(), prefix)) {
                  out.add(view(r, c, p));
                }
              }
              if (onlyAttached || "PermissionsPolicy".equals(usageFilter)) {
                out.removeIf(p -> p.attachmentCount() == 0);
              }
              if ("PermissionsBoundary".equals(usageFilter)) {
                java.util.Set<String> boundaries = new java.util.HashSet<>();
                r.roles()
                    .list(c.accountId(), "/")
                    .forEach(role -> boundaries.add(role.permissionsBoundaryArn()));
                r.users()
                    .list(c.accountId(), "/")
                    .forEach(user -> boundaries.add(user.permissionsBoundaryArn()));
                out.removeIf(p -> !boundaries.contains(p.arn()));
              }
              out.sort(
                  (a, b) -> {
                    int cmp =
                        a.name()
                            .toLowerCase(Locale.ROOT)
                            .compareTo(b.name().toLowerCase(Locale.ROOT));
                    return cmp != 0 ? cmp : a.arn().compareTo(b.arn());
                  });
              // the boundary usage of the page's policies only (the catalog alone has some 1,500)
              Page<PolicyView> page = Page.of(out, marker, maxItems);
              return new Page<>(
                  page.items().stream().map(v -> withBoundaryUsage(r, c, v)).toList(),
                  page.truncated(),
                  page.marker());
            });
  }

  public void deletePolicy(Caller c, RequestInfo info, String arn) {
    Validation.policyArn(arn);
    iam.store()
        .write(
            r -> {
              iam.authorizer().require(r, c, info, "iam:DeletePolicy", arn);
              if (AwsManagedCatalog.isAwsManagedArn(arn)) {
                throw KeyedAuthorization.awsManaged(
                    c, "iam:DeletePolicy", arn); // as for every change to an AWS managed policy
              }
              ManagedPolicy p = own(r, c, arn);
              if (r.attachments().count(c.accountId(), arn) > 0) {
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT, "Cannot delete a policy attached to entities.");
              }
              if (boundaryUsage(r, c, arn) > 0) {
                // a permissions boundary counts as an attachment here (AWS: DeleteConflict,
                // gruntwork-io/cloud-nuke#972)
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT, "Cannot delete a policy attached to entities.");
              }
              if (r.managedPolicies().listVersions(arn).size() > 1) {
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT,
                    "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
              }
              r.managedPolicies().delete(p.arn());
              return null;
            });
  }
}
