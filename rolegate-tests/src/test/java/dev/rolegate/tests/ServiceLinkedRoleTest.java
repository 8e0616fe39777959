package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.decoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.Role;

/** Service-linked roles: the catalog's names and policies, suffixes, protection, deletion tasks. */
class ServiceLinkedRoleTest extends ServerTest {
  private static String code(Throwable e) {
    return ((AwsServiceException) e).awsErrorDetails().errorCode();
  }

  private static int status(Throwable e) {
    return ((AwsServiceException) e).statusCode();
  }

  @Test
  void aServiceLinkedRoleHasTheServicesNameTrustAndPolicy() {
    Role r =
        iam.createServiceLinkedRole(b -> b.awsServiceName("elasticloadbalancing.amazonaws.com"))
            .role();
    assertThat(r.roleName()).isEqualTo("AWSServiceRoleForElasticLoadBalancing");
    assertThat(r.path()).isEqualTo("/aws-service-role/elasticloadbalancing.amazonaws.com/");
    assertThat(r.arn())
        .isEqualTo(
            "arn:aws:iam::123456789012:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing");
    assertThat(decoded(r.assumeRolePolicyDocument()))
        .contains("\"Service\":\"elasticloadbalancing.amazonaws.com\"")
        .contains("sts:AssumeRole");
    assertThat(iam.listAttachedRolePolicies(b -> b.roleName(r.roleName())).attachedPolicies())
        .extracting(p -> p.policyArn())
        .containsExactly(
            "arn:aws:iam::aws:policy/aws-service-role/AWSElasticLoadBalancingServiceRolePolicy");
  }

  @Test
  void suffixesOnlyWhereTheServiceAllowsThemAndNamesOnlyOnce() {
    assertThat(
            iam.createServiceLinkedRole(
                    b -> b.awsServiceName("autoscaling.amazonaws.com").customSuffix("batch"))
                .role()
                .roleName())
        .isEqualTo("AWSServiceRoleForAutoScaling_batch");
    assertThatThrownBy(
            () ->
                iam.createServiceLinkedRole(
                    b -> b.awsServiceName("rds.amazonaws.com").customSuffix("x")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInput"))
        .hasMessageContaining("Custom suffix is not allowed for rds.amazonaws.com");
    iam.createServiceLinkedRole(b -> b.awsServiceName("rds.amazonaws.com"));
    assertThatThrownBy(
            () -> iam.createServiceLinkedRole(b -> b.awsServiceName("rds.amazonaws.com")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidInput"))
        .hasMessageContaining(
            "Service role name AWSServiceRoleForRDS has been taken in this account, please try a different suffix.");
    assertThatThrownBy(
            () -> iam.createServiceLinkedRole(b -> b.awsServiceName("nosuch.amazonaws.com")))
        .satisfies(e -> assertThat(code(e)).isEqualTo("NotSupportedService"))
        .satisfies(e -> assertThat(status(e)).isEqualTo(404));
  }

  @Test
  void onlyTheServiceMayChangeItAndItIsDeletedThroughATask() {
    String name =
        iam.createServiceLinkedRole(b -> b.awsServiceName("ecs.amazonaws.com")).role().roleName();
    for (Runnable change :
        new Runnable[] {
          () -> iam.deleteRole(b -> b.roleName(name)),
          () ->
              iam.updateAssumeRolePolicy(
                  b -> b.roleName(name).policyDocument(E2e.serviceTrust("ec2.amazonaws.com"))),
          () ->
              iam.putRolePolicy(
                  b -> b.roleName(name).policyName("p").policyDocument(E2e.allow("s3:*", "*"))),
          () ->
              iam.detachRolePolicy(
                  b ->
                      b.roleName(name)
                          .policyArn(
                              "arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"))
        }) {
      assertThatThrownBy(change::run)
          .satisfies(e -> assertThat(code(e)).isEqualTo("UnmodifiableEntity"))
          .hasMessageContaining(
              "Cannot perform the operation on the protected role '"
                  + name
                  + "' - this role is only modifiable by AWS");
    }
    String task = iam.deleteServiceLinkedRole(b -> b.roleName(name)).deletionTaskId();
    assertThat(task).startsWith("task/aws-service-role/ecs.amazonaws.com/" + name + "/");
    assertThat(iam.getServiceLinkedRoleDeletionStatus(b -> b.deletionTaskId(task)).statusAsString())
        .isEqualTo("SUCCEEDED");
    assertThat(iam.listRoles().roles()).isEmpty();
    // the task is kept in the store (so a restart keeps it): a reset of the store forgets it
    server.reset();
    assertThatThrownBy(() -> iam.getServiceLinkedRoleDeletionStatus(b -> b.deletionTaskId(task)))
        .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchEntity"));
  }
}
