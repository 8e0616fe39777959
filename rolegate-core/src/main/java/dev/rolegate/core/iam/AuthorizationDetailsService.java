package dev.rolegate.core.iam;

import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PolicyVersion;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.policies.AwsManagedCatalog;
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
 * policies appear only when attached to a user, group or role of the account, as AWS documents. One
 * page (MaxItems/Marker) runs over users, then groups, then roles, then policies.
 */
public final class AuthorizationDetailsService {
  /** The entity types of Filter, as AWS's EntityType enum lists them. */
  static final List<String> FILTERS =
      List.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy");

  public record UserDetail(
      User user,
      List<InlinePolicy> inline,
      List<String> groups,
      List<AttachmentRules.AttachedPolicy> attached) {}

  public record GroupDetail(
      Group group, List<InlinePolicy> inline, List<AttachmentRules.AttachedPolicy> attached) {}

  public record RoleDetail(
      Role role,
      List<InstanceProfileService.View> instanceProfiles,
      List<InlinePolicy> inline,
      List<AttachmentRules.AttachedPolicy> attached) {}

  public record PolicyDetail(
      PolicyService.PolicyView policy, List<PolicyService.VersionView> versions) {}

  public record Details(
      List<UserDetail> users,
      List<GroupDetail> groups,
      List<RoleDetail> roles,
      List<PolicyDetail> policies,
      boolean truncated,
      String marker) {}

  private final IamContext iam;
  private final AttachmentRules attachments;

  public AuthorizationDetailsService(IamContext iam) {
    this.iam = iam;
    this.attachments = new AttachmentRules(iam);
  }

  /**
   * @param filter the entity types to include; empty: all
   */
  public Details get(
      Caller c, RequestInfo info, List<String> filter, String marker, Integer maxItems) {
    Set<String> types = new LinkedHashSet<>(filter.isEmpty() ? FILTERS : filter);
    return iam.store()
        .read(
            r -> {
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
              policies.sort(
                  java.util.Comparator.comparing(p -> policyName(p).toLowerCase(Locale.ROOT)));
              entities.addAll(policies);
              Page<Object> page = Page.of(entities, marker, maxItems);
              List<UserDetail> users = new ArrayList<>();
              List<GroupDetail> groups = new ArrayList<>();
              List<RoleDetail> roles = new ArrayList<>();
              List<PolicyDetail> managed = new ArrayList<>();
              for (Object e : page.items()) {
                if (e instanceof User u) {
                  users.add(
                      new UserDetail(
                          u,
                          r.inlinePolicies().list(a, PrincipalType.USER, u.name()),
                          r.groups().listGroupsForUser(a, u.name()).stream()
                              .map(Group::name)
                              .toList(),
                          attachments.list(r, c, PrincipalType.USER, u.name(), "/")));
                } else if (e instanceof Group g) {
                  groups.add(
                      new GroupDetail(
                          g,
                          r.inlinePolicies().list(a, PrincipalType.GROUP, g.name()),
                          attachments.list(r, c, PrincipalType.GROUP, g.name(), "/")));
                } else if (e instanceof Role role) {
                  roles.add(
                      new RoleDetail(
                          role,
                          InstanceProfileService.views(
                              r, r.instanceProfiles().listForRole(a, role.name())),
                          r.inlinePolicies().list(a, PrincipalType.ROLE, role.name()),
                          attachments.list(r, c, PrincipalType.ROLE, role.name(), "/")));
                } else if (e instanceof ManagedPolicy p) {
                  String def = p.defaultVersionId();
                  List<PolicyService.VersionView> versions = new ArrayList<>();
                  for (PolicyVersion v : r.managedPolicies().listVersions(p.arn())) {
                    versions.add(
                        new PolicyService.VersionView(
                            v.versionId(),
                            v.document(),
                            v.versionId().equals(def),
                            v.createDate()));
                  }
                  managed.add(
                      new PolicyDetail(
                          PolicyService.withBoundaryUsage(r, c, PolicyService.view(r, c, p)),
                          versions));
                } else if (e instanceof AwsManagedCatalog.AwsPolicy p) {
                  managed.add(
                      new PolicyDetail(
                          PolicyService.withBoundaryUsage(r, c, PolicyService.view(r, c, p)),
                          List.of(
                              new PolicyService.VersionView(
                                  p.defaultVersionId(), p.document(), true, p.updateDate()))));
                }
              }
              return new Details(users, groups, roles, managed, page.truncated(), page.marker());
            });
  }

  private static String policyName(Object p) {
    return p instanceof ManagedPolicy m ? m.name() : ((AwsManagedCatalog.AwsPolicy) p).name();
  }

  // ----------------------------------------------------------------
  // ListPoliciesGrantingServiceAccess

  /**
   * A policy that grants access to a service: inline ones name their owner, managed ones their ARN.
   */
  public record GrantingPolicy(
      String policyName,
      String policyType,
      String policyArn,
      String entityType,
      String entityName) {}

  public record ServiceAccess(String serviceNamespace, List<GrantingPolicy> policies) {}

  /**
   * For a user (its own policies and its groups'), group or role: per service namespace, the
   * policies with an Allow statement whose Action can match an action of that service ("*", "s3:*",
   * "s3:Get*", "s3*:..."), or whose NotAction does not exclude the whole service. One page of
   * namespaces (Marker; AWS's call has no MaxItems).
   */
  public Page<ServiceAccess> policiesGrantingServiceAccess(
      Caller c, RequestInfo info, String arn, List<String> namespaces, String marker) {
    Arns.Parsed parsed = Arns.parse(arn);
    if (parsed == null
        || !parsed.service().equals("iam")
        || !List.of("user", "group", "role").contains(parsed.resourceType())) {
      throw dev.rolegate.core.AwsServiceException.invalidInput("ARN " + arn + " is not valid.");
    }
    List<ServiceAccess> out =
        iam.store()
            .read(
                r -> {
                  iam.authorizer()
                      .require(r, c, info, "iam:ListPoliciesGrantingServiceAccess", arn);
                  String a = c.accountId();
                  dev.rolegate.core.AwsServiceException missing =
                      dev.rolegate.core.AwsServiceException.noSuchEntity(
                          "The "
                              + parsed.resourceType()
                              + " with name "
                              + parsed.name()
                              + " cannot be found.");
                  if (!parsed.account().equals(a)) {
                    throw missing;
                  }
                  // each candidate policy with its document
                  List<GrantingPolicy> candidates = new ArrayList<>();
                  List<String> documents = new ArrayList<>();
                  switch (parsed.resourceType()) {
                    case "user" -> {
                      User u =
                          r.users()
                              .findByName(a, parsed.name())
                              .filter(x -> x.arn().equals(arn))
                              .orElseThrow(() -> missing);
                      collect(r, c, PrincipalType.USER, u.name(), candidates, documents);
                      for (Group g : r.groups().listGroupsForUser(a, u.name())) {
                        collect(r, c, PrincipalType.GROUP, g.name(), candidates, documents);
                      }
                    }
                    case "group" -> {
                      Group g =
                          r.groups()
                              .findByName(a, parsed.name())
                              .filter(x -> x.arn().equals(arn))
                              .orElseThrow(() -> missing);
                      collect(r, c, PrincipalType.GROUP, g.name(), candidates, documents);
                    }
                    default -> {
                      Role role =
                          r.roles()
                              .findByName(a, parsed.name())
                              .filter(x -> x.arn().equals(arn))
                              .orElseThrow(() -> missing);
                      collect(r, c, PrincipalType.ROLE, role.name(), candidates, documents);
                    }
                  }
                  List<ServiceAccess> result = new ArrayList<>();
                  for (String ns : namespaces) {
                    List<GrantingPolicy> granting = new ArrayList<>();
                    Set<String> seen = new java.util.HashSet<>();
                    for (int i = 0; i < candidates.size(); i++) {
                      GrantingPolicy p = candidates.get(i);
                      String key =
                          p.policyArn() != null
                              ? p.policyArn()
                              : p.entityType() + "/" + p.entityName() + "/" + p.policyName();
                      if (grants(documents.get(i), ns) && seen.add(key)) {
                        granting.add(p);
                      }
                    }
                    result.add(new ServiceAccess(ns, granting));
                  }
                  return result;
                });
    return Page.of(out, marker, null);
  }

  private void collect(
      Repositories r,
      Caller c,
      PrincipalType type,
      String owner,
      List<GrantingPolicy> candidates,
      List<String> documents) {
    for (InlinePolicy p : r.inlinePolicies().list(c.accountId(), type, owner)) {
      candidates.add(new GrantingPolicy(p.name(), "INLINE", null, type.name(), owner));
      documents.add(p.document());
    }
    for (AttachmentRules.AttachedPolicy p : attachments.list(r, c, type, owner, "/")) {
      String document;
      if (AwsManagedCatalog.isAwsManagedArn(p.arn())) {
        AwsManagedCatalog.AwsPolicy aws = iam.catalog().find(p.arn());
        document = aws == null ? null : aws.document();
      } else {
        document =
            r.managedPolicies()
                .findByArn(p.arn())
                .flatMap(m -> r.managedPolicies().findVersion(p.arn(), m.defaultVersionId()))
                .map(PolicyVersion::document)
                .orElse(null);
      }
      if (document != null) {
        candidates.add(new GrantingPolicy(p.name(), "MANAGED", p.arn(), null, null));
        documents.add(document);
      }
    }
  }

  /** Whether an Allow statement of the document can match an action of the service. */
  static boolean grants(String document, String namespace) {
    dev.rolegate.policy.Policies.Checked checked =
        dev.rolegate.policy.Policies.check(document, dev.rolegate.policy.PolicyKind.IDENTITY);
    if (checked.document() == null) {
      return false;
    }
    String ns = namespace.toLowerCase(Locale.ROOT);
    for (dev.rolegate.policy.Statement s : checked.document().statements()) {
      if (s.effect() != dev.rolegate.policy.Effect.ALLOW || s.actions() == null) {
        continue;
      }
      boolean anyMatches = false;
      boolean wholeServiceExcluded = false;
      for (dev.rolegate.policy.Text t : s.actions()) {
        String action = t.value().toLowerCase(Locale.ROOT);
        int colon = action.indexOf(':');
        String service = colon < 0 ? action : action.substring(0, colon);
        String name = colon < 0 ? "*" : action.substring(colon + 1);
        boolean serviceMatches =
            action.equals("*") || dev.rolegate.policy.Glob.compile(service).matches(ns);
        anyMatches |= serviceMatches;
        wholeServiceExcluded |= serviceMatches && (action.equals("*") || name.equals("*"));
      }
      if (s.notAction() ? !wholeServiceExcluded : anyMatches) {
        return true;
      }
    }
    return false;
  }
}
