package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.serviceTrust;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.LimitExceededException;

/**
 * Issue 7: IAM's quotas with AWS's LimitExceeded texts, AWS's defaults, and set per account through
 * the admin API (GET/PUT /_rolegate/accounts/{id}/quotas); GetAccountSummary reports them.
 */
class QuotasTest extends ServerTest {
  static final String QUOTAS = "/_rolegate/accounts/" + ACCOUNT + "/quotas";
  static final String TRUST = serviceTrust("ec2.amazonaws.com");
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> put(String path, String body) throws Exception {
    return http.send(
        AdminRequests.signedPut(server.endpoint(), path, body, server.rootCredentials()),
        HttpResponse.BodyHandlers.ofString());
  }

  void set(String body) throws Exception {
    HttpResponse<String> r = put(QUOTAS, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /** An identity policy of about {@code size} characters (no white space). */
  static String policyOfSize(int size) {
    String shell = allow("s3:GetObject", "arn:aws:s3:::");
    return allow("s3:GetObject", "arn:aws:s3:::" + "b".repeat(size - shell.length()));
  }

  static String trustOfSize(int size) {
    String shell =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"";
    return shell + "x".repeat(size - shell.length() - 6) + "\"}}}]}";
  }

  static void limit(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    expectError(call, "LimitExceeded", 409, message);
  }

  @Test
  void theAdminApiShowsAwsDefaultsAndSetsReplacesAndResetsQuotas() throws Exception {
    HttpResponse<String> r =
        http.send(
            AdminRequests.signedGet(server.endpoint(), QUOTAS, server.rootCredentials()),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .startsWith(
            "{\"accountId\":\""
                + ACCOUNT
                + "\",\"quotas\":{\"RolesPerAccount\":1000,\"UsersPerAccount\":5000,")
        .contains(
            "\"GroupsPerAccount\":300",
            "\"PoliciesPerAccount\":1500",
            "\"InstanceProfilesPerAccount\":1000",
            "\"OpenIdConnectProvidersPerAccount\":100",
            "\"SAMLProvidersPerAccount\":100",
            "\"PoliciesPerRole\":10",
            "\"GroupsPerUser\":10",
            "\"VersionsPerPolicy\":5",
            "\"AccessKeysPerUser\":2",
            "\"MFADevicesPerUser\":8",
            "\"RolePolicySize\":10240",
            "\"UserPolicySize\":2048",
            "\"GroupPolicySize\":5120",
            "\"PolicySize\":6144",
            "\"ACLSizePerRole\":2048");
    r = put(QUOTAS, "{\"RolesPerAccount\": 2000, \"PolicySize\": \"100\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"RolesPerAccount\":2000", "\"PolicySize\":100", "\"UsersPerAccount\":5000");
    r = put(QUOTAS, "{\"PolicySize\": \"default\"}");
    assertThat(r.body()).contains("\"RolesPerAccount\":2000", "\"PolicySize\":6144");
  }

  @Test
  void badNamesValuesBodiesAndAccountsAreRefusedAndChangeNothing() throws Exception {
    HttpResponse<String> r = put(QUOTAS, "{\"RolesPerAccount\": 5, \"Roles\": 5}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains(
            "\"error\":\"InvalidInput\"",
            "Unknown quota Roles; the quotas are RolesPerAccount, UsersPerAccount");
    r = put(QUOTAS, "{\"RolesPerAccount\": -1}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("Quota RolesPerAccount must be a whole number from 0 to 1000000: -1");
    r = put(QUOTAS, "{\"PolicySize\": 200000}");
    assertThat(r.body())
        .contains("Quota PolicySize must be a whole number from 0 to 131072: 200000");
    r = put(QUOTAS, "{\"RolesPerAccount\": 2.5}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("Quota RolesPerAccount must be a whole number or \\\"default\\\": 2.5");
    r = put(QUOTAS, "{\"RolesPerAccount\": \"many\"}");
    assertThat(r.body())
        .contains("Quota RolesPerAccount must be a whole number or \\\"default\\\": many");
    r = put(QUOTAS, "[]");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("The body must be a JSON object of quota names");
    r = put(QUOTAS, "{}");
    assertThat(r.statusCode()).isEqualTo(400);
    r = put("/_rolegate/accounts/999999999999/quotas", "{\"RolesPerAccount\": 5}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .contains("\"error\":\"NoSuchEntity\"", "Account 999999999999 does not exist.");
    r =
        http.send(
            AdminRequests.signedGet(server.endpoint(), QUOTAS, server.rootCredentials()),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).contains("\"RolesPerAccount\":1000", "\"PolicySize\":6144");
  }

  @Test
  void onlyTheDefaultAccountsRootUserMaySetQuotas() throws Exception {
    var alice = E2e.userWithKey(iam, "alice");
    HttpResponse<String> r =
        http.send(
            AdminRequests.signedPut(
                server.endpoint(), QUOTAS, "{\"RolesPerAccount\": 5000}", alice),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void aLoweredRoleQuotaRefusesTheNextRoleAndRaisingItLetsItThroughAndTheSummaryShowsIt()
      throws Exception {
    set("{\"RolesPerAccount\": 2}");
    assertThat(iam.getAccountSummary().summaryMapAsStrings()).containsEntry("RolesQuota", 2);
    iam.createRole(b -> b.roleName("r1").assumeRolePolicyDocument(TRUST));
    iam.createRole(b -> b.roleName("r2").assumeRolePolicyDocument(TRUST));
    limit(
        () -> iam.createRole(b -> b.roleName("r3").assumeRolePolicyDocument(TRUST)),
        "Cannot exceed quota for RolesPerAccount: 2");
    limit(
        () ->
            iam.createServiceLinkedRole(
                b -> b.awsServiceName("elasticloadbalancing.amazonaws.com")),
        "Cannot exceed quota for RolesPerAccount: 2");
    assertThat(iam.listRoles().roles()).hasSize(2);
    set("{\"RolesPerAccount\": 3}");
    iam.createRole(b -> b.roleName("r3").assumeRolePolicyDocument(TRUST));
    assertThat(iam.getAccountSummary().summaryMapAsStrings())
        .containsEntry("RolesQuota", 3)
        .containsEntry("Roles", 3);
  }

  @Test
  void concurrentCreatesCannotOvershootAQuota() throws Exception {
    set("{\"UsersPerAccount\": 5}");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String name = "u" + i;
        Callable<Boolean> create =
            () -> {
              try {
                iam.createUser(b -> b.userName(name));
                return true;
              } catch (LimitExceededException e) {
                return false;
              }
            };
        results.add(pool.submit(create));
      }
      int created = 0;
      for (Future<Boolean> f : results) {
        created += f.get() ? 1 : 0;
      }
      assertThat(created).isEqualTo(5);
      assertThat(iam.listUsers().users()).hasSize(5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everyAccountWideCountQuotaHasAwsText() throws Exception {
    set(
        "{\"UsersPerAccount\": 1, \"GroupsPerAccount\": 1, \"PoliciesPerAccount\": 1, \"InstanceProfilesPerAccount\": 1,"
            + " \"OpenIdConnectProvidersPerAccount\": 1, \"SAMLProvidersPerAccount\": 1}");
    iam.createUser(b -> b.userName("u1"));
    limit(
        () -> iam.createUser(b -> b.userName("u2")), "Cannot exceed quota for UsersPerAccount: 1");
    iam.createGroup(b -> b.groupName("g1"));
    limit(
        () -> iam.createGroup(b -> b.groupName("g2")),
        "Cannot exceed quota for GroupsPerAccount: 1");
    iam.createPolicy(b -> b.policyName("p1").policyDocument(allow("s3:*", "*")));
    limit(
        () -> iam.createPolicy(b -> b.policyName("p2").policyDocument(allow("s3:*", "*"))),
        "Cannot exceed quota for PoliciesPerAccount: 1");
    iam.createInstanceProfile(b -> b.instanceProfileName("ip1"));
    limit(
        () -> iam.createInstanceProfile(b -> b.instanceProfileName("ip2")),
        "Cannot exceed quota for InstanceProfilesPerAccount: 1");
    iam.createOpenIDConnectProvider(b -> b.url("https://one.example.com").clientIDList("x"));
    limit(
        () ->
            iam.createOpenIDConnectProvider(
                b -> b.url("https://two.example.com").clientIDList("x")),
        "Cannot exceed quota for OpenIdConnectProvidersPerAccount: 1");
    String metadata = SamlIdp.create("https://idp.example.com/saml").metadata();
    iam.createSAMLProvider(b -> b.name("idp1").samlMetadataDocument(metadata));
    limit(
        () -> iam.createSAMLProvider(b -> b.name("idp2").samlMetadataDocument(metadata)),
        "Cannot exceed quota for SAMLProvidersPerAccount: 1");
    var summary = iam.getAccountSummary().summaryMapAsStrings();
    assertThat(summary)
        .containsEntry("UsersQuota", 1)
        .containsEntry("GroupsQuota", 1)
        .containsEntry("PoliciesQuota", 1)
        .containsEntry("InstanceProfilesQuota", 1)
        .containsEntry("Users", 1)
        .containsEntry("Providers", 2);
  }

  @Test
  void perEntityCountQuotasAreConfigurable() throws Exception {
    set(
        "{\"PoliciesPerRole\": 1, \"PoliciesPerUser\": 1, \"PoliciesPerGroup\": 1, \"GroupsPerUser\": 1, \"VersionsPerPolicy\": 2,"
            + " \"AccessKeysPerUser\": 1}");
    iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(TRUST));
    iam.createUser(b -> b.userName("u"));
    iam.createGroup(b -> b.groupName("g1"));
    iam.createGroup(b -> b.groupName("g2"));
    String a = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    String b2 = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
    iam.attachRolePolicy(b -> b.roleName("r").policyArn(a));
    iam.attachRolePolicy(b -> b.roleName("r").policyArn(a)); // attaching again is no new attachment
    limit(
        () -> iam.attachRolePolicy(b -> b.roleName("r").policyArn(b2)),
        "Cannot exceed quota for PoliciesPerRole: 1");
    iam.attachUserPolicy(b -> b.userName("u").policyArn(a));
    limit(
        () -> iam.attachUserPolicy(b -> b.userName("u").policyArn(b2)),
        "Cannot exceed quota for PoliciesPerUser: 1");
    iam.attachGroupPolicy(b -> b.groupName("g1").policyArn(a));
    limit(
        () -> iam.attachGroupPolicy(b -> b.groupName("g1").policyArn(b2)),
        "Cannot exceed quota for PoliciesPerGroup: 1");
    iam.addUserToGroup(b -> b.groupName("g1").userName("u"));
    limit(
        () -> iam.addUserToGroup(b -> b.groupName("g2").userName("u")),
        "Cannot exceed quota for GroupsPerUser: 1");
    iam.createAccessKey(b -> b.userName("u"));
    limit(
        () -> iam.createAccessKey(b -> b.userName("u")),
        "Cannot exceed quota for AccessKeysPerUser: 1");
    String p =
        iam.createPolicy(b -> b.policyName("p").policyDocument(allow("s3:*", "*"))).policy().arn();
    iam.createPolicyVersion(b -> b.policyArn(p).policyDocument(allow("s3:Get*", "*")));
    expectError(
        () -> iam.createPolicyVersion(b -> b.policyArn(p).policyDocument(allow("s3:List*", "*"))),
        "LimitExceeded",
        409,
        "A managed policy can have up to 2 versions. Before you create a new version, you must delete an existing version.");
    var summary = iam.getAccountSummary().summaryMapAsStrings();
    assertThat(summary)
        .containsEntry("AttachedPoliciesPerRoleQuota", 1)
        .containsEntry("AttachedPoliciesPerUserQuota", 1)
        .containsEntry("AttachedPoliciesPerGroupQuota", 1)
        .containsEntry("GroupsPerUserQuota", 1)
        .containsEntry("VersionsPerPolicyQuota", 2)
        .containsEntry("AccessKeysPerUserQuota", 1);
  }

  @Test
  void sizeQuotasHoldAtAwsDefaultsWithWhiteSpaceNotCounted() {
    iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(TRUST));
    iam.createUser(b -> b.userName("u"));
    iam.createGroup(b -> b.groupName("g"));
    // inline policies: the aggregate of the owner's documents, the replaced one left out
    iam.putUserPolicy(b -> b.userName("u").policyName("a").policyDocument(policyOfSize(1500)));
    iam.putUserPolicy(
        b ->
            b.userName("u")
                .policyName("a")
                .policyDocument(policyOfSize(1800))); // replaces, 1800 in all
    limit(
        () ->
            iam.putUserPolicy(
                b -> b.userName("u").policyName("b").policyDocument(policyOfSize(300))),
        "Maximum policy size of 2048 bytes exceeded for user u");
    iam.putUserPolicy(b -> b.userName("u").policyName("b").policyDocument(policyOfSize(248)));
    assertThat(iam.listUserPolicies(b -> b.userName("u")).policyNames()).containsExactly("a", "b");
    iam.putGroupPolicy(b -> b.groupName("g").policyName("a").policyDocument(policyOfSize(5120)));
    limit(
        () ->
            iam.putGroupPolicy(
                b -> b.groupName("g").policyName("b").policyDocument(policyOfSize(200))),
        "Maximum policy size of 5120 bytes exceeded for group g");
    iam.putRolePolicy(b -> b.roleName("r").policyName("a").policyDocument(policyOfSize(10000)));
    limit(
        () ->
            iam.putRolePolicy(
                b -> b.roleName("r").policyName("b").policyDocument(policyOfSize(241))),
        "Maximum policy size of 10240 bytes exceeded for role r");
    // managed policies, at creation and in new versions
    String spaced = policyOfSize(6144).replace(",", ",\n      ");
    String p = iam.createPolicy(b -> b.policyName("big").policyDocument(spaced)).policy().arn();
    limit(
        () -> iam.createPolicy(b -> b.policyName("bigger").policyDocument(policyOfSize(6145))),
        "Cannot exceed quota for PolicySize: 6144");
    limit(
        () -> iam.createPolicyVersion(b -> b.policyArn(p).policyDocument(policyOfSize(6145))),
        "Cannot exceed quota for PolicySize: 6144");
    // trust policies
    iam.createRole(b -> b.roleName("t").assumeRolePolicyDocument(trustOfSize(2048)));
    limit(
        () -> iam.createRole(b -> b.roleName("t2").assumeRolePolicyDocument(trustOfSize(2049))),
        "Cannot exceed quota for ACLSizePerRole: 2048");
    limit(
        () -> iam.updateAssumeRolePolicy(b -> b.roleName("r").policyDocument(trustOfSize(2049))),
        "Cannot exceed quota for ACLSizePerRole: 2048");
    assertThat(iam.listRoles().roles()).extracting(x -> x.roleName()).containsExactly("r", "t");
  }

  @Test
  void sizeQuotasAreConfigurable() throws Exception {
    set(
        "{\"UserPolicySize\": 4096, \"PolicySize\": 8000, \"ACLSizePerRole\": 4096, \"RolePolicySize\": 500}");
    iam.createUser(b -> b.userName("u"));
    iam.putUserPolicy(b -> b.userName("u").policyName("a").policyDocument(policyOfSize(4000)));
    iam.createPolicy(b -> b.policyName("p").policyDocument(policyOfSize(8000)));
    limit(
        () -> iam.createPolicy(b -> b.policyName("q").policyDocument(policyOfSize(8001))),
        "Cannot exceed quota for PolicySize: 8000");
    iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(trustOfSize(4000)));
    limit(
        () ->
            iam.putRolePolicy(
                b -> b.roleName("r").policyName("a").policyDocument(policyOfSize(501))),
        "Maximum policy size of 500 bytes exceeded for role r");
    assertThat(iam.getAccountSummary().summaryMapAsStrings())
        .containsEntry("UserPolicySizeQuota", 4096)
        .containsEntry("PolicySizeQuota", 8000)
        .containsEntry("AssumeRolePolicySizeQuota", 4096)
        .containsEntry("RolePolicySizeQuota", 500);
  }
}
