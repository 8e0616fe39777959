package dev.rolegate.core.iam;

import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PolicyVersion;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.Repositories;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * GetAccountAuthorizationDetails: the account's users, groups, roles and managed policies with
 * everything that grants permissions (inline policies, attachments, group memberships, trust
 * policies, boundaries, instance profiles, every version of each managed policy). AWS managed
 * policies appear only when attached to a user, group or role of the account, as AWS documents.
 * One page (MaxItems/Marker) runs over users, then groups, then roles, then policies.
 */
public final class AuthorizationDetailsService {
  /** The entity types of Filter, as AWS's EntityType enum lists them. */
  static final List<String> FILTERS = List.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy");

  public record UserDetail(User user, List<InlinePolicy> inline, List<String> groups, List<AttachmentRules.AttachedPolicy> attached) {}

  public record GroupDetail(Group group, List<InlinePolicy> inline, List<AttachmentRules.AttachedPolicy> attached) {}

  public record RoleDetail(
      Role role, List<InstanceProfileService.View> instanceProfiles, List<InlinePolicy> inline, List<AttachmentRules.AttachedPolicy> attached) {}

  public record PolicyDetail(PolicyService.PolicyView policy, List<PolicyService.VersionView> versions) {}

  public record Details(
      List<UserDetail> users, List<GroupDetail> groups, List<RoleDetail> roles, List<PolicyDetail> policies, boolean truncated, String marker) {}

  private final IamContext iam;
  private final AttachmentRules attachments;

  public AuthorizationDetailsService(IamContext iam) {
    this.iam = iam;
    this.attachments = new AttachmentRules(iam);
  }

  /** @param filter the entity types to include; empty: all */
  public Details get(Caller c, RequestInfo info, List<String> filter, String marker, Integer maxItems) {
    for (String f : filter) {
      if (!FILTERS.contains(f)) {
        throw Validation.error("filter", filter.toString(), "satisfy constraint: [Member must satisfy enum value set: " + FILTERS + "]");
      }
    }
    Set<String> types = new LinkedHashSet<>(filter.isEmpty() ? FILTERS : filter);
    return iam.store().read(r -> {
      iam.authorizer().require(r, c, info, "iam:GetAccountAuthorizationDetails", "*");
      String a = c.accountId();
      List<Object> entities = new ArrayList<>();
      if (types.contains("User")) {
        entities.addAll(r.users().list(a, "/"));
      }
      if (types.contains("Group")) {
        entities.addAll(r.groups().list(a, "/"));
      }
      if (types.contains("Role")) {
        entities.addAll(r.roles().list(a, "/"));
      }
      List<Object> policies = new ArrayList<>();
      if (types.contains("LocalManagedPolicy")) {
        policies.addAll(r.managedPolicies().list(a, "/"));
      }
      if (types.contains("AWSManagedPolicy")) {
        for (AwsManagedCatalog.AwsPolicy p : iam.catalog().list("/")) {
          if (r.attachments().count(a, p.arn()) > 0) {
            policies.add(p);
          }
        }
      }
      policies.sort(java.util.Comparator.comparing(p -> policyName(p).toLowerCase(Locale.ROOT)));
      entities.addAll(policies);
      Page<Object> page = Page.of(entities, marker, maxItems);
      List<UserDetail> users = new ArrayList<>();
      List<GroupDetail> groups = new ArrayList<>();
      List<RoleDetail> roles = new ArrayList<>();
      List<PolicyDetail> managed = new ArrayList<>();
      for (Object e : page.items()) {
        if (e instanceof User u) {
          users.add(new UserDetail(u, r.inlinePolicies().list(a, PrincipalType.USER, u.name()),
              r.groups().listGroupsForUser(a, u.name()).stream().map(Group::name).toList(),
              attachments.list(r, c, PrincipalType.USER, u.name(), "/")));
        } else if (e instanceof Group g) {
          groups.add(new GroupDetail(g, r.inlinePolicies().list(a, PrincipalType.GROUP, g.name()),
              attachments.list(r, c, PrincipalType.GROUP, g.name(), "/")));
        } else if (e instanceof Role role) {
          roles.add(new RoleDetail(role, InstanceProfileService.views(r, r.instanceProfiles().listForRole(a, role.name())),
              r.inlinePolicies().list(a, PrincipalType.ROLE, role.name()), attachments.list(r, c, PrincipalType.ROLE, role.name(), "/")));
        } else if (e instanceof ManagedPolicy p) {
          String def = p.defaultVersionId();
          List<PolicyService.VersionView> versions = new ArrayList<>();
          for (PolicyVersion v : r.managedPolicies().listVersions(p.arn())) {
            versions.add(new PolicyService.VersionView(v.versionId(), v.document(), v.versionId().equals(def), v.createDate()));
          }
          managed.add(new PolicyDetail(PolicyService.withBoundaryUsage(r, c, PolicyService.view(r, c, p)), versions));
        } else if (e instanceof AwsManagedCatalog.AwsPolicy p) {
          managed.add(new PolicyDetail(PolicyService.withBoundaryUsage(r, c, PolicyService.view(r, c, p)),
              List.of(new PolicyService.VersionView(p.defaultVersionId(), p.document(), true, p.updateDate()))));
        }
      }
      return new Details(users, groups, roles, managed, page.truncated(), page.marker());
    });
  }

  private static String policyName(Object p) {
    return p instanceof ManagedPolicy m ? m.name() : ((AwsManagedCatalog.AwsPolicy) p).name();
  }
}
