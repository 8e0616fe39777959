package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.roleArn;
import static dev.rolegate.tests.E2e.trust;
import static dev.rolegate.tests.E2e.userArn;
import static dev.rolegate.tests.E2e.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rolegate.core.auth.Enforcement;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * --enforcement enforce|audit|off and GET /_rolegate/decisions, against real servers: what a denial
 * does in each mode, and the recorded explanation (deciding statements, failed conditions).
 */
class EnforcementModesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  /** Allows iam:GetRole only from eu-west-1, and iam:ListRoles outright. */
  private static final String REGIONAL =
      """
      {"Version":"2012-10-17","Statement":[
        {"Sid":"GetRoleInEurope","Effect":"Allow","Action":"iam:GetRole","Resource":"*",
         "Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}},
        {"Sid":"List","Effect":"Allow","Action":"iam:ListRoles","Resource":"*"}]}""";

  private JsonNode decisions(TestServer server, String query) throws Exception {
    HttpResponse<String> r =
        http.send(
            AdminRequests.signedGet(
                server.endpoint(), "/_rolegate/decisions", query, server.rootCredentials()),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void enforceDeniesAndRecordsTheFailedConditionWithTheRequestsValue() throws Exception {
    try (TestServer server = TestServer.start(Enforcement.ENFORCE);
        IamClient root = server.iam(server.rootCredentials())) {
      root.createRole(
          b ->
              b.roleName("Target")
                  .assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root")));
      AwsBasicCredentials bob = userWithKey(root, "bob");
      root.putUserPolicy(b -> b.userName("bob").policyName("regional").policyDocument(REGIONAL));
      try (IamClient asBob = server.iam(bob)) {
        expectError(
            () -> asBob.getRole(b -> b.roleName("Target")),
            "AccessDenied",
            403,
            "User: "
                + userArn("bob")
                + " is not authorized to perform: iam:GetRole on resource: role Target"
                + " because no identity-based policy allows the iam:GetRole action");
        asBob.listRoles();
      }

      JsonNode all = decisions(server, "action=iam%3AGetRole&principal=" + q(userArn("bob")));
      assertThat(all.get("enforcement").asText()).isEqualTo("enforce");
      assertThat(all.get("decisions")).hasSize(1);
      JsonNode denied = all.get("decisions").get(0);
      assertThat(denied.get("outcome").asText()).isEqualTo("denied");
      assertThat(denied.get("decision").asText()).isEqualTo("ImplicitDeny");
      assertThat(denied.get("resource").asText()).isEqualTo(roleArn("Target"));
      assertThat(denied.get("reason").asText())
          .isEqualTo("because no identity-based policy allows the iam:GetRole action");
      assertThat(denied.get("failedConditions").get(0).asText())
          .isEqualTo(
              "bob/regional/GetRoleInEurope: StringEquals aws:RequestedRegion request=[us-east-1] policy=[eu-west-1]");

      JsonNode newest = decisions(server, "limit=1").get("decisions");
      assertThat(newest).hasSize(1);
      assertThat(newest.get(0).get("action").asText()).isEqualTo("iam:ListRoles");
      assertThat(newest.get(0).get("outcome").asText()).isEqualTo("allowed");
      assertThat(newest.get(0).get("decidingStatements").get(0).asText())
          .isEqualTo("bob/regional/List");
    }
  }

  @Test
  void auditLetsDeniedCallsThroughAndRecordsEachWouldBeDenial() throws Exception {
    try (TestServer server = TestServer.start(Enforcement.AUDIT);
        IamClient root = server.iam(server.rootCredentials())) {
      root.createUser(b -> b.userName("carol"));
      root.createRole(b -> b.roleName("Locked").assumeRolePolicyDocument(trust(userArn("carol"))));
      AwsBasicCredentials bob = userWithKey(root, "bob");
      root.putUserPolicy(
          b ->
              b.userName("bob")
                  .policyName("deny-delete")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoDelete\",\"Effect\":\"Deny\",\"Action\":\"iam:DeleteRole\",\"Resource\":\"*\"}]}"));
      try (IamClient asBob = server.iam(bob);
          StsClient stsBob = server.sts(bob)) {
        assertThat(asBob.getRole(b -> b.roleName("Locked")).role().arn())
            .isEqualTo(roleArn("Locked"));
        assertThat(
                stsBob
                    .assumeRole(b -> b.roleArn(roleArn("Locked")).roleSessionName("audit-me"))
                    .assumedRoleUser()
                    .arn())
            .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/Locked/audit-me");
        asBob.deleteRole(b -> b.roleName("Locked"));
      }
      JsonNode d = decisions(server, "principal=" + q(userArn("bob"))).get("decisions");
      assertThat(d).hasSize(3);
      assertThat(d.get(0).get("action").asText()).isEqualTo("iam:DeleteRole");
      assertThat(d.get(0).get("outcome").asText()).isEqualTo("audited");
      assertThat(d.get(0).get("decision").asText()).isEqualTo("ExplicitDeny");
      assertThat(d.get(0).get("reason").asText())
          .isEqualTo("with an explicit deny in an identity-based policy");
      assertThat(d.get(0).get("decidingStatements").get(0).asText())
          .isEqualTo("bob/deny-delete/NoDelete");
      assertThat(d.get(1).get("action").asText()).isEqualTo("sts:AssumeRole");
      assertThat(d.get(1).get("outcome").asText()).isEqualTo("audited");
      assertThat(d.get(1).get("reason").asText())
          .isEqualTo("because no resource-based policy allows the sts:AssumeRole action");
      assertThat(d.get(2).get("action").asText()).isEqualTo("iam:GetRole");
      assertThat(d.get(2).get("reason").asText())
          .isEqualTo("because no identity-based policy allows the iam:GetRole action");
    }
  }

  @Test
  void offOnlyAuthenticates() throws Exception {
    try (TestServer server = TestServer.start(Enforcement.OFF);
        IamClient root = server.iam(server.rootCredentials())) {
      AwsBasicCredentials bob = userWithKey(root, "bob");
      try (IamClient asBob = server.iam(bob)) {
        asBob.createRole(
            b ->
                b.roleName("ByBob")
                    .assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root")));
        assertThat(root.getRole(b -> b.roleName("ByBob")).role().arn()).isEqualTo(roleArn("ByBob"));
      }
      try (IamClient wrongSecret =
          server.iam(AwsBasicCredentials.create(bob.accessKeyId(), "x".repeat(40)))) {
        assertThat(E2e.awsError(() -> wrongSecret.listRoles()).awsErrorDetails().errorCode())
            .isEqualTo("SignatureDoesNotMatch");
      }
      assertThat(decisions(server, "").get("decisions")).isEmpty();
    }
  }

  @Test
  void badQueriesAreValidationErrors() throws Exception {
    try (TestServer server = TestServer.start(Enforcement.ENFORCE)) {
      for (String query : new String[] {"limit=0", "limit=1001", "limit=ten", "color=red"}) {
        HttpResponse<String> r =
            http.send(
                AdminRequests.signedGet(
                    server.endpoint(), "/_rolegate/decisions", query, server.rootCredentials()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(query).isEqualTo(400);
        assertThat(r.body()).as(query).contains("ValidationError");
      }
    }
  }
}
