package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.serviceTrust;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Issue 7, "pagination on every list": every implemented IAM action that takes Marker and MaxItems
 * pages with MaxItems=1 through at least two items (IsTruncated and Marker on every page but the
 * last), and the pages together are the full list. A new such action without a row fails the
 * coverage test.
 */
class PaginationTest extends ServerTest {
  /** One page: the items as strings, IsTruncated, Marker. */
  record Page(List<String> items, boolean truncated, String marker) {}

  interface Lister {
    Page page(String marker, Integer maxItems) throws Exception;
  }

  static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/r1";
  static final String POLICY_ARN = "arn:aws:iam::" + ACCOUNT + ":policy/p1";
  static final String OIDC_ARN = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/oidc.example.com";
  static final String SAML_ARN = "arn:aws:iam::" + ACCOUNT + ":saml-provider/idp";
  static final List<String> AWS_POLICIES =
      List.of(
          "arn:aws:iam::aws:policy/ReadOnlyAccess",
          "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
          "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
  static final List<Tag> TAGS = List.of(tag("a"), tag("b"), tag("c"));

  static Tag tag(String k) {
    return Tag.builder().key(k).value("v").build();
  }

  static Page page(Stream<String> items, Boolean truncated, String marker) {
    return new Page(items.toList(), Boolean.TRUE.equals(truncated), marker);
  }

  static Page details(GetAccountAuthorizationDetailsResponse d) {
    return page(
        Stream.of(
                d.userDetailList().stream().map(u -> "user " + u.userName()),
                d.groupDetailList().stream().map(g -> "group " + g.groupName()),
                d.roleDetailList().stream().map(r -> "role " + r.roleName()),
                d.policies().stream().map(p -> "policy " + p.arn()))
            .flatMap(s -> s),
        d.isTruncated(),
        d.marker());
  }

  static Page simulation(List<EvaluationResult> results, Boolean truncated, String marker) {
    return page(
        results.stream().map(e -> e.evalActionName() + " " + e.evalDecisionAsString()),
        truncated,
        marker);
  }

  /** Every implemented IAM action with Marker and MaxItems, and how to page through it. */
  static Map<String, Lister> listers() {
    Map<String, Lister> m = new LinkedHashMap<>();
    m.put(
        "GetAccountAuthorizationDetails",
        (mk, n) -> details(iam.getAccountAuthorizationDetails(b -> b.marker(mk).maxItems(n))));
    m.put(
        "GetGroup",
        (mk, n) -> {
          var r = iam.getGroup(b -> b.groupName("g1").marker(mk).maxItems(n));
          return page(r.users().stream().map(u -> u.userName()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListAccessKeys",
        (mk, n) -> {
          var r = iam.listAccessKeys(b -> b.userName("u1").marker(mk).maxItems(n));
          return page(
              r.accessKeyMetadata().stream().map(k -> k.accessKeyId()),
              r.isTruncated(),
              r.marker());
        });
    m.put(
        "ListAccountAliases",
        (mk, n) -> {
          var r = iam.listAccountAliases(b -> b.marker(mk).maxItems(n));
          return page(r.accountAliases().stream(), r.isTruncated(), r.marker());
        });
    m.put(
        "ListAttachedGroupPolicies",
        (mk, n) -> {
          var r = iam.listAttachedGroupPolicies(b -> b.groupName("g1").marker(mk).maxItems(n));
          return page(
              r.attachedPolicies().stream().map(p -> p.policyArn()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListAttachedRolePolicies",
        (mk, n) -> {
          var r = iam.listAttachedRolePolicies(b -> b.roleName("r1").marker(mk).maxItems(n));
          return page(
              r.attachedPolicies().stream().map(p -> p.policyArn()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListAttachedUserPolicies",
        (mk, n) -> {
          var r = iam.listAttachedUserPolicies(b -> b.userName("u1").marker(mk).maxItems(n));
          return page(
              r.attachedPolicies().stream().map(p -> p.policyArn()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListEntitiesForPolicy",
        (mk, n) -> {
          var r = iam.listEntitiesForPolicy(b -> b.policyArn(POLICY_ARN).marker(mk).maxItems(n));
          return page(
              Stream.of(
                      r.policyGroups().stream().map(g -> "group " + g.groupName()),
                      r.policyUsers().stream().map(u -> "user " + u.userName()),
                      r.policyRoles().stream().map(x -> "role " + x.roleName()))
                  .flatMap(s -> s),
              r.isTruncated(),
              r.marker());
        });
    m.put(
        "ListGroupPolicies",
        (mk, n) -> {
          var r = iam.listGroupPolicies(b -> b.groupName("g1").marker(mk).maxItems(n));
          return page(r.policyNames().stream(), r.isTruncated(), r.marker());
        });
    m.put(
        "ListGroups",
        (mk, n) -> {
          var r = iam.listGroups(b -> b.marker(mk).maxItems(n));
          return page(r.groups().stream().map(g -> g.groupName()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListGroupsForUser",
        (mk, n) -> {
          var r = iam.listGroupsForUser(b -> b.userName("u1").marker(mk).maxItems(n));
          return page(r.groups().stream().map(g -> g.groupName()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListInstanceProfileTags",
        (mk, n) -> {
          var r =
              iam.listInstanceProfileTags(b -> b.instanceProfileName("ip1").marker(mk).maxItems(n));
          return page(r.tags().stream().map(t -> t.key()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListInstanceProfiles",
        (mk, n) -> {
          var r = iam.listInstanceProfiles(b -> b.marker(mk).maxItems(n));
          return page(
              r.instanceProfiles().stream().map(p -> p.instanceProfileName()),
              r.isTruncated(),
              r.marker());
        });
    m.put(
        "ListInstanceProfilesForRole",
        (mk, n) -> {
          var r = iam.listInstanceProfilesForRole(b -> b.roleName("r1").marker(mk).maxItems(n));
          return page(
              r.instanceProfiles().stream().map(p -> p.instanceProfileName()),
              r.isTruncated(),
              r.marker());
        });
    m.put(
        "ListMFADevices",
        (mk, n) -> {
          var r = iam.listMFADevices(b -> b.userName("u1").marker(mk).maxItems(n));
          return page(
              r.mfaDevices().stream().map(d -> d.serialNumber()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListMFADeviceTags",
        (mk, n) -> {
          var r =
              iam.listMFADeviceTags(
                  b ->
                      b.serialNumber("arn:aws:iam::" + ACCOUNT + ":mfa/v1").marker(mk).maxItems(n));
          return page(r.tags().stream().map(t -> t.key()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListOpenIDConnectProviderTags",
        (mk, n) -> {
          var r =
              iam.listOpenIDConnectProviderTags(
                  b -> b.openIDConnectProviderArn(OIDC_ARN).marker(mk).maxItems(n));
          return page(r.tags().stream().map(t -> t.key()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListPolicies",
        (mk, n) -> {
          var r = iam.listPolicies(b -> b.marker(mk).maxItems(n).scope("Local"));
          return page(r.policies().stream().map(p -> p.arn()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListPolicyTags",
        (mk, n) -> {
          var r = iam.listPolicyTags(b -> b.policyArn(POLICY_ARN).marker(mk).maxItems(n));
          return page(r.tags().stream().map(t -> t.key()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListPolicyVersions",
        (mk, n) -> {
          var r = iam.listPolicyVersions(b -> b.policyArn(POLICY_ARN).marker(mk).maxItems(n));
          return page(r.versions().stream().map(v -> v.versionId()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListRolePolicies",
        (mk, n) -> {
          var r = iam.listRolePolicies(b -> b.roleName("r1").marker(mk).maxItems(n));
          return page(r.policyNames().stream(), r.isTruncated(), r.marker());
        });
    m.put(
        "ListRoleTags",
        (mk, n) -> {
          var r = iam.listRoleTags(b -> b.roleName("r1").marker(mk).maxItems(n));
          return page(r.tags().stream().map(t -> t.key()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListRoles",
        (mk, n) -> {
          var r = iam.listRoles(b -> b.marker(mk).maxItems(n));
          return page(r.roles().stream().map(x -> x.roleName()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListSAMLProviderTags",
        (mk, n) -> {
          var r = iam.listSAMLProviderTags(b -> b.samlProviderArn(SAML_ARN).marker(mk).maxItems(n));
          return page(r.tags().stream().map(t -> t.key()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListUserPolicies",
        (mk, n) -> {
          var r = iam.listUserPolicies(b -> b.userName("u1").marker(mk).maxItems(n));
          return page(r.policyNames().stream(), r.isTruncated(), r.marker());
        });
    m.put(
        "ListUserTags",
        (mk, n) -> {
          var r = iam.listUserTags(b -> b.userName("u1").marker(mk).maxItems(n));
          return page(r.tags().stream().map(t -> t.key()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListUsers",
        (mk, n) -> {
          var r = iam.listUsers(b -> b.marker(mk).maxItems(n));
          return page(r.users().stream().map(u -> u.userName()), r.isTruncated(), r.marker());
        });
    m.put(
        "ListVirtualMFADevices",
        (mk, n) -> {
          var r = iam.listVirtualMFADevices(b -> b.marker(mk).maxItems(n));
          return page(
              r.virtualMFADevices().stream().map(d -> d.serialNumber()),
              r.isTruncated(),
              r.marker());
        });
    m.put(
        "SimulateCustomPolicy",
        (mk, n) -> {
          var r =
              iam.simulateCustomPolicy(
                  b ->
                      b.policyInputList(allow("s3:GetObject", "*"))
                          .actionNames("s3:GetObject", "s3:PutObject", "s3:ListBucket")
                          .marker(mk)
                          .maxItems(n));
          return simulation(r.evaluationResults(), r.isTruncated(), r.marker());
        });
    m.put(
        "SimulatePrincipalPolicy",
        (mk, n) -> {
          var r =
              iam.simulatePrincipalPolicy(
                  b ->
                      b.policySourceArn(ROLE_ARN)
                          .actionNames("s3:GetObject", "s3:PutObject", "s3:ListBucket")
                          .marker(mk)
                          .maxItems(n));
          return simulation(r.evaluationResults(), r.isTruncated(), r.marker());
        });
    return m;
  }

  /** Two or three of everything the listers list. */
  void seed() throws Exception {
    for (String u : List.of("u1", "u2", "u3")) {
      iam.createUser(b -> b.userName(u));
    }
    iam.tagUser(b -> b.userName("u1").tags(TAGS));
    for (String g : List.of("g1", "g2", "g3")) {
      iam.createGroup(b -> b.groupName(g));
      iam.addUserToGroup(b -> b.groupName(g).userName("u1"));
    }
    iam.addUserToGroup(b -> b.groupName("g1").userName("u2"));
    iam.addUserToGroup(b -> b.groupName("g1").userName("u3"));
    for (String r : List.of("r1", "r2", "r3")) {
      iam.createRole(
          b -> b.roleName(r).assumeRolePolicyDocument(serviceTrust("ec2.amazonaws.com")));
    }
    iam.tagRole(b -> b.roleName("r1").tags(TAGS));
    for (String p : List.of("a", "b", "c")) {
      String doc = allow("s3:" + p.toUpperCase(Locale.ROOT) + "*", "*");
      iam.putRolePolicy(b -> b.roleName("r1").policyName(p).policyDocument(doc));
      iam.putUserPolicy(b -> b.userName("u1").policyName(p).policyDocument(doc));
      iam.putGroupPolicy(b -> b.groupName("g1").policyName(p).policyDocument(doc));
    }
    for (String p : List.of("p1", "p2", "p3")) {
      iam.createPolicy(b -> b.policyName(p).policyDocument(allow("s3:GetObject", "*")));
    }
    iam.tagPolicy(b -> b.policyArn(POLICY_ARN).tags(TAGS));
    iam.createPolicyVersion(
        b -> b.policyArn(POLICY_ARN).policyDocument(allow("s3:PutObject", "*")));
    iam.createPolicyVersion(
        b -> b.policyArn(POLICY_ARN).policyDocument(allow("s3:ListBucket", "*")));
    iam.attachRolePolicy(b -> b.roleName("r1").policyArn(POLICY_ARN));
    iam.attachUserPolicy(b -> b.userName("u1").policyArn(POLICY_ARN));
    iam.attachGroupPolicy(b -> b.groupName("g1").policyArn(POLICY_ARN));
    for (String arn : AWS_POLICIES.subList(0, 2)) {
      iam.attachRolePolicy(b -> b.roleName("r1").policyArn(arn));
      iam.attachUserPolicy(b -> b.userName("u1").policyArn(arn));
      iam.attachGroupPolicy(b -> b.groupName("g1").policyArn(arn));
    }
    for (String ip : List.of("ip1", "ip2", "ip3")) {
      iam.createInstanceProfile(b -> b.instanceProfileName(ip));
      iam.addRoleToInstanceProfile(b -> b.instanceProfileName(ip).roleName("r1"));
    }
    iam.tagInstanceProfile(b -> b.instanceProfileName("ip1").tags(TAGS));
    iam.createAccessKey(b -> b.userName("u1"));
    iam.createAccessKey(b -> b.userName("u1"));
    iam.createAccountAlias(b -> b.accountAlias("paged"));
    iam.createOpenIDConnectProvider(
        b -> b.url("https://oidc.example.com").clientIDList("x").tags(TAGS));
    String metadata = SamlIdp.create("https://idp.example.com/saml").metadata();
    iam.createSAMLProvider(b -> b.name("idp").samlMetadataDocument(metadata).tags(TAGS));
    long step = MfaDeviceTest.currentStep();
    for (String v : List.of("v1", "v2", "v3")) {
      MfaDeviceTest.Device d = MfaDeviceTest.create(v);
      String code1 = d.code(step - 1);
      String code2 = d.code(step);
      iam.enableMFADevice(
          b ->
              b.userName("u1")
                  .serialNumber(d.serial())
                  .authenticationCode1(code1)
                  .authenticationCode2(code2));
    }
    if (server.implementedActions().contains("TagMFADevice")) {
      iam.tagMFADevice(b -> b.serialNumber("arn:aws:iam::" + ACCOUNT + ":mfa/v1").tags(TAGS));
    }
  }

  @Test
  void everyImplementedIamActionWithMarkerAndMaxItemsHasALister() {
    Set<String> paged = new TreeSet<>();
    for (String action : server.implementedActions()) {
      try {
        String sdkName =
            action.replace("MFA", "Mfa").replace("SAML", "Saml").replace("OpenID", "OpenId");
        Class<?> request =
            Class.forName("software.amazon.awssdk.services.iam.model." + sdkName + "Request");
        Method marker = request.getMethod("marker");
        Method maxItems = request.getMethod("maxItems");
        if (marker != null && maxItems != null) {
          paged.add(action);
        }
      } catch (ClassNotFoundException | NoSuchMethodException e) {
        // not an IAM action, or not one that pages
      }
    }
    assertThat(paged).hasSizeGreaterThan(25);
    assertThat(new TreeSet<>(listers().keySet())).isEqualTo(paged);
  }

  @Test
  void everyListPagesOneItemAtATimeThroughTheFullList() throws Exception {
    seed();
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Lister> e : listers().entrySet()) {
      if (!server.implementedActions().contains(e.getKey())) {
        continue; // reported by the coverage test
      }
      try {
        pageThrough(e.getKey(), e.getValue());
      } catch (AssertionError | RuntimeException x) {
        failures.add(e.getKey() + ": " + x.getMessage());
      }
    }
    assertThat(failures).as("lists that do not page").isEmpty();
  }

  private static void pageThrough(String action, Lister lister) throws Exception {
    Page full = lister.page(null, null);
    int least = action.equals("ListAccountAliases") ? 1 : 2; // an account has one alias
    assertThat(full.items())
        .as(action + " lists the seeded items")
        .hasSizeGreaterThanOrEqualTo(least);
    assertThat(full.truncated()).as(action + " in one page").isFalse();
    assertThat(full.marker()).as(action + " in one page").isNull();
    List<String> union = new ArrayList<>();
    String marker = null;
    for (int pages = 1; ; pages++) {
      assertThat(pages).as(action + " ends").isLessThanOrEqualTo(full.items().size());
      Page p = lister.page(marker, 1);
      assertThat(p.items()).as(action + " page " + pages).hasSize(1);
      union.addAll(p.items());
      if (!p.truncated()) {
        assertThat(p.marker()).as(action + " has no marker on its last page").isNull();
        break;
      }
      assertThat(p.marker()).as(action + " marks a truncated page").isNotBlank();
      marker = p.marker();
    }
    assertThat(union).as(action + ": the pages together").isEqualTo(full.items());
  }
}
