package dev.rolegate.core.iam;

import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.port.Repositories;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Attaching managed policies (customer or AWS) to users, groups and roles, with AWS's errors. */
public final class AttachmentRules {
  /** A policy as ListAttached*Policies shows it. */
  public record AttachedPolicy(String name, String arn, String path) {}

  private final IamContext iam;

  public AttachmentRules(IamContext iam) {
    this.iam = iam;
  }

  /**
   * The policy behind an ARN, or null: AWS managed from the catalog, customer managed from the
   * caller's account.
   */
  AttachedPolicy resolve(Repositories r, Caller c, String arn) {
    if (AwsManagedCatalog.isAwsManagedArn(arn)) {
      AwsManagedCatalog.AwsPolicy p = iam.catalog().find(arn);
      return p == null ? null : new AttachedPolicy(p.name(), p.arn(), p.path());
    }
    Arns.Parsed parsed = Arns.parse(arn);
    if (parsed == null || !parsed.account().equals(c.accountId())) {
      return null;
    }
    Optional<ManagedPolicy> p = r.managedPolicies().findByArn(arn);
    return p.map(x -> new AttachedPolicy(x.name(), x.arn(), x.path())).orElse(null);
  }

  void attach(Repositories r, Caller c, PrincipalType type, String owner, String arn) {
    if (resolve(r, c, arn) == null) {
      throw AwsServiceException.noSuchEntity(
          "Policy " + arn + " does not exist or is not attachable.");
    }
    List<String> attached = r.attachments().list(c.accountId(), type, owner);
    if (!attached.contains(arn)) {
      IamQuotas.Quota q =
          switch (type) {
            case ROLE -> IamQuotas.Quota.POLICIES_PER_ROLE;
            case USER -> IamQuotas.Quota.POLICIES_PER_USER;
            case GROUP -> IamQuotas.Quota.POLICIES_PER_GROUP;
          };
      IamQuotas.of(r, c.accountId()).requireRoom(q, attached.size());
    }
    r.attachments().attach(c.accountId(), type, owner, arn);
  }

  void detach(Repositories r, Caller c, PrincipalType type, String owner, String arn) {
    if (!r.attachments().detach(c.accountId(), type, owner, arn)) {
      throw AwsServiceException.noSuchEntity("Policy " + arn + " was not found.");
    }
  }

  List<AttachedPolicy> list(
      Repositories r, Caller c, PrincipalType type, String owner, String pathPrefix) {
    List<AttachedPolicy> out = new ArrayList<>();
    for (String arn : r.attachments().list(c.accountId(), type, owner)) {
      AttachedPolicy p = resolve(r, c, arn);
      if (p != null && p.path().startsWith(pathPrefix)) {
        out.add(p);
      }
    }
    return out;
  }

  /** A permissions boundary must name an existing managed policy. */
  void requireBoundary(Repositories r, Caller c, String arn) {
    Arns.Parsed p = Arns.parse(arn);
    if (p == null || !p.service().equals("iam") || !p.resourceType().equals("policy")) {
      throw AwsServiceException.invalidInput("ARN " + arn + " is not valid.");
    }
    if (resolve(r, c, arn) == null) {
      throw AwsServiceException.noSuchEntity(
          "Scope ARN: " + arn + " does not exist or is not attachable.");
    }
  }
}
