package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.roleArn;
import static dev.rolegate.tests.E2e.trust;
import static dev.rolegate.tests.E2e.userArn;
import static dev.rolegate.tests.E2e.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.PolicySourceType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

/**
 * SimulatePrincipalPolicy, SimulateCustomPolicy and GetContextKeysFor*Policy through the AWS SDK
 * for Java v2 against a real server: decisions, matched statements with their positions, missing
 * context values, typed context entries, groups, boundaries, resource and trust policies,
 * pagination and the errors.
 */
class PolicySimulatorTest {
  private static TestServer server;
  private static IamClient root;

  /** Two statements over several lines: positions are pinned below. */
  private static final String MULTI_LINE =
      """
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Sid": "Read",
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": "*"
          },
          {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}
        ]
      }""";

  @BeforeAll
  static void start() {
    server = TestServer.start();
    root = server.iam(server.rootCredentials());
  }

  @AfterAll
  static void stop() {
    root.close();
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  private static SimulateCustomPolicyResponse custom(List<String> policies, String... actions) {
    return root.simulateCustomPolicy(b -> b.policyInputList(policies).actionNames(actions));
  }

  @Test
  void allowedExplicitDenyAndImplicitDenyWithTheMatchedStatementsPositions() {
    SimulateCustomPolicyResponse r =
        custom(List.of(MULTI_LINE), "s3:GetObject", "s3:DeleteObject", "s3:PutObject");

    assertThat(r.isTruncated()).isFalse();
    assertThat(r.evaluationResults())
        .extracting(
            EvaluationResult::evalActionName,
            EvaluationResult::evalResourceName,
            EvaluationResult::evalDecision)
        .containsExactly(
            tuple("s3:GetObject", "*", PolicyEvaluationDecisionType.ALLOWED),
            tuple("s3:DeleteObject", "*", PolicyEvaluationDecisionType.EXPLICIT_DENY),
            tuple("s3:PutObject", "*", PolicyEvaluationDecisionType.IMPLICIT_DENY));
    // "Read" opens at 4:5 and closes at 9:5; "NoDelete" spans 10:5 to 10:87. AWS reports the column
    // just past each brace (its SimulatePrincipalPolicy example 1).
    Statement read = r.evaluationResults().get(0).matchedStatements().get(0);
    assertThat(read.sourcePolicyId()).isEqualTo("PolicyInputList.1");
    assertThat(read.sourcePolicyType()).isEqualTo(PolicySourceType.NONE);
    assertThat(
            List.of(
                read.startPosition().line(),
                read.startPosition().column(),
                read.endPosition().line(),
                read.endPosition().column()))
        .containsExactly(4, 6, 9, 6);
    Statement noDelete = r.evaluationResults().get(1).matchedStatements().get(0);
    assertThat(
            List.of(
                noDelete.startPosition().line(),
                noDelete.startPosition().column(),
                noDelete.endPosition().line(),
                noDelete.endPosition().column()))
        .containsExactly(10, 6, 10, 88);
    assertThat(r.evaluationResults().get(2).matchedStatements()).isEmpty();
    // resource * in the same account: no EvalDecisionDetails, no ResourceSpecificResults
    assertThat(r.evaluationResults().get(0).hasEvalDecisionDetails()).isFalse();
    assertThat(r.evaluationResults().get(0).hasResourceSpecificResults()).isFalse();
  }

  @Test
  void missingContextValuesNameTheKeysTheRelevantConditionsNeeded() {
    String policy =
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*",
           "Condition":{"StringEquals":{"ec2:InstanceType":"t3.micro"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}},
          {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"home/"}}}]}""";

    EvaluationResult r = custom(List.of(policy), "ec2:RunInstances").evaluationResults().get(0);

    assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(r.missingContextValues())
        .containsExactly("ec2:InstanceType", "aws:MultiFactorAuthPresent");
  }

  @Test
  void aPolicyVariableWithoutAValueIsAMissingContextValue() {
    String home = allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*");

    EvaluationResult without =
        root.simulateCustomPolicy(
                b ->
                    b.policyInputList(home)
                        .actionNames("s3:GetObject")
                        .resourceArns("arn:aws:s3:::home/bob/notes.txt"))
            .evaluationResults()
            .get(0);
    assertThat(without.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(without.missingContextValues()).containsExactly("aws:username");

    EvaluationResult with =
        root.simulateCustomPolicy(
                b ->
                    b.policyInputList(home)
                        .actionNames("s3:GetObject")
                        .resourceArns("arn:aws:s3:::home/bob/notes.txt")
                        .contextEntries(entry("aws:username", ContextKeyTypeEnum.STRING, "bob")))
            .evaluationResults()
            .get(0);
    assertThat(with.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(with.missingContextValues()).isEmpty();
  }

  @Test
  void typedContextEntriesMakeConditionsMatch() {
    String policy =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{
          "IpAddress":{"aws:SourceIp":"203.0.113.0/24"},
          "DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},
          "NumericLessThanEquals":{"s3:max-keys":"10"},
          "ForAnyValue:StringEquals":{"aws:TagKeys":["team"]},
          "Bool":{"aws:SecureTransport":"true"}}}]}""";
    List<ContextEntry> entries =
        List.of(
            entry("aws:SourceIp", ContextKeyTypeEnum.IP, "203.0.113.7"),
            entry("aws:CurrentTime", ContextKeyTypeEnum.DATE, "2026-11-28T02:00:00Z"),
            entry("s3:max-keys", ContextKeyTypeEnum.NUMERIC, "5"),
            entry("aws:TagKeys", ContextKeyTypeEnum.STRING_LIST, "env", "team"),
            entry("aws:SecureTransport", ContextKeyTypeEnum.BOOLEAN, "true"));

    EvaluationResult allowed =
        root.simulateCustomPolicy(
                b -> b.policyInputList(policy).actionNames("s3:PutObject").contextEntries(entries))
            .evaluationResults()
            .get(0);
    assertThat(allowed.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(allowed.missingContextValues()).isEmpty();

    List<ContextEntry> otherIp =
        List.of(
            entry("aws:SourceIp", ContextKeyTypeEnum.IP, "198.51.100.1"),
            entries.get(1),
            entries.get(2),
            entries.get(3),
            entries.get(4));
    assertThat(
            root.simulateCustomPolicy(
                    b ->
                        b.policyInputList(policy)
                            .actionNames("s3:PutObject")
                            .contextEntries(otherIp))
                .evaluationResults()
                .get(0)
                .evalDecision())
        .isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
  }

  private static ContextEntry entry(String key, ContextKeyTypeEnum type, String... values) {
    return ContextEntry.builder()
        .contextKeyName(key)
        .contextKeyType(type)
        .contextKeyValues(values)
        .build();
  }

  @Test
  void aUsersGroupGrantsTheActionAndIsNamedAsTheSource() {
    root.createUser(b -> b.userName("alice"));
    root.createGroup(b -> b.groupName("readers"));
    root.addUserToGroup(b -> b.groupName("readers").userName("alice"));
    root.putGroupPolicy(
        b -> b.groupName("readers").policyName("read").policyDocument(allow("s3:GetObject", "*")));

    SimulatePrincipalPolicyResponse r =
        root.simulatePrincipalPolicy(
            b -> b.policySourceArn(userArn("alice")).actionNames("s3:GetObject", "s3:PutObject"));

    assertThat(r.evaluationResults())
        .extracting(EvaluationResult::evalDecision)
        .containsExactly(
            PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
    Statement s = r.evaluationResults().get(0).matchedStatements().get(0);
    assertThat(s.sourcePolicyId()).isEqualTo("group_readers_read");
    assertThat(s.sourcePolicyType()).isEqualTo(PolicySourceType.GROUP);
    assertThat(
            List.of(
                s.startPosition().line(),
                s.startPosition().column(),
                s.endPosition().line(),
                s.endPosition().column()))
        .containsExactly(1, 39, 1, 95);
  }

  @Test
  void attachedManagedPoliciesAreNamedByTheirNameAndKind() {
    root.createUser(b -> b.userName("mia"));
    root.attachUserPolicy(
        b -> b.userName("mia").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
    root.createPolicy(b -> b.policyName("Writer").policyDocument(allow("s3:PutObject", "*")));
    root.attachUserPolicy(
        b -> b.userName("mia").policyArn("arn:aws:iam::" + ACCOUNT + ":policy/Writer"));

    SimulatePrincipalPolicyResponse r =
        root.simulatePrincipalPolicy(
            b -> b.policySourceArn(userArn("mia")).actionNames("s3:GetObject", "s3:PutObject"));

    assertThat(r.evaluationResults().get(0).matchedStatements())
        .extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
        .containsExactly(tuple("ReadOnlyAccess", PolicySourceType.AWS_MANAGED));
    assertThat(r.evaluationResults().get(1).matchedStatements())
        .extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
        .containsExactly(tuple("Writer", PolicySourceType.USER_MANAGED));
  }

  @Test
  void aPermissionsBoundaryLimitsWhatTheIdentityPolicyAllows() {
    root.createUser(b -> b.userName("dev"));
    root.putUserPolicy(b -> b.userName("dev").policyName("all").policyDocument(allow("*", "*")));
    String boundary = allow("s3:*", "*");

    SimulatePrincipalPolicyResponse r =
        root.simulatePrincipalPolicy(
            b ->
                b.policySourceArn(userArn("dev"))
                    .permissionsBoundaryPolicyInputList(boundary)
                    .actionNames("s3:GetObject", "iam:CreateUser"));

    EvaluationResult s3 = r.evaluationResults().get(0);
    EvaluationResult createUser = r.evaluationResults().get(1);
    assertThat(s3.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(s3.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isTrue();
    assertThat(s3.matchedStatements())
        .extracting(Statement::sourcePolicyId)
        .containsExactly("user_dev_all");
    assertThat(createUser.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(createUser.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary())
        .isFalse();
  }

  @Test
  void theEntitysOwnBoundaryAppliesWhenNoneIsGiven() {
    root.createPolicy(b -> b.policyName("OnlyS3").policyDocument(allow("s3:*", "*")));
    root.createRole(
        b ->
            b.roleName("app")
                .assumeRolePolicyDocument(trust(ACCOUNT))
                .permissionsBoundary("arn:aws:iam::" + ACCOUNT + ":policy/OnlyS3"));
    root.putRolePolicy(b -> b.roleName("app").policyName("all").policyDocument(allow("*", "*")));

    EvaluationResult r =
        root.simulatePrincipalPolicy(
                b -> b.policySourceArn(roleArn("app")).actionNames("sqs:SendMessage"))
            .evaluationResults()
            .get(0);

    assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(r.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();
  }

  @Test
  void aResourcePolicyAllowsCrossAccountWhenTheCallersPoliciesDoToo() {
    String bucketPolicy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
            + userArn("arnav")
            + "\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::mary/*\"}]}";

    SimulateCustomPolicyResponse r =
        root.simulateCustomPolicy(
            b ->
                b.policyInputList(allow("s3:PutObject", "*"))
                    .actionNames("s3:PutObject")
                    .resourceArns("arn:aws:s3:::mary/Test")
                    .resourcePolicy(bucketPolicy)
                    .resourceOwner("arn:aws:iam::999999999999:root")
                    .callerArn(userArn("arnav")));

    EvaluationResult e = r.evaluationResults().get(0);
    assertThat(e.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(e.evalDecisionDetails())
        .containsExactly(
            java.util.Map.entry("IAM Policy", PolicyEvaluationDecisionType.ALLOWED),
            java.util.Map.entry("Resource Policy", PolicyEvaluationDecisionType.ALLOWED));
    assertThat(e.matchedStatements())
        .extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
        .containsExactlyInAnyOrder(
            tuple("ResourcePolicy", PolicySourceType.RESOURCE),
            tuple("PolicyInputList.1", PolicySourceType.NONE));

    // without an identity policy allowing it, the other account's resource policy is not enough
    EvaluationResult denied =
        root.simulateCustomPolicy(
                b ->
                    b.policyInputList(allow("s3:GetObject", "*"))
                        .actionNames("s3:PutObject")
                        .resourceArns("arn:aws:s3:::mary/Test")
                        .resourcePolicy(bucketPolicy)
                        .resourceOwner("999999999999")
                        .callerArn(userArn("arnav")))
            .evaluationResults()
            .get(0);
    assertThat(denied.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    assertThat(denied.evalDecisionDetails())
        .containsEntry("IAM Policy", PolicyEvaluationDecisionType.IMPLICIT_DENY)
        .containsEntry("Resource Policy", PolicyEvaluationDecisionType.ALLOWED);
  }

  @Test
  void aTrustPolicyIsSimulatedForStsAssumeRole() {
    String trustPolicy = trust(userArn("bob"));
    String none = allow("s3:GetObject", "*");

    EvaluationResult bob =
        root.simulateCustomPolicy(
                b ->
                    b.policyInputList(none)
                        .actionNames("sts:AssumeRole")
                        .resourceArns(roleArn("deploy"))
                        .resourcePolicy(trustPolicy)
                        .callerArn(userArn("bob")))
            .evaluationResults()
            .get(0);
    assertThat(bob.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(bob.matchedStatements())
        .extracting(Statement::sourcePolicyId)
        .containsExactly("ResourcePolicy");

    EvaluationResult eve =
        root.simulateCustomPolicy(
                b ->
                    b.policyInputList(allow("sts:AssumeRole", "*"))
                        .actionNames("sts:AssumeRole")
                        .resourceArns(roleArn("deploy"))
                        .resourcePolicy(trustPolicy)
                        .callerArn(userArn("eve")))
            .evaluationResults()
            .get(0);
    assertThat(eve.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);

    // a role of another account, trusting this account: the caller's identity policy must allow too
    EvaluationResult cross =
        root.simulateCustomPolicy(
                b ->
                    b.policyInputList(allow("sts:AssumeRole", "*"))
                        .actionNames("sts:AssumeRole")
                        .resourceArns("arn:aws:iam::999999999999:role/deploy")
                        .resourcePolicy(trust("arn:aws:iam::" + ACCOUNT + ":root"))
                        .callerArn(userArn("eve")))
            .evaluationResults()
            .get(0);
    assertThat(cross.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(cross.evalDecisionDetails())
        .containsEntry("Resource Policy", PolicyEvaluationDecisionType.ALLOWED);
  }

  @Test
  void simulatingAssumeRoleOnAHostedRoleEvaluatesItsOwnTrustPolicy() {
    // beyond AWS's simulator, which ignores trust policies: no ResourcePolicy given, the role's own
    // is used
    var bobKey = userWithKey(root, "bob");
    var eveKey = userWithKey(root, "eve");
    root.createRole(b -> b.roleName("deploy").assumeRolePolicyDocument(trust(userArn("bob"))));
    root.putUserPolicy(
        b -> b.userName("eve").policyName("assume").policyDocument(allow("sts:AssumeRole", "*")));

    EvaluationResult bob =
        root.simulatePrincipalPolicy(
                b ->
                    b.policySourceArn(userArn("bob"))
                        .actionNames("sts:AssumeRole")
                        .resourceArns(roleArn("deploy")))
            .evaluationResults()
            .get(0);
    assertThat(bob.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(bob.matchedStatements())
        .extracting(Statement::sourcePolicyId, Statement::sourcePolicyTypeAsString)
        .containsExactly(tuple("TrustPolicy:deploy", "resource"));

    // eve's identity policy allows sts:AssumeRole, but the trust policy names only bob
    EvaluationResult eve =
        root.simulatePrincipalPolicy(
                b ->
                    b.policySourceArn(userArn("eve"))
                        .actionNames("sts:AssumeRole")
                        .resourceArns(roleArn("deploy")))
            .evaluationResults()
            .get(0);
    assertThat(eve.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);

    // as the server itself decides
    assertThat(
            server
                .sts(bobKey)
                .assumeRole(b -> b.roleArn(roleArn("deploy")).roleSessionName("sim"))
                .credentials())
        .isNotNull();
    expectError(
        () ->
            server.sts(eveKey).assumeRole(b -> b.roleArn(roleArn("deploy")).roleSessionName("sim")),
        "AccessDenied",
        403,
        "User: "
            + userArn("eve")
            + " is not authorized to perform: sts:AssumeRole on resource: "
            + roleArn("deploy"));
  }

  @Test
  void severalResourcesGiveOneResultEachWithItsResourceSpecificResult() {
    String policy = allow("s3:GetObject", "arn:aws:s3:::public/*");

    SimulateCustomPolicyResponse r =
        root.simulateCustomPolicy(
            b ->
                b.policyInputList(policy)
                    .actionNames("s3:GetObject")
                    .resourceArns("arn:aws:s3:::public/a", "arn:aws:s3:::private/b"));

    assertThat(r.evaluationResults())
        .extracting(EvaluationResult::evalResourceName, EvaluationResult::evalDecision)
        .containsExactly(
            tuple("arn:aws:s3:::public/a", PolicyEvaluationDecisionType.ALLOWED),
            tuple("arn:aws:s3:::private/b", PolicyEvaluationDecisionType.IMPLICIT_DENY));
    ResourceSpecificResult first = r.evaluationResults().get(0).resourceSpecificResults().get(0);
    assertThat(first.evalResourceName()).isEqualTo("arn:aws:s3:::public/a");
    assertThat(first.evalResourceDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(first.matchedStatements())
        .extracting(Statement::sourcePolicyId)
        .containsExactly("PolicyInputList.1");
    assertThat(r.evaluationResults().get(1).resourceSpecificResults())
        .extracting(ResourceSpecificResult::evalResourceDecision)
        .containsExactly(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    // same account with a resource ARN: EvalDecisionDetails is present and empty (AWS's example 2)
    assertThat(r.evaluationResults().get(0).hasEvalDecisionDetails()).isTrue();
    assertThat(r.evaluationResults().get(0).evalDecisionDetails()).isEmpty();
  }

  @Test
  void maxItemsPagesThroughTheResults() {
    SimulateCustomPolicyResponse first =
        root.simulateCustomPolicy(
            b ->
                b.policyInputList(MULTI_LINE)
                    .actionNames("s3:GetObject", "s3:ListBucket", "s3:DeleteObject")
                    .maxItems(2));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.evaluationResults())
        .extracting(EvaluationResult::evalActionName)
        .containsExactly("s3:GetObject", "s3:ListBucket");

    SimulateCustomPolicyResponse second =
        root.simulateCustomPolicy(
            b ->
                b.policyInputList(MULTI_LINE)
                    .actionNames("s3:GetObject", "s3:ListBucket", "s3:DeleteObject")
                    .maxItems(2)
                    .marker(first.marker()));
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.marker()).isNull();
    assertThat(second.evaluationResults())
        .extracting(EvaluationResult::evalActionName, EvaluationResult::evalDecision)
        .containsExactly(tuple("s3:DeleteObject", PolicyEvaluationDecisionType.EXPLICIT_DENY));
  }

  @Test
  void contextKeysAreListedPerPolicyInTextOrderAsWritten() {
    String input =
        """
        {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*",
          "Resource":"arn:aws:dynamodb:us-east-2:123456789012:table/${aws:username}",
          "Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"},"StringEquals":{"AWS:CurrentTime":"x"}}}}""";
    assertThat(root.getContextKeysForCustomPolicy(b -> b.policyInputList(input)).contextKeyNames())
        .containsExactly("aws:username", "aws:CurrentTime");

    root.createUser(b -> b.userName("dave"));
    root.putUserPolicy(
        b ->
            b.userName("dave")
                .policyName("ec2")
                .policyDocument(
                    """
        {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*",
          "Condition":{"StringEquals":{"ec2:InstanceType":"t3.micro"},"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}}}"""));
    // AWS's GetContextKeysForPrincipalPolicy example: the given policies' keys, then the entity's,
    // policy by policy (a key two policies use is listed twice)
    assertThat(
            root.getContextKeysForPrincipalPolicy(
                    b -> b.policySourceArn(userArn("dave")).policyInputList(input))
                .contextKeyNames())
        .containsExactly("aws:username", "aws:CurrentTime", "ec2:InstanceType", "aws:CurrentTime");
    assertThat(
            root.getContextKeysForPrincipalPolicy(b -> b.policySourceArn(userArn("dave")))
                .contextKeyNames())
        .containsExactly("ec2:InstanceType", "aws:CurrentTime");
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's policyExclusionList(Consumer<...Builder>...) varargs
  void errorsAreAwsErrorsWithTheirStatus() {
    expectError(
        () ->
            root.simulatePrincipalPolicy(
                b -> b.policySourceArn(userArn("nobody")).actionNames("s3:GetObject")),
        "NoSuchEntity",
        404,
        "The user with name nobody cannot be found.");
    expectError(
        () -> root.getContextKeysForPrincipalPolicy(b -> b.policySourceArn(roleArn("nothing"))),
        "NoSuchEntity",
        404,
        "The role with name nothing cannot be found.");
    expectError(
        () ->
            root.simulatePrincipalPolicy(
                b ->
                    b.policySourceArn("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/s1")
                        .actionNames("s3:GetObject")),
        "InvalidInput",
        400,
        "PolicySourceArn 'arn:aws:sts::"
            + ACCOUNT
            + ":assumed-role/app/s1' is not valid: use the ARN of an IAM user, group or role"
            + " (not an assumed role, a federated user or a service).");
    expectError(
        () ->
            root.simulateCustomPolicy(
                b ->
                    b.policyInputList(MULTI_LINE)
                        .actionNames("s3:GetObject")
                        .contextEntries(
                            ContextEntry.builder()
                                .contextKeyName("aws:SourceIp")
                                .contextKeyType("ipAddress")
                                .contextKeyValues("10.0.0.1")
                                .build())),
        "ValidationError",
        400,
        "1 validation error detected: Value 'ipAddress' at 'contextEntries.1.member.contextKeyType' failed to satisfy constraint:"
            + " Member must satisfy enum value set: [string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList]");
    expectError(
        () ->
            root.simulateCustomPolicy(
                b ->
                    b.policyInputList(MULTI_LINE)
                        .actionNames("s3:GetObject")
                        .contextEntries(
                            entry("aws:SourceIp", ContextKeyTypeEnum.IP, "10.0.0.300"))),
        "InvalidInput",
        400,
        "ContextEntries.1 (aws:SourceIp) ContextKeyValues.1 '10.0.0.300' is not a valid ip value.");
    expectError(
        () ->
            root.simulateCustomPolicy(
                b ->
                    b.policyInputList(MULTI_LINE)
                        .actionNames("ec2:RunInstances")
                        .resourceHandlingOption("EC2-Classic-EBS")),
        "InvalidInput",
        400,
        "ResourceHandlingOption 'EC2-Classic-EBS' is not valid: use EC2-VPC-InstanceStore, EC2-VPC-InstanceStore-Subnet, EC2-VPC-EBS or EC2-VPC-EBS-Subnet.");
    expectError(
        () ->
            root.simulateCustomPolicy(
                b ->
                    b.policyInputList(MULTI_LINE)
                        .actionNames("ec2:RunInstances")
                        .resourceHandlingOption("EC2-VPC-InstanceStore")
                        .resourceArns(
                            "arn:aws:ec2:us-east-1:" + ACCOUNT + ":instance/i-1",
                            "arn:aws:ec2:us-east-1::image/ami-1",
                            "arn:aws:ec2:us-east-1:" + ACCOUNT + ":security-group/sg-1")),
        "InvalidInput",
        400,
        "ResourceHandlingOption EC2-VPC-InstanceStore needs a network-interface resource (arn:aws:ec2:region:account:network-interface/id) in ResourceArns.");
    root.createRole(b -> b.roleName("app").assumeRolePolicyDocument(trust(ACCOUNT)));
    expectError(
        () ->
            root.simulatePrincipalPolicy(
                b ->
                    b.policySourceArn(roleArn("app"))
                        .actionNames("s3:GetObject")
                        .resourcePolicy(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")),
        "InvalidInput",
        400,
        "CallerArn is required when a ResourcePolicy is simulated for a role.");
    expectError(
        () ->
            root.simulateCustomPolicy(
                b ->
                    b.policyInputList(MULTI_LINE)
                        .actionNames("s3:GetObject")
                        .callerArn("arn:aws:sts::" + ACCOUNT + ":assumed-role/app/s1")),
        "InvalidInput",
        400,
        "CallerArn 'arn:aws:sts::"
            + ACCOUNT
            + ":assumed-role/app/s1' is not valid: use the ARN of an IAM user"
            + " (not an assumed role, a federated user or a service).");
    expectError(
        () ->
            root.simulatePrincipalPolicy(
                b ->
                    b.policySourceArn(roleArn("app"))
                        .actionNames("s3:GetObject")
                        .policyExclusionList(x -> x.policyType("INLINE"))),
        "InvalidInput",
        400,
        "Rolegate does not simulate PolicyExclusionList yet.");
    expectError(
        () ->
            root.simulateCustomPolicy(
                b ->
                    b.policyInputList(MULTI_LINE)
                        .actionNames("s3:GetObject")
                        .contextEntries(
                            entry("s3:max-keys", ContextKeyTypeEnum.NUMERIC, "5", "6"))),
        "InvalidInput",
        400,
        "ContextEntries.1 (s3:max-keys) is of type numeric and takes exactly one value, not 2; use numericList for several.");
    expectError(
        () ->
            root.simulateCustomPolicy(
                b ->
                    b.policyInputList(MULTI_LINE)
                        .actionNames("s3:GetObject")
                        .marker("bm90IGEgbnVtYmVy")),
        "ValidationError",
        400,
        "Invalid Marker.");
    expectError(
        () -> root.simulateCustomPolicy(b -> b.policyInputList(MULTI_LINE).actionNames("s3:*")),
        "InvalidInput",
        400,
        "Action name 's3:*' is not valid: the simulator does not accept wildcards in action names.");
    expectError(
        () ->
            root.simulateCustomPolicy(
                b ->
                    b.policyInputList(MULTI_LINE)
                        .actionNames("s3:GetObject")
                        .resourceArns("bucket")),
        "InvalidInput",
        400,
        "Resource 'bucket' is not valid: use an ARN (arn:partition:service:region:account:resource) or *.");
    expectError(
        () ->
            root.simulateCustomPolicy(
                b ->
                    b.policyInputList(
                            allow("s3:GetObject", "*"),
                            "{\"Version\":\"2012-10-17\",\n \"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}]}")
                        .actionNames("s3:GetObject")),
        "MalformedPolicyDocument",
        400,
        "Policy statement must contain resources. (PolicyInputList.2, line 2, column 15: Statement[0] has no Resource or NotResource)");
  }

  @Test
  void aCallerWithoutPermissionIsDeniedAsAnyOtherIamCall() {
    try (IamClient asCarol = server.iam(userWithKey(root, "carol"))) {
      root.putUserPolicy(
          b ->
              b.userName("carol")
                  .policyName("custom")
                  .policyDocument(allow("iam:SimulateCustomPolicy", "*")));
      assertThat(
              asCarol
                  .simulateCustomPolicy(
                      b -> b.policyInputList(MULTI_LINE).actionNames("s3:GetObject"))
                  .evaluationResults())
          .hasSize(1);
      expectError(
          () ->
              asCarol.simulatePrincipalPolicy(
                  b -> b.policySourceArn(userArn("carol")).actionNames("s3:GetObject")),
          "AccessDenied",
          403,
          "User: "
              + userArn("carol")
              + " is not authorized to perform: iam:SimulatePrincipalPolicy on resource: "
              + userArn("carol")
              + " because no identity-based policy allows the iam:SimulatePrincipalPolicy action");
      expectError(
          () -> asCarol.getContextKeysForCustomPolicy(b -> b.policyInputList(MULTI_LINE)),
          "AccessDenied",
          403,
          "User: "
              + userArn("carol")
              + " is not authorized to perform: iam:GetContextKeysForCustomPolicy on resource: *"
              + " because no identity-based policy allows the iam:GetContextKeysForCustomPolicy action");
    }
  }
}
