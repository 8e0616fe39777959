package dev.rolegate.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/** The admin API: accounts, reset; only the default account's root user may use it. */
class AdminApiTest {
  static TestServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void fresh() {
    server.reset();
  }

  HttpResponse<String> post(String path, String body, AwsBasicCredentials creds) throws Exception {
    return http.send(
        AdminRequests.signedPost(server.endpoint(), path, body, creds, 0),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theRootUserCreatesAndListsAccountsWhoseKeysWork() throws Exception {
    HttpResponse<String> created =
        post("/_rolegate/accounts", "{\"accountId\":\"111122223333\"}", server.rootCredentials());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body())
        .contains("\"accountId\":\"111122223333\"")
        .contains("\"accessKeyId\":\"AKIA");
    String key = created.body().replaceAll(".*\"accessKeyId\":\"([^\"]+)\".*", "$1");
    String secret = created.body().replaceAll(".*\"secretAccessKey\":\"([^\"]+)\".*", "$1");
    assertThat(server.sts(AwsBasicCredentials.create(key, secret)).getCallerIdentity().arn())
        .isEqualTo("arn:aws:iam::111122223333:root");
    HttpResponse<String> random = post("/_rolegate/accounts", "", server.rootCredentials());
    assertThat(random.statusCode()).isEqualTo(201);
    assertThat(random.body()).containsPattern("\"accountId\":\"\\d{12}\"");
    HttpResponse<String> again =
        post("/_rolegate/accounts", "{\"accountId\":\"111122223333\"}", server.rootCredentials());
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("EntityAlreadyExists");
    HttpResponse<String> list =
        http.send(
            AdminRequests.signedGet(
                server.endpoint(), "/_rolegate/accounts", server.rootCredentials()),
            HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"123456789012\"").contains("\"111122223333\"");
    assertThat(
            post("/_rolegate/accounts", "{\"accountId\":\"12\"}", server.rootCredentials())
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void onlyTheDefaultAccountsRootUserMayUseIt() throws Exception {
    AwsBasicCredentials other = server.newAccount("444455556666");
    assertThat(post("/_rolegate/accounts", "", other).statusCode()).isEqualTo(403);
    IamClient iam = server.iam(server.rootCredentials());
    iam.createUser(b -> b.userName("admin"));
    iam.putUserPolicy(
        b -> b.userName("admin").policyName("all").policyDocument(E2e.allow("*", "*")));
    var k = iam.createAccessKey(b -> b.userName("admin")).accessKey();
    HttpResponse<String> user =
        post(
            "/_rolegate/accounts",
            "",
            AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey()));
    assertThat(user.statusCode()).isEqualTo(403);
    assertThat(user.body()).contains("Only the root user of the default account 123456789012");
    HttpResponse<String> unsigned =
        http.send(
            java.net.http.HttpRequest.newBuilder(server.endpoint().resolve("/_rolegate/accounts"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(403);
  }

  @Test
  void resetWipesEverythingAndKeepsTheRootKey() throws Exception {
    IamClient iam = server.iam(server.rootCredentials());
    iam.createRole(
        b -> b.roleName("Gone").assumeRolePolicyDocument(E2e.serviceTrust("ec2.amazonaws.com")));
    HttpResponse<String> reset = post("/_rolegate/reset", "", server.rootCredentials());
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(iam.listRoles().roles()).isEmpty();
  }
}
