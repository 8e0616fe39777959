package dev.rolegate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolTest {
  @Test
  void formsDecodeAsBotocoreEncodesThem() {
    Params p =
        Params.parse(
            "Action=GetRole",
            "RoleName=a%2Bb+c&Version=2010-05-08&Tags.member.1.Key=k&Tags.member.1.Value=&List.member.1=x&List.member.2=y&Empty=");
    assertThat(p.string("Action")).isEqualTo("GetRole");
    assertThat(p.string("RoleName")).isEqualTo("a+b c");
    assertThat(p.tags("Tags")).singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("k"));
    assertThat(p.list("List")).containsExactly("x", "y");
    assertThat(p.list("Empty")).isEmpty();
    assertThat(Params.parse(null, "Name=%E2%9C%93").string("Name")).isEqualTo("\u2713");
    assertThat(Params.parse(null, "Name=caf\u00e9+\ud83d\ude80" + "a".repeat(20)).string("Name"))
        .isEqualTo("caf\u00e9 \ud83d\ude80" + "a".repeat(20));
  }

  @Test
  void badEncodingIsMalformedQueryString() {
    for (String bad : List.of("A=%", "A=%zz", "A=%C3%28")) {
      assertThatThrownBy(() -> Params.parse(null, bad))
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> assertThat(e.code()).isEqualTo(AwsErrorCode.MALFORMED_QUERY_STRING));
    }
    assertThatThrownBy(() -> Params.parse(null, "MaxItems=ten").integer("MaxItems"))
        .hasMessage(
            "1 validation error detected: Value 'ten' at 'maxItems' failed to satisfy constraint: Member must be a number");
    assertThatThrownBy(() -> Params.parse(null, "").required("RoleName"))
        .hasMessage(
            "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null");
  }

  @Test
  void theRegistryKnowsEveryIamAndStsAction() {
    ActionRegistry r = ActionRegistry.load();
    assertThat(r.all()).hasSize(191);
    assertThat(r.all().values().stream().filter(s -> s == Service.STS)).hasSize(11);
    assertThat(r.service("AssumeRoleWithSAML")).isEqualTo(Service.STS);
    assertThat(r.service("CreateOpenIDConnectProvider")).isEqualTo(Service.IAM);
    assertThat(r.service("AddClientIDToOpenIDConnectProvider")).isEqualTo(Service.IAM);
    assertThat(r.service("GetSendStatistics")).isNull();
  }

  @Test
  void successAndErrorsAreShapedAsAwsAnswers() {
    List<Node> result =
        Node.builder()
            .struct(
                "Role",
                b ->
                    b.text("RoleName", "R&D")
                        .document("AssumeRolePolicyDocument", "{\"a\": \"b c\"}"))
            .texts("PolicyNames", List.of("p1"))
            .bool("IsTruncated", false)
            .build();
    String xml =
        new String(
            Responses.success(Service.IAM, "GetRole", result, "rid", false).body(),
            StandardCharsets.UTF_8);
    assertThat(xml)
        .isEqualTo(
            "<GetRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetRoleResult>"
                + "<Role><RoleName>R&amp;D</RoleName><AssumeRolePolicyDocument>%7B%22a%22%3A%20%22b%20c%22%7D</AssumeRolePolicyDocument></Role>"
                + "<PolicyNames><member>p1</member></PolicyNames><IsTruncated>false</IsTruncated></GetRoleResult>"
                + "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></GetRoleResponse>");
    assertThat(
            new String(
                Responses.success(Service.IAM, "DeleteRole", null, "rid", false).body(),
                StandardCharsets.UTF_8))
        .isEqualTo(
            "<DeleteRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></DeleteRoleResponse>");
    String json =
        new String(
            Responses.success(
                    Service.STS,
                    "GetCallerIdentity",
                    Node.builder()
                        .text("UserId", "u")
                        .text("Account", "a")
                        .text("Arn", "arn")
                        .build(),
                    "rid",
                    true)
                .body(),
            StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"GetCallerIdentityResponse\":{\"GetCallerIdentityResult\":{\"UserId\":\"u\",\"Account\":\"a\",\"Arn\":\"arn\"},\"ResponseMetadata\":{\"RequestId\":\"rid\"}}}");
    Responses.HttpAnswer error =
        Responses.error(
            Service.STS, AwsErrorCode.INVALID_CLIENT_TOKEN_ID, "bad <token>", "rid", false);
    assertThat(error.status()).isEqualTo(403);
    assertThat(new String(error.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>"
                + "<Message>bad &lt;token&gt;</Message></Error><RequestId>rid</RequestId></ErrorResponse>");
  }
}
