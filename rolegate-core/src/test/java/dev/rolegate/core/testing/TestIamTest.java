package dev.rolegate.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.iam.RoleService;
import dev.rolegate.core.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The use-case fixture itself: its callers are authorized as their kind is. */
class TestIamTest {
  final TestIam t = new TestIam();
  final RoleService roles = new RoleService(t.iam);

  @Test
  void theRootUserMayDoAnythingInItsAccountAndTheRequestIsMarkedDecided() {
    RequestInfo info = t.info();
    Role role =
        roles.createRole(
            t.root(), info, "Builder", null, TestIam.TRUST_ACCOUNT, null, null, null, List.of());
    assertThat(role.arn()).isEqualTo("arn:aws:iam::123456789012:role/Builder");
    assertThat(role.createDate()).isEqualTo(TestIam.START);
    assertThat(info.scope().decided()).isTrue();
  }

  @Test
  void aUserIsAllowedByItsPoliciesOnly() {
    Caller nobody = t.user("nobody");
    assertThatThrownBy(
            () ->
                roles.createRole(
                    nobody,
                    t.info(),
                    "R",
                    null,
                    TestIam.TRUST_ACCOUNT,
                    null,
                    null,
                    null,
                    List.of()))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.code()).isEqualTo(AwsErrorCode.ACCESS_DENIED))
        .hasMessageContaining(
            "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: iam:CreateRole");
    Caller admin = t.user("admin", TestIam.allow("iam:CreateRole", "*"));
    assertThat(
            roles
                .createRole(
                    admin, t.info(), "R", null, TestIam.TRUST_ACCOUNT, null, null, null, List.of())
                .name())
        .isEqualTo("R");
    assertThat(
            t.read(
                (dev.rolegate.core.port.Repositories r) ->
                    r.roles().findByName(TestIam.ACCOUNT, "r")))
        .isPresent();
  }

  @Test
  void aRoleSessionIsAllowedByTheRolesPoliciesAndItsArnNamesTheSession() {
    Caller session =
        t.roleSession(
            "Deployer",
            "ci",
            TestIam.allow("iam:CreateRole", "arn:aws:iam::123456789012:role/app/*"));
    assertThat(session.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/Deployer/ci");
    assertThat(session.temporary()).isTrue();
    assertThat(
            roles
                .createRole(
                    session,
                    t.info(),
                    "Web",
                    "/app/",
                    TestIam.TRUST_ACCOUNT,
                    null,
                    null,
                    null,
                    List.of())
                .path())
        .isEqualTo("/app/");
    assertThatThrownBy(
            () ->
                roles.createRole(
                    session,
                    t.info(),
                    "Web",
                    "/",
                    TestIam.TRUST_ACCOUNT,
                    null,
                    null,
                    null,
                    List.of()))
        .hasMessageContaining(
            "assumed-role/Deployer/ci is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::123456789012:role/Web");
  }

  @Test
  void theClockMovesOnlyWhenTold() {
    assertThat(t.clock.instant()).isEqualTo(TestIam.START);
    t.clock.advanceSeconds(90);
    assertThat(t.info().now()).isEqualTo(TestIam.START.plusSeconds(90));
  }
}
