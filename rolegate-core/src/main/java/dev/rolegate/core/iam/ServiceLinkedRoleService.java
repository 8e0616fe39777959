package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.port.AccountRepository;
import dev.rolegate.core.port.DuplicateKeyException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Service-linked roles: created for a service from a catalog of common services, at {@code
 * /aws-service-role/SERVICE/} with the service's trust policy and its AWS managed policy attached;
 * modifiable only by their service ({@link RoleService#requireModifiable}); deleted through a
 * deletion task.
 */
public final class ServiceLinkedRoleService {
  /**
   * One service's service-linked role: its name, its AWS managed policy, whether a suffix is
   * allowed.
   */
  record Definition(String roleName, String policyName, boolean suffixAllowed) {}

  static final Map<String, Definition> CATALOG =
      Map.ofEntries(
          Map.entry(
              "elasticloadbalancing.amazonaws.com",
              new Definition(
                  "AWSServiceRoleForElasticLoadBalancing",
                  "AWSElasticLoadBalancingServiceRolePolicy",
                  false)),
          Map.entry(
              "autoscaling.amazonaws.com",
              new Definition("AWSServiceRoleForAutoScaling", "AutoScalingServiceRolePolicy", true)),
          Map.entry(
              "rds.amazonaws.com",
              new Definition("AWSServiceRoleForRDS", "AmazonRDSServiceRolePolicy", false)),
          Map.entry(
              "ecs.amazonaws.com",
              new Definition("AWSServiceRoleForECS", "AmazonECSServiceRolePolicy", false)),
          Map.entry(
              "eks.amazonaws.com",
              new Definition("AWSServiceRoleForAmazonEKS", "AmazonEKSServiceRolePolicy", false)),
          Map.entry(
              "organizations.amazonaws.com",
              new Definition(
                  "AWSServiceRoleForOrganizations", "AWSOrganizationsServiceTrustPolicy", false)),
          Map.entry(
              "replicator.lambda.amazonaws.com",
              new Definition("AWSServiceRoleForLambdaReplicator", "AWSLambdaReplicator", false)),
          Map.entry(
              "ssm.amazonaws.com",
              new Definition("AWSServiceRoleForAmazonSSM", "AmazonSSMServiceRolePolicy", false)),
          Map.entry(
              "support.amazonaws.com",
              new Definition("AWSServiceRoleForSupport", "AWSSupportServiceRolePolicy", false)),
          Map.entry(
              "trustedadvisor.amazonaws.com",
              new Definition(
                  "AWSServiceRoleForTrustedAdvisor", "AWSTrustedAdvisorServiceRolePolicy", false)),
          Map.entry(
              "elasticfilesystem.amazonaws.com",
              new Definition(
                  "AWSServiceRoleForAmazonElasticFileSystem",
                  "AmazonElasticFileSystemServiceRolePolicy",
                  false)),
          Map.entry(
              "elasticache.amazonaws.com",
              new Definition(
                  "AWSServiceRoleForElastiCache", "ElastiCacheServiceRolePolicy", false)),
          Map.entry(
              "guardduty.amazonaws.com",
              new Definition(
                  "AWSServiceRoleForAmazonGuardDuty", "AmazonGuardDutyServiceRolePolicy", false)),
          Map.entry(
              "config.amazonaws.com",
              new Definition("AWSServiceRoleForConfig", "AWSConfigServiceRolePolicy", false)),
          Map.entry(
              "ops.apigateway.amazonaws.com",
              new Definition("AWSServiceRoleForAPIGateway", "APIGatewayServiceRolePolicy", false)));

  /**
   * Deletion tasks are settings named by this prefix, the account and the task id, written in the
   * deletion's transaction (so they survive a restart, and a reset clears them); deletion happens
   * at once, so every task has succeeded.
   */
  private static final String TASK_SETTING = "slr-deletion-task:";

  private final IamContext iam;
  private final PrincipalPolicies principals;

  public ServiceLinkedRoleService(IamContext iam) {
    this.iam = iam;
    this.principals = new PrincipalPolicies(iam);
  }

  public static boolean isServiceLinked(Role role) {
    return role.path().startsWith("/aws-service-role/");
  }

  public Role create(
      Caller c, RequestInfo info, String serviceName, String description, String customSuffix) {
    Definition d = CATALOG.get(serviceName);
    if (d == null) {
      throw new AwsServiceException(
          AwsErrorCode.NOT_SUPPORTED_SERVICE,
          "The specified service does not support service-linked roles: " + serviceName);
    }
    if (customSuffix != null && !d.suffixAllowed()) {
      throw AwsServiceException.invalidInput("Custom suffix is not allowed for " + serviceName);
    }
    String name = customSuffix == null ? d.roleName() : d.roleName() + "_" + customSuffix;
    String path = "/aws-service-role/" + serviceName + "/";
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
            + serviceName
            + "\"}}]}";
    String policyArn = Arns.policy("aws", "/aws-service-role/", d.policyName());
    Instant now = iam.clock().instant();
    return iam.store()
        .write(
            r -> {
              iam.authorizer()
                  .require(
                      r,
                      c,
                      info,
                      "iam:CreateServiceLinkedRole",
                      Arns.role(c.accountId(), path, name));
              IamQuotas.of(r, c.accountId())
                  .requireRoom(
                      IamQuotas.Quota.ROLES_PER_ACCOUNT,
                      r.accounts().count(c.accountId(), AccountRepository.Counted.ROLES));
              Role role =
                  new Role(
                      c.accountId(),
                      iam.ids().uniqueId("AROA"),
                      name,
                      path,
                      trust,
                      description,
                      3600,
                      null,
                      List.of(),
                      now,
                      null,
                      null);
              try {
                r.roles().insert(role);
              } catch (DuplicateKeyException e) {
                throw AwsServiceException.invalidInput(
                    "Service role name "
                        + name
                        + " has been taken in this account, please try a different suffix.");
              }
              if (iam.catalog().find(policyArn) != null) {
                r.attachments().attach(c.accountId(), PrincipalType.ROLE, name, policyArn);
              }
              return role;
            });
  }

  /** Deletes the role (its attached policies go with it) and returns the deletion task's id. */
  public String delete(Caller c, RequestInfo info, String roleName) {
    return iam.store()
        .write(
            r -> {
              Role role =
                  principals.authorized(
                      r, c, info, PrincipalKind.ROLE, "iam:DeleteServiceLinkedRole", roleName);
              if (!isServiceLinked(role)) {
                throw AwsServiceException.invalidInput(
                    "Role " + role.name() + " is not a service-linked role.");
              }
              if (!r.instanceProfiles().listForRole(c.accountId(), role.name()).isEmpty()) {
                throw new AwsServiceException(
                    AwsErrorCode.DELETE_CONFLICT,
                    "Cannot delete entity, must remove roles from instance profile first.");
              }
              r.attachments().detachAll(c.accountId(), PrincipalType.ROLE, role.name());
              r.inlinePolicies()
                  .list(c.accountId(), PrincipalType.ROLE, role.name())
                  .forEach(
                      p ->
                          r.inlinePolicies()
                              .delete(c.accountId(), PrincipalType.ROLE, role.name(), p.name()));
              r.roles().delete(c.accountId(), role.name());
              String service =
                  role.path().substring("/aws-service-role/".length(), role.path().length() - 1);
              String task =
                  "task/aws-service-role/" + service + "/" + role.name() + "/" + UUID.randomUUID();
              r.settings()
                  .put(
                      TASK_SETTING + c.accountId() + ":" + task,
                      "SUCCEEDED".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
              return task;
            });
  }

  /** SUCCEEDED for a task of the caller's account (deletions are immediate). */
  public String status(Caller c, RequestInfo info, String taskId) {
    // the resource is the role the task deletes: task/aws-service-role/SERVICE/ROLE/UUID
    String[] t = taskId.split("/");
    String resource =
        t.length == 5 && t[0].equals("task") && t[1].equals("aws-service-role")
            ? Arns.role(c.accountId(), "/aws-service-role/" + t[2] + "/", t[3])
            : Arns.role(c.accountId(), "/aws-service-role/", "*");
    boolean known =
        iam.store()
            .read(
                r -> {
                  iam.authorizer()
                      .require(r, c, info, "iam:GetServiceLinkedRoleDeletionStatus", resource);
                  return r.settings().get(TASK_SETTING + c.accountId() + ":" + taskId).isPresent();
                });
    if (!known) {
      throw AwsServiceException.noSuchEntity("Deletion task " + taskId + " cannot be found.");
    }
    return "SUCCEEDED";
  }
}
