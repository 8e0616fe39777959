package dev.rolegate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParameterValidatorTest {
  private static final ParameterValidator IAM = ParameterValidator.of(Service.IAM);
  private static final ParameterValidator STS = ParameterValidator.of(Service.STS);
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

  /** One operation's form (name=value pairs, in order) and the problems AWS reports for it. */
  static Stream<Arguments> cases() {
    return Stream.of(
        // valid input: nothing to report
        row(
            IAM,
            "CreateRole",
            form(
                "RoleName",
                "app",
                "AssumeRolePolicyDocument",
                TRUST,
                "MaxSessionDuration",
                "3600",
                "Tags.member.1.Key",
                "k",
                "Tags.member.1.Value",
                "v")),
        row(IAM, "ListRoles", form()),
        row(IAM, "GetAccountSummary", form()),
        // required
        row(
            IAM,
            "GetRole",
            form(),
            "Value null at 'roleName' failed to satisfy constraint: Member must not be null"),
        row(
            STS,
            "AssumeRole",
            form("RoleSessionName", "s"),
            "Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
            "Value 's' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"),
        // length (min, max), values over 256 characters and empty values not shown
        row(
            IAM,
            "GetRole",
            form("RoleName", "r".repeat(65)),
            "Value '"
                + "r".repeat(65)
                + "' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64"),
        row(
            IAM,
            "GetRole",
            form("RoleName", ""),
            "Value at 'roleName' failed to satisfy constraint: Member must have length greater than or equal to 1"),
        row(
            IAM,
            "UpdateRoleDescription",
            form("RoleName", "r", "Description", "d".repeat(1001)),
            "Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000"),
        // pattern (the model's escaped slash, u002F, shown as /)
        row(
            IAM,
            "GetRole",
            form("RoleName", "x y"),
            "Value 'x y' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"),
        row(
            IAM,
            "CreateUser",
            form("UserName", "u", "Path", "team"),
            "Value 'team' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (/)|(/[\\u0021-\\u007E]+/)"),
        // sensitive values are never shown
        row(
            IAM,
            "CreateLoginProfile",
            form("UserName", "u", "Password", "p".repeat(129)),
            "Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128"),
        // enum
        row(
            IAM,
            "UpdateAccessKey",
            form("AccessKeyId", "AKIAIOSFODNN7EXAMPLE", "Status", "Paused"),
            "Value 'Paused' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]"),
        // numeric range and numbers
        row(
            IAM,
            "CreateRole",
            form("RoleName", "r", "AssumeRolePolicyDocument", TRUST, "MaxSessionDuration", "50000"),
            "Value '50000' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200"),
        row(
            IAM,
            "ListRoles",
            form("MaxItems", "0"),
            "Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"),
        row(
            IAM,
            "ListRoles",
            form("MaxItems", "ten"),
            "Value 'ten' at 'maxItems' failed to satisfy constraint: Member must be a number"),
        row(
            STS,
            "AssumeRole",
            form(
                "RoleArn",
                "arn:aws:iam::123456789012:role/r",
                "RoleSessionName",
                "ss",
                "DurationSeconds",
                "899"),
            "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"),
        // list length: a list of structures is not shown
        row(
            IAM,
            "TagRole",
            withTags(form("RoleName", "r"), 51),
            "Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"),
        // a list of strings: shown as [a, b], an element reported once at the list
        row(
            IAM,
            "GetAccountAuthorizationDetails",
            form("Filter.member.1", "User", "Filter.member.2", "Robot"),
            "Value '[User, Robot]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: "
                + "[Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]]"),
        row(
            IAM,
            "UntagRole",
            form("RoleName", "r", "TagKeys.member.1", "bad;key"),
            "Value at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, "
                + "Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+, Member must not be null]"),
        row(
            IAM,
            "UpdateOpenIDConnectProviderThumbprint",
            form("OpenIDConnectProviderArn", "arn:aws:iam::123456789012:oidc-provider/example.com"),
            "Value at 'thumbprintList' failed to satisfy constraint: Member must not be null"),
        row(
            IAM,
            "UpdateOpenIDConnectProviderThumbprint",
            form(
                "OpenIDConnectProviderArn",
                "arn:aws:iam::123456789012:oidc-provider/example.com",
                "ThumbprintList.member.1",
                "a".repeat(40),
                "ThumbprintList.member.2",
                "abc"),
            "Value 'abc' at 'thumbprintList.member.2' failed to satisfy constraint: Member must have length greater than or equal to 40"),
        // an empty list (a bare Name=) is present, with no elements
        row(
            STS,
            "GetWebIdentityToken",
            form("Audience", ""),
            "Value '[]' at 'audience' failed to satisfy constraint: Member must have length greater than or equal to 1",
            "Value null at 'signingAlgorithm' failed to satisfy constraint: Member must not be null"),
        // nested members of the Query form by their model path
        row(
            IAM,
            "TagUser",
            form(
                "UserName",
                "u",
                "Tags.member.1.Key",
                "ok",
                "Tags.member.1.Value",
                "v",
                "Tags.member.2.Value",
                "v",
                "Tags.member.3.Key",
                "bad*key",
                "Tags.member.3.Value",
                "v"),
            "Value null at 'tags.2.member.key' failed to satisfy constraint: Member must not be null",
            "Value 'bad*key' at 'tags.3.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"),
        row(
            IAM,
            "SimulateCustomPolicy",
            form(
                "PolicyInputList.member.1",
                TRUST,
                "ActionNames.member.1",
                "s3:GetObject",
                "ContextEntries.member.1.ContextKeyName",
                "aws:SourceIp",
                "ContextEntries.member.1.ContextKeyType",
                "ipAddress"),
            "Value 'ipAddress' at 'contextEntries.1.member.contextKeyType' failed to satisfy constraint: Member must satisfy enum value set: "
                + "[string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList]"),
        row(
            STS,
            "AssumeRoot",
            form("TargetPrincipal", "111122223333"),
            "Value null at 'taskPolicyArn.arn' failed to satisfy constraint: Member must not be null"),
        row(
            STS,
            "AssumeRole",
            form(
                "RoleArn",
                "arn:aws:iam::123456789012:role/r",
                "RoleSessionName",
                "ss",
                "PolicyArns.member.1.arn",
                "short"),
            "Value 'short' at 'policyArns.1.member.arn' failed to satisfy constraint: Member must have length greater than or equal to 20"),
        // the name limits differ by kind and by action (once checked by hand in core:
        // PrincipalPolicies, BoundaryService, MfaService)
        row(
            IAM,
            "ListRolePolicies",
            form("RoleName", "n".repeat(65)),
            "Value '"
                + "n".repeat(65)
                + "' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64"),
        row(IAM, "ListUserPolicies", form("UserName", "n".repeat(65))),
        row(IAM, "ListGroupPolicies", form("GroupName", "n".repeat(65))),
        row(
            IAM,
            "PutUserPolicy",
            form("UserName", "n".repeat(129), "PolicyName", "p", "PolicyDocument", TRUST),
            "Value '"
                + "n".repeat(129)
                + "' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 128"),
        row(
            IAM,
            "ListUserPolicies",
            form("UserName", "bad/name"),
            "Value 'bad/name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"),
        row(
            IAM,
            "GetGroupPolicy",
            form("GroupName", "g", "PolicyName", "p".repeat(129)),
            "Value '"
                + "p".repeat(129)
                + "' at 'policyName' failed to satisfy constraint: Member must have length less than or equal to 128"),
        row(
            IAM,
            "PutUserPermissionsBoundary",
            form(
                "UserName",
                "n".repeat(65),
                "PermissionsBoundary",
                "arn:aws:iam::aws:policy/ReadOnlyAccess"),
            "Value '"
                + "n".repeat(65)
                + "' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64"),
        row(
            IAM,
            "PutRolePermissionsBoundary",
            form("RoleName", "r", "PermissionsBoundary", "short"),
            "Value 'short' at 'permissionsBoundary' failed to satisfy constraint: Member must have length greater than or equal to 20"),
        row(
            IAM,
            "DeleteUserPermissionsBoundary",
            form("UserName", "n".repeat(65)),
            "Value '"
                + "n".repeat(65)
                + "' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64"),
        row(
            IAM,
            "CreateVirtualMFADevice",
            form("VirtualMFADeviceName", "my phone"),
            "Value 'my phone' at 'virtualMFADeviceName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"),
        row(
            IAM,
            "UntagUser",
            form("UserName", "u", "TagKeys.member.1", "ok", "TagKeys.member.2", ""),
            "Value at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, "
                + "Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+, Member must not be null]"),
        // several at once, in the input shape's order (not the form's)
        row(
            IAM,
            "CreateRole",
            form(
                "MaxSessionDuration",
                "50000",
                "RoleName",
                "x y",
                "AssumeRolePolicyDocument",
                TRUST),
            "Value 'x y' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
            "Value '50000' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200"),
        row(
            IAM,
            "CreateRole",
            form("Path", "p", "Description", "\u0001"),
            "Value 'p' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (/)|(/[\\u0021-\\u007E]+/)",
            "Value null at 'roleName' failed to satisfy constraint: Member must not be null",
            "Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null",
            "Value '\u0001' at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void problemsAreReportedAsAwsWordsThem(
      ParameterValidator v, String operation, Map<String, String> form, List<String> expected) {
    assertThat(v.problems(operation, form)).containsExactlyElementsOf(expected);
  }

  @Test
  void oneProblemOrSeveralMakeAwsSentence() {
    Params bad =
        Params.of(
            form(
                "RoleName",
                "x y",
                "AssumeRolePolicyDocument",
                TRUST,
                "MaxSessionDuration",
                "50000"));
    assertThatThrownBy(() -> IAM.check("CreateRole", bad))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.code()).isEqualTo(AwsErrorCode.VALIDATION_ERROR))
        .hasMessage(
            "2 validation errors detected: Value 'x y' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + "[\\w+=,.@-]+; Value '50000' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200");
    assertThatThrownBy(() -> IAM.check("GetRole", Params.of(Map.of())))
        .hasMessage(
            "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null");
    IAM.check("GetRole", Params.of(Map.of("RoleName", "ok")));
  }

  @Test
  void bothModelsCoverEveryImplementedActionTheyKnow() {
    ActionRegistry registry = ActionRegistry.load();
    registry
        .all()
        .forEach(
            (action, service) -> {
              ServiceModel m = ParameterValidator.of(service).model();
              if (m.operations().contains(action)) {
                assertThat(m.input(action)).as(action).isNotNull();
              }
            });
    assertThat(IAM.model().service()).isEqualTo("iam");
    assertThat(IAM.model().apiVersion()).isEqualTo(Service.IAM.version());
    assertThat(STS.model().apiVersion()).isEqualTo(Service.STS.version());
    assertThat(IAM.model().operations()).contains("CreateRole", "TagRole", "SimulateCustomPolicy");
    assertThat(STS.model().operations())
        .contains("AssumeRole", "AssumeRoleWithSAML", "GetWebIdentityToken");
    assertThat(IAM.problems("NoSuchOperation", Map.of())).isEmpty();
  }

  @Test
  void theLoaderIsGenericOverAModel() throws Exception {
    String json =
        "{\"metadata\":{\"apiVersion\":\"2016-11-15\",\"endpointPrefix\":\"ec2\",\"protocol\":\"ec2\"},"
            + "\"operations\":{\"DescribeThings\":{\"name\":\"DescribeThings\",\"input\":{\"shape\":\"DescribeThingsRequest\"},\"documentation\":\"<p>x</p>\"}},"
            + "\"shapes\":{\"DescribeThingsRequest\":{\"type\":\"structure\",\"required\":[\"Ids\"],\"members\":{"
            + "\"Ids\":{\"shape\":\"IdList\",\"locationName\":\"ThingId\"},\"Count\":{\"shape\":\"Count\"},\"Arn\":{\"shape\":\"Arn\"}}},"
            + "\"IdList\":{\"type\":\"list\",\"member\":{\"shape\":\"Id\",\"locationName\":\"item\"},\"max\":2},"
            + "\"Id\":{\"type\":\"string\",\"pattern\":\"i-[0-9a-f]+\"},\"Count\":{\"type\":\"long\",\"min\":1,\"max\":5000000000},"
            + "\"Arn\":{\"type\":\"string\",\"pattern\":\"[\\\\u0020-\\\\uD7FF\\\\u10000-\\\\u10FFFF]+\"}}}";
    ParameterValidator ec2 =
        new ParameterValidator(
            ServiceModel.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    assertThat(ec2.model().service()).isEqualTo("ec2");
    assertThat(
            ec2.problems(
                "DescribeThings",
                form(
                    "ThingId.item.1",
                    "i-0a",
                    "Count",
                    "5000000000",
                    "Arn",
                    "caf\u00e9 \ud83d\ude80")))
        .isEmpty();
    assertThat(ec2.problems("DescribeThings", form("ThingId.item.1", "x", "Count", "5000000001")))
        .containsExactly(
            "Value '[x]' at 'ids' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy regular expression pattern: i-[0-9a-f]+, Member must not be null]",
            "Value '5000000001' at 'count' failed to satisfy constraint: Member must have value less than or equal to 5000000000");
    assertThat(
            ec2.problems(
                "DescribeThings",
                form("ThingId.item.1", "i-1", "ThingId.item.2", "i-2", "ThingId.item.3", "i-3")))
        .containsExactly(
            "Value '[i-1, i-2, i-3]' at 'ids' failed to satisfy constraint: Member must have length less than or equal to 2");
    assertThat(ec2.problems("DescribeThings", form()))
        .containsExactly(
            "Value null at 'ids' failed to satisfy constraint: Member must not be null");
  }

  private static Arguments row(
      ParameterValidator v, String operation, Map<String, String> form, String... expected) {
    return Arguments.of(v, operation, form, List.of(expected));
  }

  private static Map<String, String> form(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  private static Map<String, String> withTags(Map<String, String> form, int n) {
    for (int i = 1; i <= n; i++) {
      form.put("Tags.member." + i + ".Key", "k" + i);
      form.put("Tags.member." + i + ".Value", "v");
    }
    return form;
  }
}
