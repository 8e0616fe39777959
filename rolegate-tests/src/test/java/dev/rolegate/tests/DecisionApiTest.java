package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.roleArn;
import static dev.rolegate.tests.E2e.trust;
import static dev.rolegate.tests.E2e.userArn;
import static dev.rolegate.tests.E2e.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rolegate.core.auth.Enforcement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * POST /_rolegate/authorize: an object store asks Rolegate about S3 requests signed by the AWS
 * SDK's own SigV4 signer (valid, tampered, expired), for IAM users and role sessions.
 */
class DecisionApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String READ_PHOTOS =
      """
      {"Version":"2012-10-17","Statement":[{"Sid":"ReadPhotos","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}]}""";
  private static TestServer server;
  private static IamClient root;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TestServer.start(Enforcement.ENFORCE);
    root = server.iam(server.rootCredentials());
  }

  @AfterAll
  static void stop() {
    root.close();
    server.close();
  }

  @BeforeEach
  void fresh() {
    server.reset();
  }

  /** An S3 request to a made-up object store, signed by the SDK. */
  private static SdkHttpRequest s3Request(
      AwsCredentials creds, SdkHttpMethod method, String path, Clock clock) {
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(method)
            .uri(URI.create("http://127.0.0.1:9000" + path))
            .build();
    return AwsV4HttpSigner.create()
        .sign(
            r ->
                r.identity(creds)
                    .request(unsigned)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock))
        .request();
  }

  private static ObjectNode body(SdkHttpRequest signed, String action, String resource) {
    ObjectNode b = JSON.createObjectNode();
    b.put("method", signed.method().name());
    b.put("path", signed.encodedPath());
    ObjectNode headers = b.putObject("headers");
    for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
      headers.put(h.getKey(), h.getValue().get(0));
    }
    headers.put("Host", "127.0.0.1:9000");
    b.put("action", action);
    b.put("resource", resource);
    return b;
  }

  private HttpResponse<String> authorize(String body, String token) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(server.endpoint().resolve("/_rolegate/authorize"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      r.header("X-Rolegate-Token", token);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode decide(ObjectNode body) throws Exception {
    HttpResponse<String> r = authorize(body.toString(), TestServer.AUTHORIZE_TOKEN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void anIamUsersSignedRequestIsAllowedByItsIdentityPolicyAndDeniedOutsideIt() throws Exception {
    AwsBasicCredentials reader = userWithKey(root, "reader");
    root.putUserPolicy(b -> b.userName("reader").policyName("photos").policyDocument(READ_PHOTOS));

    JsonNode get =
        decide(
            body(
                s3Request(reader, SdkHttpMethod.GET, "/photos/cat.jpg", Clock.systemUTC()),
                "s3:GetObject",
                "arn:aws:s3:::photos/cat.jpg"));
    assertThat(get.get("decision").asText()).isEqualTo("Allow");
    assertThat(get.get("principal").asText()).isEqualTo(userArn("reader"));
    assertThat(get.get("account").asText()).isEqualTo(ACCOUNT);
    assertThat(get.get("explanation").get("decidingStatements").get(0).asText())
        .isEqualTo("reader/photos/ReadPhotos");

    JsonNode put =
        decide(
            body(
                s3Request(reader, SdkHttpMethod.PUT, "/photos/cat.jpg", Clock.systemUTC()),
                "s3:PutObject",
                "arn:aws:s3:::photos/cat.jpg"));
    assertThat(put.get("decision").asText()).isEqualTo("ImplicitDeny");
    assertThat(put.get("message").asText())
        .isEqualTo(
            "User: "
                + userArn("reader")
                + " is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::photos/cat.jpg because no identity-based policy allows the s3:PutObject action");
  }

  @Test
  void aRoleSessionsRequestIsDecidedWithTheRolesPoliciesAndTheServicesContextKeys()
      throws Exception {
    AwsBasicCredentials alice = userWithKey(root, "alice");
    root.createRole(b -> b.roleName("Uploader").assumeRolePolicyDocument(trust(userArn("alice"))));
    root.putRolePolicy(
        b ->
            b.roleName("Uploader")
                .policyName("upload")
                .policyDocument(
                    """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::photos/*",
          "Condition":{"StringEquals":{"s3:x-amz-acl":"private"}}}]}"""));
    var creds =
        TestServer.session(
            server
                .sts(alice)
                .assumeRole(b -> b.roleArn(roleArn("Uploader")).roleSessionName("batch"))
                .credentials());

    ObjectNode put =
        body(
            s3Request(creds, SdkHttpMethod.PUT, "/photos/dog.jpg", Clock.systemUTC()),
            "s3:PutObject",
            "arn:aws:s3:::photos/dog.jpg");
    put.putObject("context").put("s3:x-amz-acl", "public-read");
    JsonNode denied = decide(put);
    assertThat(denied.get("decision").asText()).isEqualTo("ImplicitDeny");
    assertThat(denied.get("principal").asText())
        .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/Uploader/batch");
    assertThat(denied.get("explanation").get("failedConditions").get(0).asText())
        .isEqualTo(
            "Uploader/upload#0: StringEquals s3:x-amz-acl request=[public-read] policy=[private]");

    ((ObjectNode) put.get("context")).put("s3:x-amz-acl", "private");
    assertThat(decide(put).get("decision").asText()).isEqualTo("Allow");
  }

  @Test
  void aResourcePolicySentByTheServiceCanAllowOnItsOwn() throws Exception {
    AwsBasicCredentials guest = userWithKey(root, "guest");
    ObjectNode del =
        body(
            s3Request(guest, SdkHttpMethod.DELETE, "/photos/old.jpg", Clock.systemUTC()),
            "s3:DeleteObject",
            "arn:aws:s3:::photos/old.jpg");
    assertThat(decide(del).get("decision").asText()).isEqualTo("ImplicitDeny");
    del.put("resourceAccount", ACCOUNT);
    del.put(
        "resourcePolicy",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"GuestCleans\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
            + userArn("guest")
            + "\"},\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::photos/*\"}]}");
    JsonNode allowed = decide(del);
    assertThat(allowed.get("decision").asText()).isEqualTo("Allow");
    assertThat(allowed.get("explanation").get("decidingStatements").get(0).asText())
        .isEqualTo("resource-policy/GuestCleans");
  }

  @Test
  void theRootUserIsAllowedInItsOwnAccountUnlessAResourcePolicyDenies() throws Exception {
    ObjectNode get =
        body(
            s3Request(
                server.rootCredentials(), SdkHttpMethod.GET, "/photos/cat.jpg", Clock.systemUTC()),
            "s3:GetObject",
            "arn:aws:s3:::photos/cat.jpg");
    get.put("resourceAccount", ACCOUNT);
    assertThat(decide(get).get("decision").asText()).isEqualTo("Allow");
    get.put(
        "resourcePolicy",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
    assertThat(decide(get).get("decision").asText()).isEqualTo("ExplicitDeny");
    get.put("resourceAccount", "210987654321");
    get.remove("resourcePolicy");
    assertThat(decide(get).get("decision").asText())
        .as("another account's resource")
        .isEqualTo("ImplicitDeny");
  }

  @Test
  void aDenialsEncodedMessageDecodesWithStsDecodeAuthorizationMessageForWhoMayDecode()
      throws Exception {
    AwsBasicCredentials reader = userWithKey(root, "reader");
    root.putUserPolicy(b -> b.userName("reader").policyName("photos").policyDocument(READ_PHOTOS));
    ObjectNode put =
        body(
            s3Request(reader, SdkHttpMethod.PUT, "/photos/cat.jpg", Clock.systemUTC()),
            "s3:PutObject",
            "arn:aws:s3:::photos/cat.jpg");
    put.putObject("context").put("s3:x-amz-acl", "private");
    JsonNode denied = decide(put);
    String encoded = denied.get("encodedMessage").asText();
    assertThat(encoded).hasSizeLessThanOrEqualTo(10_240).matches("[A-Za-z0-9_-]+");
    assertThat(
            decide(
                    body(
                        s3Request(reader, SdkHttpMethod.GET, "/photos/cat.jpg", Clock.systemUTC()),
                        "s3:GetObject",
                        "arn:aws:s3:::photos/cat.jpg"))
                .has("encodedMessage"))
        .as("an Allow carries no message")
        .isFalse();

    try (StsClient asReader = server.sts(reader)) {
      E2e.expectError(
          () -> asReader.decodeAuthorizationMessage(b -> b.encodedMessage(encoded)),
          "AccessDenied",
          403,
          "User: "
              + userArn("reader")
              + " is not authorized to perform: sts:DecodeAuthorizationMessage on resource: *"
              + " because no identity-based policy allows the sts:DecodeAuthorizationMessage action");
    }
    AwsBasicCredentials auditor = userWithKey(root, "auditor");
    root.putUserPolicy(
        b ->
            b.userName("auditor")
                .policyName("decode")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:DecodeAuthorizationMessage\",\"Resource\":\"*\"}]}"));
    try (StsClient asAuditor = server.sts(auditor)) {
      JsonNode m =
          JSON.readTree(
              asAuditor
                  .decodeAuthorizationMessage(b -> b.encodedMessage(encoded))
                  .decodedMessage());
      assertThat(m.get("allowed").asBoolean()).isFalse();
      assertThat(m.get("explicitDeny").asBoolean()).isFalse();
      assertThat(m.get("matchedStatements").get("items")).isEmpty();
      assertThat(m.get("context").get("principal").get("arn").asText())
          .isEqualTo(userArn("reader"));
      assertThat(m.get("context").get("principal").get("name").asText()).isEqualTo("reader");
      assertThat(m.get("context").get("action").asText()).isEqualTo("s3:PutObject");
      assertThat(m.get("context").get("resource").asText())
          .isEqualTo("arn:aws:s3:::photos/cat.jpg");
      assertThat(m.get("context").get("conditions").get("items").findValuesAsText("key"))
          .contains("s3:x-amz-acl", "aws:username");

      String tampered = (encoded.charAt(20) == 'A' ? "B" : "A");
      String changed = encoded.substring(0, 20) + tampered + encoded.substring(21);
      for (String bad :
          new String[] {
            changed, "not-a-message", encoded.substring(0, 40) + "\n" + encoded.substring(40)
          }) {
        var e =
            E2e.awsError(() -> asAuditor.decodeAuthorizationMessage(b -> b.encodedMessage(bad)));
        assertThat(e.awsErrorDetails().errorCode())
            .isEqualTo("InvalidAuthorizationMessageException");
        assertThat(e.statusCode()).isEqualTo(400);
      }
    }
  }

  @Test
  void tamperedAndExpiredSignaturesAreRefused() throws Exception {
    AwsBasicCredentials reader = userWithKey(root, "reader");
    root.putUserPolicy(b -> b.userName("reader").policyName("photos").policyDocument(READ_PHOTOS));
    ObjectNode tampered =
        body(
            s3Request(reader, SdkHttpMethod.GET, "/photos/cat.jpg", Clock.systemUTC()),
            "s3:GetObject",
            "arn:aws:s3:::photos/secret.jpg");
    tampered.put("path", "/photos/secret.jpg");
    HttpResponse<String> r = authorize(tampered.toString(), TestServer.AUTHORIZE_TOKEN);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("SignatureDoesNotMatch");

    Clock twentyMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
    ObjectNode old =
        body(
            s3Request(reader, SdkHttpMethod.GET, "/photos/cat.jpg", twentyMinutesAgo),
            "s3:GetObject",
            "arn:aws:s3:::photos/cat.jpg");
    HttpResponse<String> expired = authorize(old.toString(), TestServer.AUTHORIZE_TOKEN);
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(expired.body()).get("message").asText())
        .startsWith("Signature expired:");
  }

  @Test
  void theCallingServiceMustSendTheTokenAndAWellFormedBody() throws Exception {
    AwsBasicCredentials reader = userWithKey(root, "reader");
    String body =
        body(
                s3Request(reader, SdkHttpMethod.GET, "/photos/cat.jpg", Clock.systemUTC()),
                "s3:GetObject",
                "arn:aws:s3:::photos/cat.jpg")
            .toString();
    for (String token :
        new String[] {null, "", "wrong-token-wrong-token", TestServer.AUTHORIZE_TOKEN + "x"}) {
      HttpResponse<String> r = authorize(body, token);
      assertThat(r.statusCode()).as(String.valueOf(token)).isEqualTo(403);
      assertThat(JSON.readTree(r.body()).get("message").asText())
          .isEqualTo("Send the decision API token in the X-Rolegate-Token header.");
    }
    Map<String, String> bad =
        Map.of(
            "[]",
            "The body must be a JSON object",
            "{\"method\":\"GET\"}",
            "\"path\" is required",
            "{\"method\":1}",
            "\"method\" must be a string",
            "{\"color\":\"red\"}",
            "Unknown field \"color\"",
            "{\"method\":\"GET\",\"path\":\"/\",\"action\":\"s3:GetObject\",\"resource\":\"*\"}",
            "\"headers\" is required: the request's headers, including Authorization, Host and X-Amz-Date");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      HttpResponse<String> r = authorize(e.getKey(), TestServer.AUTHORIZE_TOKEN);
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("message").asText())
          .as(e.getKey())
          .isEqualTo(e.getValue());
    }
  }
}
