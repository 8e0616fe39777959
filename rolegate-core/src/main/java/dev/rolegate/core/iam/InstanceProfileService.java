package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.InstanceProfile;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.port.AccountRepository;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Instance profiles: containers for one role, for EC2 instances. */
public final class InstanceProfileService {
  /** A profile with its role (if any) resolved, as the API shows it. */
  public record View(InstanceProfile profile, List<Role> roles) {}

  private final IamContext iam;

  public InstanceProfileService(IamContext iam) {
    this.iam = iam;
  }

  private static AwsServiceException noSuchProfile(String name) {
    return AwsServiceException.noSuchEntity("Instance Profile " + name + " cannot be found.");
  }

  private InstanceProfile authorized(
      Repositories r, Caller c, RequestInfo info, String action, String name) {
    InstanceProfile p = r.instanceProfiles().findByName(c.accountId(), name).orElse(null);
    iam.authorizer()
        .require(
            r,
            c,
            info,
            action,
            p != null ? p.arn() : Arns.instanceProfile(c.accountId(), "/", name));
    if (p == null) {
      throw noSuchProfile(name);
    }
    return p;
  }

  /** The profiles, each with its role. */
  static List<View> views(Repositories r, List<InstanceProfile> profiles) {
    return profiles.stream().map(p -> view(r, p)).toList();
  }

  private static View view(Repositories r, InstanceProfile p) {
    List<Role> roles = new ArrayList<>();
    if (p.roleName() != null) {
      r.roles().findByName(p.accountId(), p.roleName()).ifPresent(roles::add);
    }
    return new View(p, roles);
  }

  public View create(Caller c, RequestInfo info, String name, String path, List<Tag> tags) {
    String p = path == null ? "/" : path;
    List<Tag> t = Tags.validate(tags, true);
    Instant now = iam.clock().instant();
    return iam.store()
        .write(
            r -> {
              InstanceProfile profile =
                  new InstanceProfile(
                      c.accountId(), iam.ids().uniqueId("AIPA"), name, p, null, t, now);
              iam.authorizer().require(r, c, info, "iam:CreateInstanceProfile", profile.arn());
              IamQuotas.of(r, c.accountId())
                  .requireRoom(
                      IamQuotas.Quota.INSTANCE_PROFILES_PER_ACCOUNT,
                      r.accounts()
                          .count(c.accountId(), AccountRepository.Counted.INSTANCE_PROFILES));
              try {
                r.instanceProfiles().insert(profile);
              } catch (DuplicateKeyException e) {
                throw new AwsServiceException(
                    AwsErrorCode.ENTITY_ALREADY_EXISTS,
                    "Instance Profile " + name + " already exists.");
              }
              return view(r, profile);
            });
  }

  public View get(Caller c, RequestInfo info, String name) {
    return iam.store().read(r -> view(r, authorized(r, c, info, "iam:GetInstanceProfile", name)));
  }

  public Page<View> list(
      Caller c, RequestInfo info, String pathPrefix, String marker, Integer maxItems) {
    String prefix = pathPrefix == null ? "/" : pathPrefix;
    List<View> all =
        iam.store()
            .read(
                r -> {
                  iam.authorizer()
                      .require(
                          r,
                          c,
                          info,
                          "iam:ListInstanceProfiles",
                          Arns.instanceProfile(c.accountId(), prefix, ""));
                  return r.instanceProfiles().list(c.accountId(), prefix).stream()
                      .map(p -> view(r, p))
                      .toList();
                });
    return Page.of(all, marker, maxItems);
  }

  public Page<View> listForRole(
      Caller c, RequestInfo info, String roleName, String marker, Integer maxItems) {
    List<View> all =
        iam.store()
            .read(
                r -> {
                  Role role = RoleService.find(r, c.accountId(), roleName);
                  iam.authorizer()
                      .require(r, c, info, "iam:ListInstanceProfilesForRole", role.arn());
                  return r.instanceProfiles().listForRole(c.accountId(), role.name()).stream()
                      .map(p -> view(r, p))
                      .toList();
                });
    return Page.of(all, marker, maxItems);
  }

  public void delete(Caller c, RequestInfo info, String name) {
    iam.store()
        .write(
            r -> {
              InstanceProfile p = authorized(r, c, info, "iam:DeleteInstanceProfile", name);
              if (p.roleName() != null) {
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT,
                    "Cannot delete entity, must remove roles from instance profile first.");
              }
              r.instanceProfiles().delete(c.accountId(), p.name());
              return null;
            });
  }

  public void addRole(Caller c, RequestInfo info, String profileName, String roleName) {
    iam.store()
        .write(
            r -> {
              InstanceProfile p =
                  authorized(r, c, info, "iam:AddRoleToInstanceProfile", profileName);
              Role role = RoleService.find(r, c.accountId(), roleName);
              if (p.roleName() != null) {
                throw new AwsServiceException(
                    AwsErrorCode.LIMIT_EXCEEDED,
                    "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
              }
              r.instanceProfiles().update(p.withRole(role.name()));
              return null;
            });
  }

  public void removeRole(Caller c, RequestInfo info, String profileName, String roleName) {
    iam.store()
        .write(
            r -> {
              InstanceProfile p =
                  authorized(r, c, info, "iam:RemoveRoleFromInstanceProfile", profileName);
              Role role = RoleService.find(r, c.accountId(), roleName);
              if (p.roleName() == null || !p.roleName().equalsIgnoreCase(role.name())) {
                throw AwsServiceException.noSuchEntity(
                    "The role with name "
                        + roleName
                        + " cannot be found in instance profile "
                        + p.name()
                        + ".");
              }
              r.instanceProfiles().update(p.withRole(null));
              return null;
            });
  }
}
