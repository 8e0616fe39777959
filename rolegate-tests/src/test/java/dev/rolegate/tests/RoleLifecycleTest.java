package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.decoded;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.roleArn;
import static dev.rolegate.tests.E2e.serviceTrust;
import static dev.rolegate.tests.E2e.trust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A role's whole life through the AWS SDK for Java v2: create, read, list, change, policies,
 * delete.
 */
class RoleLifecycleTest extends ServerTest {
  static final String LAMBDA_BASIC =
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  static final String LAMBDA_TRUST = serviceTrust("lambda.amazonaws.com");

  @Test
  void createRoleAnswersAsAwsDoesAndGetRoleShowsEveryField() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CreateRoleResponse created =
        iam.createRole(
            b ->
                b.roleName("LambdaExecutionRole")
                    .path("/app/")
                    .assumeRolePolicyDocument(LAMBDA_TRUST)
                    .description("Runs the order lambdas")
                    .maxSessionDuration(7200)
                    .tags(
                        Tag.builder().key("team").value("orders").build(),
                        Tag.builder().key("env").value("").build()));
    Role c = created.role();
    assertThat(c.roleName()).isEqualTo("LambdaExecutionRole");
    assertThat(c.path()).isEqualTo("/app/");
    assertThat(c.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/app/LambdaExecutionRole");
    assertThat(c.roleId()).startsWith("AROA").hasSizeGreaterThanOrEqualTo(16).matches("[A-Z0-9]+");
    assertThat(c.description()).isEqualTo("Runs the order lambdas");
    assertThat(decoded(c.assumeRolePolicyDocument())).isEqualTo(LAMBDA_TRUST);
    assertThat(c.maxSessionDuration()).as("CreateRole leaves MaxSessionDuration out").isNull();
    assertThat(c.roleLastUsed()).as("CreateRole leaves RoleLastUsed out").isNull();
    assertThat(c.tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(tuple("team", "orders"), tuple("env", ""));

    Role r = iam.getRole(b -> b.roleName("LambdaExecutionRole")).role();
    assertThat(r.roleName()).isEqualTo("LambdaExecutionRole");
    assertThat(r.path()).isEqualTo("/app/");
    assertThat(r.arn()).isEqualTo(c.arn());
    assertThat(r.roleId()).isEqualTo(c.roleId());
    assertThat(r.createDate()).isEqualTo(c.createDate());
    assertThat(r.createDate()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(r.description()).isEqualTo("Runs the order lambdas");
    assertThat(r.maxSessionDuration()).isEqualTo(7200);
    assertThat(decoded(r.assumeRolePolicyDocument())).isEqualTo(LAMBDA_TRUST);
    assertThat(r.assumeRolePolicyDocument())
        .as("IAM URL-encodes policy documents")
        .startsWith("%7B%22Version%22");
    assertThat(r.tags()).extracting(Tag::key).containsExactly("team", "env");
    assertThat(r.permissionsBoundary()).isNull();
    assertThat(r.roleLastUsed()).as("GetRole always has RoleLastUsed").isNotNull();
    assertThat(r.roleLastUsed().lastUsedDate()).isNull();
    assertThat(r.roleLastUsed().region()).isNull();

    // names are case-insensitive for lookups, as in IAM
    assertThat(iam.getRole(b -> b.roleName("lambdaexecutionrole")).role().roleName())
        .isEqualTo("LambdaExecutionRole");
  }

  @Test
  void defaultsAreTheRootPathNoDescriptionAndOneHour() {
    iam.createRole(b -> b.roleName("plain").assumeRolePolicyDocument(LAMBDA_TRUST));
    Role r = iam.getRole(b -> b.roleName("plain")).role();
    assertThat(r.path()).isEqualTo("/");
    assertThat(r.arn()).isEqualTo(roleArn("plain"));
    assertThat(r.maxSessionDuration()).isEqualTo(3600);
    assertThat(r.description()).isNull();
    assertThat(r.hasTags()).isFalse();
  }

  @Test
  void aPolicyDocumentWithSpacesNewlinesAndSpecialCharactersRoundTrips() {
    String doc =
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Lambda+Edge\",\n"
            + "      \"Effect\": \"Allow\",\n      \"Principal\": {\"Service\": [\"lambda.amazonaws.com\", \"edgelambda.amazonaws.com\"]},\n"
            + "      \"Action\": \"sts:AssumeRole\",\n"
            + "      \"Condition\": {\"StringLike\": {\"aws:SourceArn\": \"arn:aws:lambda:*:"
            + ACCOUNT
            + ":function:a*b%c~d é\"}}\n    }\n  ]\n}\n";
    iam.createRole(b -> b.roleName("edge").assumeRolePolicyDocument(doc));
    assertThat(decoded(iam.getRole(b -> b.roleName("edge")).role().assumeRolePolicyDocument()))
        .isEqualTo(doc);
    assertThat(decoded(iam.listRoles().roles().get(0).assumeRolePolicyDocument())).isEqualTo(doc);
  }

  @Test
  void listRolesFiltersByPathPrefixAndPagesInNameOrder() {
    List<String> names = List.of("delta", "Alpha", "echo", "charlie", "bravo");
    for (String n : names) {
      iam.createRole(b -> b.roleName(n).path("/svc/").assumeRolePolicyDocument(LAMBDA_TRUST));
    }
    iam.createRole(b -> b.roleName("other").path("/ops/").assumeRolePolicyDocument(LAMBDA_TRUST));
    iam.createRole(b -> b.roleName("rooted").assumeRolePolicyDocument(LAMBDA_TRUST));

    List<String> seen = new ArrayList<>();
    String marker = null;
    int pages = 0;
    while (true) {
      String m = marker;
      ListRolesResponse page = iam.listRoles(b -> b.pathPrefix("/svc/").maxItems(2).marker(m));
      pages++;
      assertThat(page.roles()).hasSizeBetween(1, 2);
      page.roles()
          .forEach(
              r -> {
                assertThat(r.path()).isEqualTo("/svc/");
                assertThat(r.maxSessionDuration())
                    .as("ListRoles shows MaxSessionDuration")
                    .isEqualTo(3600);
                assertThat(r.roleLastUsed()).as("ListRoles leaves RoleLastUsed out").isNull();
                assertThat(r.hasTags()).isFalse();
              });
      page.roles().forEach(r -> seen.add(r.roleName()));
      if (!page.isTruncated()) {
        assertThat(page.marker()).as("no Marker on the last page").isNull();
        break;
      }
      assertThat(page.marker()).isNotBlank();
      marker = page.marker();
      assertThat(pages).as("pagination terminates").isLessThan(10);
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("Alpha", "bravo", "charlie", "delta", "echo");

    // the SDK's paginator walks the same pages
    List<String> viaPaginator =
        iam.listRolesPaginator(b -> b.pathPrefix("/svc/").maxItems(2)).roles().stream()
            .map(Role::roleName)
            .collect(Collectors.toList());
    assertThat(viaPaginator).isEqualTo(seen);

    assertThat(iam.listRoles().roles())
        .extracting(Role::roleName)
        .containsExactly("Alpha", "bravo", "charlie", "delta", "echo", "other", "rooted");
    assertThat(iam.listRoles(b -> b.pathPrefix("/ops/")).roles())
        .extracting(Role::roleName)
        .containsExactly("other");
    assertThat(iam.listRoles(b -> b.pathPrefix("/nothing/")).roles()).isEmpty();
    assertThat(iam.listRoles(b -> b.pathPrefix("/nothing/")).isTruncated()).isFalse();
  }

  @Test
  void updateRoleUpdateRoleDescriptionAndUpdateAssumeRolePolicy() {
    iam.createRole(
        b -> b.roleName("worker").assumeRolePolicyDocument(LAMBDA_TRUST).description("first"));

    iam.updateRole(b -> b.roleName("worker").description("second").maxSessionDuration(43200));
    Role r = iam.getRole(b -> b.roleName("worker")).role();
    assertThat(r.description()).isEqualTo("second");
    assertThat(r.maxSessionDuration()).isEqualTo(43200);

    iam.updateRole(b -> b.roleName("worker").maxSessionDuration(3600));
    r = iam.getRole(b -> b.roleName("worker")).role();
    assertThat(r.description()).as("UpdateRole without Description keeps it").isEqualTo("second");
    assertThat(r.maxSessionDuration()).isEqualTo(3600);

    Role described =
        iam.updateRoleDescription(b -> b.roleName("worker").description("third")).role();
    assertThat(described.roleName()).isEqualTo("worker");
    assertThat(described.description()).isEqualTo("third");
    assertThat(described.maxSessionDuration())
        .as("UpdateRoleDescription leaves MaxSessionDuration out")
        .isNull();
    assertThat(iam.getRole(b -> b.roleName("worker")).role().description()).isEqualTo("third");

    String ec2 = serviceTrust("ec2.amazonaws.com");
    iam.updateAssumeRolePolicy(b -> b.roleName("worker").policyDocument(ec2));
    assertThat(decoded(iam.getRole(b -> b.roleName("worker")).role().assumeRolePolicyDocument()))
        .isEqualTo(ec2);
  }

  @Test
  void inlinePoliciesArePutReadListedReplacedAndDeleted() {
    iam.createRole(b -> b.roleName("reader").assumeRolePolicyDocument(LAMBDA_TRUST));
    String s3 = allow("s3:GetObject", "arn:aws:s3:::reports/*");
    String logs = allow("logs:*", "*");
    iam.putRolePolicy(b -> b.roleName("reader").policyName("s3-read").policyDocument(s3));
    iam.putRolePolicy(b -> b.roleName("reader").policyName("LogsAll").policyDocument(logs));

    assertThat(iam.listRolePolicies(b -> b.roleName("reader")).policyNames())
        .containsExactly("LogsAll", "s3-read");
    GetRolePolicyResponse got = iam.getRolePolicy(b -> b.roleName("reader").policyName("s3-read"));
    assertThat(got.roleName()).isEqualTo("reader");
    assertThat(got.policyName()).isEqualTo("s3-read");
    assertThat(decoded(got.policyDocument())).isEqualTo(s3);

    String s3Both = allow("s3:*Object", "arn:aws:s3:::reports/*");
    iam.putRolePolicy(b -> b.roleName("reader").policyName("s3-read").policyDocument(s3Both));
    assertThat(
            decoded(
                iam.getRolePolicy(b -> b.roleName("reader").policyName("s3-read"))
                    .policyDocument()))
        .isEqualTo(s3Both);
    assertThat(iam.listRolePolicies(b -> b.roleName("reader")).policyNames()).hasSize(2);

    iam.deleteRolePolicy(b -> b.roleName("reader").policyName("LogsAll"));
    assertThat(iam.listRolePolicies(b -> b.roleName("reader")).policyNames())
        .containsExactly("s3-read");
    expectError(
        () -> iam.getRolePolicy(b -> b.roleName("reader").policyName("LogsAll")),
        "NoSuchEntity",
        404,
        "The role policy with name LogsAll cannot be found.");
    expectError(
        () -> iam.deleteRolePolicy(b -> b.roleName("reader").policyName("LogsAll")),
        "NoSuchEntity",
        404,
        "The role policy with name LogsAll cannot be found.");
  }

  @Test
  void managedPoliciesAttachCountListAndBlockDeletionUntilDetached() {
    iam.createRole(b -> b.roleName("lambda-orders").assumeRolePolicyDocument(LAMBDA_TRUST));
    String doc =
        allow("dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/orders");
    Policy created =
        iam.createPolicy(
                b ->
                    b.policyName("OrdersWrite")
                        .path("/team/")
                        .policyDocument(doc)
                        .description("writes orders"))
            .policy();
    String arn = "arn:aws:iam::" + ACCOUNT + ":policy/team/OrdersWrite";
    assertThat(created.arn()).isEqualTo(arn);
    assertThat(created.policyId()).startsWith("ANPA");
    assertThat(created.defaultVersionId()).isEqualTo("v1");
    assertThat(created.attachmentCount()).isZero();
    assertThat(created.isAttachable()).isTrue();
    assertThat(created.path()).isEqualTo("/team/");

    Policy before = iam.getPolicy(b -> b.policyArn(arn)).policy();
    assertThat(before.attachmentCount()).isZero();
    assertThat(before.description()).isEqualTo("writes orders");
    assertThat(before.permissionsBoundaryUsageCount()).isZero();
    assertThat(before.createDate()).isEqualTo(created.createDate());

    PolicyVersion v1 = iam.getPolicyVersion(b -> b.policyArn(arn).versionId("v1")).policyVersion();
    assertThat(v1.versionId()).isEqualTo("v1");
    assertThat(v1.isDefaultVersion()).isTrue();
    assertThat(decoded(v1.document())).isEqualTo(doc);

    iam.attachRolePolicy(b -> b.roleName("lambda-orders").policyArn(LAMBDA_BASIC));
    iam.attachRolePolicy(b -> b.roleName("lambda-orders").policyArn(arn));
    iam.attachRolePolicy(
        b -> b.roleName("lambda-orders").policyArn(arn)); // attaching twice is a no-op

    assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().attachmentCount()).isEqualTo(1);
    Policy lambda = iam.getPolicy(b -> b.policyArn(LAMBDA_BASIC)).policy();
    assertThat(lambda.policyName()).isEqualTo("AWSLambdaBasicExecutionRole");
    assertThat(lambda.path()).isEqualTo("/service-role/");
    assertThat(lambda.attachmentCount()).isEqualTo(1);
    PolicyVersion lambdaDoc =
        iam.getPolicyVersion(b -> b.policyArn(LAMBDA_BASIC).versionId(lambda.defaultVersionId()))
            .policyVersion();
    assertThat(decoded(lambdaDoc.document())).contains("logs:CreateLogGroup", "logs:PutLogEvents");

    assertThat(iam.listAttachedRolePolicies(b -> b.roleName("lambda-orders")).attachedPolicies())
        .extracting(AttachedPolicy::policyName, AttachedPolicy::policyArn)
        .containsExactlyInAnyOrder(
            tuple("AWSLambdaBasicExecutionRole", LAMBDA_BASIC), tuple("OrdersWrite", arn));
    assertThat(
            iam.listAttachedRolePolicies(b -> b.roleName("lambda-orders").pathPrefix("/team/"))
                .attachedPolicies())
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(arn);

    assertThat(iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL)).policies())
        .extracting(Policy::arn)
        .containsExactly(arn);
    List<String> awsManaged =
        iam
            .listPoliciesPaginator(b -> b.scope(PolicyScopeType.AWS).maxItems(1000))
            .policies()
            .stream()
            .map(Policy::arn)
            .collect(Collectors.toList());
    assertThat(awsManaged)
        .hasSizeGreaterThan(1000)
        .contains(LAMBDA_BASIC)
        .doesNotContain(arn)
        .doesNotHaveDuplicates();
    assertThat(awsManaged).allMatch(a -> a.startsWith("arn:aws:iam::aws:policy/"));
    assertThat(iam.listPolicies(b -> b.onlyAttached(true)).policies())
        .extracting(Policy::arn)
        .containsExactlyInAnyOrder(LAMBDA_BASIC, arn);
    assertThat(iam.listPolicies(b -> b.onlyAttached(true).scope(PolicyScopeType.LOCAL)).policies())
        .extracting(Policy::arn)
        .containsExactly(arn);
    assertThat(iam.listPolicies(b -> b.onlyAttached(true).scope(PolicyScopeType.AWS)).policies())
        .extracting(Policy::arn)
        .containsExactly(LAMBDA_BASIC);

    // an attached policy cannot be deleted; a role with an inline or attached policy cannot be
    // deleted
    iam.putRolePolicy(
        b ->
            b.roleName("lambda-orders")
                .policyName("extra")
                .policyDocument(allow("sqs:SendMessage", "*")));
    assertThat(
            expectError(
                () -> iam.deletePolicy(b -> b.policyArn(arn)),
                "DeleteConflict",
                409,
                "Cannot delete a policy attached to entities."))
        .isInstanceOf(DeleteConflictException.class);
    assertThat(
            expectError(
                () -> iam.deleteRole(b -> b.roleName("lambda-orders")),
                "DeleteConflict",
                409,
                "Cannot delete entity, must delete policies first."))
        .isInstanceOf(DeleteConflictException.class);
    iam.deleteRolePolicy(b -> b.roleName("lambda-orders").policyName("extra"));
    expectError(
        () -> iam.deleteRole(b -> b.roleName("lambda-orders")),
        "DeleteConflict",
        409,
        "Cannot delete entity, must detach all policies first.");

    iam.detachRolePolicy(b -> b.roleName("lambda-orders").policyArn(arn));
    assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().attachmentCount()).isZero();
    assertThat(iam.listPolicies(b -> b.onlyAttached(true)).policies())
        .extracting(Policy::arn)
        .containsExactly(LAMBDA_BASIC);
    expectError(
        () -> iam.deleteRole(b -> b.roleName("lambda-orders")),
        "DeleteConflict",
        409,
        "Cannot delete entity, must detach all policies first.");
    expectError(
        () -> iam.detachRolePolicy(b -> b.roleName("lambda-orders").policyArn(arn)),
        "NoSuchEntity",
        404,
        "Policy " + arn + " was not found.");
    iam.detachRolePolicy(b -> b.roleName("lambda-orders").policyArn(LAMBDA_BASIC));
    assertThat(iam.listAttachedRolePolicies(b -> b.roleName("lambda-orders")).attachedPolicies())
        .isEmpty();

    iam.deletePolicy(b -> b.policyArn(arn));
    expectError(
        () -> iam.getPolicy(b -> b.policyArn(arn)),
        "NoSuchEntity",
        404,
        "Policy " + arn + " was not found.");
    iam.deleteRole(b -> b.roleName("lambda-orders"));
    assertThat(
            expectError(
                () -> iam.getRole(b -> b.roleName("lambda-orders")),
                "NoSuchEntity",
                404,
                "The role with name lambda-orders cannot be found."))
        .isInstanceOf(NoSuchEntityException.class);
    assertThat(iam.listRoles().roles()).isEmpty();
  }

  @Test
  void awsManagedPoliciesCannotBeDeleted() {
    expectError(
        () -> iam.deletePolicy(b -> b.policyArn(LAMBDA_BASIC)),
        "AccessDenied",
        403,
        "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:DeletePolicy on resource: "
            + LAMBDA_BASIC
            + " because no resource-based policy allows the iam:DeletePolicy action");
  }

  @Test
  void getRoleShowsWhenAndWhereTheRoleWasLastUsed() {
    AwsBasicCredentials dev = E2e.userWithKey(iam, "dev");
    iam.createRole(b -> b.roleName("deployer").assumeRolePolicyDocument(trust(E2e.userArn("dev"))));
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (StsClient sts = server.sts(dev)) {
      sts.assumeRole(b -> b.roleArn(roleArn("deployer")).roleSessionName("ci"));
    }
    Role r = iam.getRole(b -> b.roleName("deployer")).role();
    assertThat(r.roleLastUsed().region()).isEqualTo("us-east-1");
    assertThat(r.roleLastUsed().lastUsedDate()).isBetween(before, Instant.now().plusSeconds(1));
  }
}
