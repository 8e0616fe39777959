package dev.rolegate.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * Issue 6: every IAM and STS action Rolegate implements, called by a user without any policy, is
 * refused with AccessDenied 403 and AWS's message, naming the action and the resource ARN the
 * service authorization reference gives for it, and nothing changes. The table must list every
 * implemented action (or say why it is exempt): a new action without a row fails this test, so the
 * fail-closed guard and the resource ARN of each action are checked for all of them, not only for
 * the ones other tests happen to call.
 */
class AccessDeniedMatrixTest extends ServerTest {
  static final String A = TestServer.ACCOUNT;
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
          + A
          + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String DOC =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
  static final String POLICY = "arn:aws:iam::" + A + ":policy/pol";
  static final String OIDC = "arn:aws:iam::" + A + ":oidc-provider/oidc.example.com";
  static final String MFA = "arn:aws:iam::" + A + ":mfa/dev1";
  static final String SAML = "arn:aws:iam::" + A + ":saml-provider/idp";
  static final String SLR =
      "arn:aws:iam::"
          + A
          + ":role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing";

  /** Actions no row can show, and why. */
  static final Map<String, String> EXEMPT =
      Map.of(
          "GetCallerIdentity", "needs no permission (AWS)",
          "GetSessionToken", "needs no permission (AWS)",
          "AssumeRoleWithWebIdentity",
              "unsigned: the role's trust policy alone decides (OidcFederationTest)",
          "AssumeRoleWithSAML",
              "unsigned: the role's trust policy alone decides (SamlFederationTest)",
          "GetDelegatedAccessToken",
              "no trade-in token can exist, so every call is refused before any permission applies (AssumeRootTest)");

  /**
   * action | parameters (name=value, space-separated; %DOC% and %TRUST% stand for policy documents)
   * | the resource AWS names in the message.
   */
  static final String TABLE =
      """
      AddClientIDToOpenIDConnectProvider | OpenIDConnectProviderArn=%OIDC% ClientID=more | %OIDC%
      AddRoleToInstanceProfile | InstanceProfileName=ip RoleName=app | instance profile ip
      AddUserToGroup | GroupName=devs UserName=bob | group devs
      AttachGroupPolicy | GroupName=devs PolicyArn=%POLICY% | group devs
      AttachRolePolicy | RoleName=app PolicyArn=%POLICY% | role app
      AttachUserPolicy | UserName=bob PolicyArn=%POLICY% | user bob
      ChangePassword | OldPassword=Str0ng!Passw0rd NewPassword=An0ther!Passw0rd | user nobody
      CreateAccessKey | UserName=bob | user bob
      CreateAccountAlias | AccountAlias=new-alias | *
      CreateLoginProfile | UserName=bob Password=An0ther!Passw0rd | user bob
      CreateGroup | GroupName=newgroup | arn:aws:iam::%A%:group/newgroup
      CreateInstanceProfile | InstanceProfileName=newip | arn:aws:iam::%A%:instance-profile/newip
      CreateOpenIDConnectProvider | Url=https://new.example.com ClientIDList.member.1=x | arn:aws:iam::%A%:oidc-provider/new.example.com
      CreatePolicy | PolicyName=newpol PolicyDocument=%DOC% | policy newpol
      CreatePolicyVersion | PolicyArn=%POLICY% PolicyDocument=%DOC% | policy %POLICY%
      CreateRole | RoleName=newrole AssumeRolePolicyDocument=%TRUST% | arn:aws:iam::%A%:role/newrole
      CreateSAMLProvider | Name=newidp SAMLMetadataDocument=%METADATA% | arn:aws:iam::%A%:saml-provider/newidp
      CreateServiceLinkedRole | AWSServiceName=elasticloadbalancing.amazonaws.com | %SLR%
      CreateUser | UserName=newuser | arn:aws:iam::%A%:user/newuser
      CreateVirtualMFADevice | VirtualMFADeviceName=newmfa | arn:aws:iam::%A%:mfa/newmfa
      DeactivateMFADevice | UserName=bob SerialNumber=%MFA% | user bob
      DeleteAccessKey | UserName=bob AccessKeyId=AKIAIOSFODNN7EXAMPLE | user bob
      DeleteAccountAlias | AccountAlias=my-alias | *
      DeleteAccountPasswordPolicy | | *
      DeleteLoginProfile | UserName=bob | user bob
      DeleteGroup | GroupName=devs | group devs
      DeleteGroupPolicy | GroupName=devs PolicyName=inline | group devs
      DeleteInstanceProfile | InstanceProfileName=ip | instance profile ip
      DisableOutboundWebIdentityFederation | | *
      EnableOutboundWebIdentityFederation | | *
      DeleteOpenIDConnectProvider | OpenIDConnectProviderArn=%OIDC% | %OIDC%
      DeletePolicy | PolicyArn=%POLICY% | policy %POLICY%
      DeletePolicyVersion | PolicyArn=%POLICY% VersionId=v1 | policy %POLICY%
      DeleteRole | RoleName=app | role app
      DeleteRolePermissionsBoundary | RoleName=app | role app
      DeleteRolePolicy | RoleName=app PolicyName=inline | role app
      DeleteSAMLProvider | SAMLProviderArn=%SAML% | %SAML%
      DeleteServiceLinkedRole | RoleName=AWSServiceRoleForElasticLoadBalancing | role AWSServiceRoleForElasticLoadBalancing
      DeleteUser | UserName=bob | user bob
      DeleteUserPermissionsBoundary | UserName=bob | user bob
      DeleteUserPolicy | UserName=bob PolicyName=inline | user bob
      DeleteVirtualMFADevice | SerialNumber=%MFA% | %MFA%
      DetachGroupPolicy | GroupName=devs PolicyArn=%POLICY% | group devs
      DetachRolePolicy | RoleName=app PolicyArn=%POLICY% | role app
      DetachUserPolicy | UserName=bob PolicyArn=%POLICY% | user bob
      EnableMFADevice | UserName=bob SerialNumber=%MFA% AuthenticationCode1=123456 AuthenticationCode2=654321 | user bob
      GetAccessKeyLastUsed | AccessKeyId=%KEY% | user bob
      GetAccountAuthorizationDetails | | *
      GetAccountPasswordPolicy | | *
      GetAccountSummary | | *
      GetLoginProfile | UserName=bob | user bob
      GetContextKeysForCustomPolicy | PolicyInputList.member.1=%DOC% | *
      GetContextKeysForPrincipalPolicy | PolicySourceArn=arn:aws:iam::%A%:user/bob | arn:aws:iam::%A%:user/bob
      GetGroup | GroupName=devs | group devs
      GetGroupPolicy | GroupName=devs PolicyName=inline | group devs
      GetInstanceProfile | InstanceProfileName=ip | instance profile ip
      GetMFADevice | SerialNumber=%MFA% UserName=bob | user bob
      GetOutboundWebIdentityFederationInfo | | *
      GetOpenIDConnectProvider | OpenIDConnectProviderArn=%OIDC% | %OIDC%
      GetPolicy | PolicyArn=%POLICY% | policy %POLICY%
      GetPolicyVersion | PolicyArn=%POLICY% VersionId=v1 | policy %POLICY%
      GetRole | RoleName=app | role app
      GetRolePolicy | RoleName=app PolicyName=inline | role app
      GetSAMLProvider | SAMLProviderArn=%SAML% | %SAML%
      GetServiceLinkedRoleDeletionStatus | DeletionTaskId=task/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing/0a1b2c3d-0000-4000-8000-000000000000 | role AWSServiceRoleForElasticLoadBalancing
      GetUser | UserName=bob | user bob
      GetUserPolicy | UserName=bob PolicyName=inline | user bob
      ListAccessKeys | UserName=bob | user bob
      ListAccountAliases | | *
      ListAttachedGroupPolicies | GroupName=devs | group devs
      ListAttachedRolePolicies | RoleName=app | role app
      ListAttachedUserPolicies | UserName=bob | user bob
      ListEntitiesForPolicy | PolicyArn=%POLICY% | policy %POLICY%
      ListGroupPolicies | GroupName=devs | group devs
      ListGroups | | arn:aws:iam::%A%:group/
      ListGroupsForUser | UserName=bob | user bob
      ListInstanceProfileTags | InstanceProfileName=ip | instance profile ip
      ListInstanceProfiles | | arn:aws:iam::%A%:instance-profile/
      ListInstanceProfilesForRole | RoleName=app | role app
      ListMFADeviceTags | SerialNumber=%MFA% | %MFA%
      ListMFADevices | UserName=bob | user bob
      ListOpenIDConnectProviderTags | OpenIDConnectProviderArn=%OIDC% | %OIDC%
      ListOpenIDConnectProviders | | arn:aws:iam::%A%:oidc-provider/*
      ListPolicies | | policy path /
      ListPoliciesGrantingServiceAccess | Arn=arn:aws:iam::%A%:user/bob ServiceNamespaces.member.1=s3 | user bob
      ListPolicyTags | PolicyArn=%POLICY% | policy %POLICY%
      ListPolicyVersions | PolicyArn=%POLICY% | policy %POLICY%
      ListRolePolicies | RoleName=app | role app
      ListRoleTags | RoleName=app | role app
      ListRoles | | arn:aws:iam::%A%:role/
      ListSAMLProviderTags | SAMLProviderArn=%SAML% | %SAML%
      ListSAMLProviders | | arn:aws:iam::%A%:saml-provider/*
      ListUserPolicies | UserName=bob | user bob
      ListUserTags | UserName=bob | user bob
      ListUsers | | arn:aws:iam::%A%:user/
      ListVirtualMFADevices | | arn:aws:iam::%A%:mfa/
      PutGroupPolicy | GroupName=devs PolicyName=inline PolicyDocument=%DOC% | group devs
      PutRolePermissionsBoundary | RoleName=app PermissionsBoundary=%POLICY% | role app
      PutRolePolicy | RoleName=app PolicyName=inline PolicyDocument=%DOC% | role app
      PutUserPermissionsBoundary | UserName=bob PermissionsBoundary=%POLICY% | user bob
      PutUserPolicy | UserName=bob PolicyName=inline PolicyDocument=%DOC% | user bob
      RemoveClientIDFromOpenIDConnectProvider | OpenIDConnectProviderArn=%OIDC% ClientID=x | %OIDC%
      RemoveRoleFromInstanceProfile | InstanceProfileName=ip RoleName=app | instance profile ip
      RemoveUserFromGroup | GroupName=devs UserName=bob | group devs
      ResyncMFADevice | UserName=bob SerialNumber=%MFA% AuthenticationCode1=123456 AuthenticationCode2=654321 | user bob
      SetDefaultPolicyVersion | PolicyArn=%POLICY% VersionId=v1 | policy %POLICY%
      SimulateCustomPolicy | PolicyInputList.member.1=%DOC% ActionNames.member.1=s3:GetObject | *
      SimulatePrincipalPolicy | PolicySourceArn=arn:aws:iam::%A%:user/bob ActionNames.member.1=s3:GetObject | arn:aws:iam::%A%:user/bob
      TagInstanceProfile | InstanceProfileName=ip Tags.member.1.Key=k Tags.member.1.Value=v | instance profile ip
      TagMFADevice | SerialNumber=%MFA% Tags.member.1.Key=k Tags.member.1.Value=v | %MFA%
      TagOpenIDConnectProvider | OpenIDConnectProviderArn=%OIDC% Tags.member.1.Key=k Tags.member.1.Value=v | %OIDC%
      TagPolicy | PolicyArn=%POLICY% Tags.member.1.Key=k Tags.member.1.Value=v | policy %POLICY%
      TagRole | RoleName=app Tags.member.1.Key=k Tags.member.1.Value=v | role app
      TagSAMLProvider | SAMLProviderArn=%SAML% Tags.member.1.Key=k Tags.member.1.Value=v | %SAML%
      TagUser | UserName=bob Tags.member.1.Key=k Tags.member.1.Value=v | user bob
      UntagInstanceProfile | InstanceProfileName=ip TagKeys.member.1=k | instance profile ip
      UntagMFADevice | SerialNumber=%MFA% TagKeys.member.1=k | %MFA%
      UntagOpenIDConnectProvider | OpenIDConnectProviderArn=%OIDC% TagKeys.member.1=k | %OIDC%
      UntagPolicy | PolicyArn=%POLICY% TagKeys.member.1=k | policy %POLICY%
      UntagRole | RoleName=app TagKeys.member.1=k | role app
      UntagSAMLProvider | SAMLProviderArn=%SAML% TagKeys.member.1=k | %SAML%
      UntagUser | UserName=bob TagKeys.member.1=k | user bob
      UpdateSAMLProvider | SAMLProviderArn=%SAML% SAMLMetadataDocument=%METADATA% | %SAML%
      UpdateAccessKey | UserName=bob AccessKeyId=%KEY% Status=Inactive | user bob
      UpdateAccountPasswordPolicy | MinimumPasswordLength=20 | *
      UpdateLoginProfile | UserName=bob PasswordResetRequired=true | user bob
      UpdateAssumeRolePolicy | RoleName=app PolicyDocument=%TRUST% | role app
      UpdateGroup | GroupName=devs NewGroupName=devs2 | group devs
      UpdateUser | UserName=bob NewUserName=bob2 | user bob
      UpdateOpenIDConnectProviderThumbprint | OpenIDConnectProviderArn=%OIDC% ThumbprintList.member.1=0123456789012345678901234567890123456789 | %OIDC%
      UpdateRole | RoleName=app Description=changed | role app
      UpdateRoleDescription | RoleName=app Description=changed | role app
      sts:AssumeRole | RoleArn=arn:aws:iam::%A%:role/app RoleSessionName=session | arn:aws:iam::%A%:role/app
      sts:AssumeRoot | TargetPrincipal=210987654321 TaskPolicyArn.arn=arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials | arn:aws:iam::210987654321:root
      sts:DecodeAuthorizationMessage | EncodedMessage=abc | *
      sts:GetAccessKeyInfo | AccessKeyId=AKIAIOSFODNN7EXAMPLE | *
      sts:GetFederationToken | Name=fed | arn:aws:sts::%A%:federated-user/fed
      sts:GetWebIdentityToken | Audience.member.1=https://api.example.com SigningAlgorithm=RS256 | *
      """;

  record Row(String service, String action, Map<String, String> params, String resource) {}

  static List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (String line : TABLE.strip().split("\n")) {
      String[] cells = line.split("\\|", -1);
      String action = cells[0].trim();
      String service = action.startsWith("sts:") ? "sts" : "iam";
      action = action.replace("sts:", "");
      Map<String, String> params = new LinkedHashMap<>();
      params.put("Action", action);
      params.put("Version", service.equals("sts") ? "2011-06-15" : "2010-05-08");
      for (String pair : cells[1].trim().split(" ")) {
        if (!pair.isEmpty()) {
          int eq = pair.indexOf('=');
          params.put(pair.substring(0, eq), fill(pair.substring(eq + 1)));
        }
      }
      out.add(new Row(service, action, params, fill(cells[2].trim())));
    }
    return out;
  }

  static String metadata;

  /** Bob's access key (created before each test). */
  static String bobKey;

  static String fill(String s) {
    return s.replace("%METADATA%", metadata)
        .replace("%SAML%", SAML)
        .replace("%A%", A)
        .replace("%DOC%", DOC)
        .replace("%TRUST%", TRUST)
        .replace("%POLICY%", POLICY)
        .replace("%OIDC%", OIDC)
        .replace("%MFA%", MFA)
        .replace("%SLR%", SLR)
        .replace("%KEY%", bobKey);
  }

  AwsBasicCredentials nobody;

  @org.junit.jupiter.api.BeforeAll
  static void anIdentityProvidersMetadata() throws Exception {
    metadata = SamlIdp.create("https://idp.example.com/saml").metadata();
  }

  @BeforeEach
  void entitiesAndAUserWithoutPolicies() {
    server.newAccount("210987654321");
    nobody = E2e.userWithKey(iam, "nobody");
    iam.createUser(b -> b.userName("bob"));
    bobKey = iam.createAccessKey(b -> b.userName("bob")).accessKey().accessKeyId();
    iam.createGroup(b -> b.groupName("devs"));
    iam.createRole(b -> b.roleName("app").assumeRolePolicyDocument(TRUST));
    iam.createPolicy(b -> b.policyName("pol").policyDocument(DOC));
    iam.createInstanceProfile(b -> b.instanceProfileName("ip"));
    iam.createOpenIDConnectProvider(b -> b.url("https://oidc.example.com").clientIDList("x"));
    iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("dev1"));
    iam.createServiceLinkedRole(b -> b.awsServiceName("elasticloadbalancing.amazonaws.com"));
    iam.createSAMLProvider(b -> b.name("idp").samlMetadataDocument(metadata));
    iam.createAccountAlias(b -> b.accountAlias("my-alias"));
    iam.createLoginProfile(b -> b.userName("bob").password("Str0ng!Passw0rd"));
    iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(10));
  }

  @Test
  void everyImplementedActionIsInTheTableOrExemptWithAReason() {
    Set<String> listed = new TreeSet<>();
    rows().forEach(r -> listed.add(r.action()));
    Set<String> implemented = new TreeSet<>(server.implementedActions());
    Set<String> missing = new TreeSet<>(implemented);
    missing.removeAll(listed);
    missing.removeAll(EXEMPT.keySet());
    assertThat(missing)
        .as("implemented actions without a row in the AccessDenied matrix")
        .isEmpty();
    Set<String> extra = new TreeSet<>(listed);
    extra.removeAll(implemented);
    assertThat(extra).as("rows for actions that are not implemented").isEmpty();
  }

  @Test
  void aUserWithoutPoliciesIsRefusedEveryActionWithAwsMessageAndTheActionsResource() {
    refusedEverywhere(" because no identity-based policy allows the %s action");
  }

  @Test
  void anExplicitDenyOverridesAdministratorAccessForEveryAction() {
    iam.attachUserPolicy(
        b -> b.userName("nobody").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
    refusedEverywhere(" with an explicit deny in an identity-based policy");
  }

  /**
   * Every row, as nobody, is AccessDenied with the reason given ({@code %s}: the action), and
   * nothing changes.
   */
  private void refusedEverywhere(String reasonFormat) {
    String before = state();
    List<String> wrong = new ArrayList<>();
    HttpClient http = HttpClient.newHttpClient();
    boolean denyEach = reasonFormat.contains("explicit deny");
    for (Row row : rows()) {
      if (!server.implementedActions().contains(row.action())) {
        continue; // reported by the coverage test
      }
      String action = row.service() + ":" + row.action();
      if (denyEach) {
        iam.putUserPolicy(
            b ->
                b.userName("nobody")
                    .policyName("deny-one")
                    .policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\""
                            + action
                            + "\",\"Resource\":\"*\"}]}"));
      }
      HttpResponse<String> r = send(http, row);
      // AWS's AssumeRole denials carry no reason clause (docs/AUTHORIZATION.md)
      String reason = action.equals("sts:AssumeRole") ? "" : String.format(reasonFormat, action);
      String expected =
          "User: arn:aws:iam::"
              + A
              + ":user/nobody is not authorized to perform: "
              + action
              + " on resource: "
              + row.resource()
              + reason;
      String code = element(r.body(), "Code");
      String message = element(r.body(), "Message");
      if (r.statusCode() != 403 || !"AccessDenied".equals(code) || !expected.equals(message)) {
        wrong.add(
            row.action()
                + ": "
                + r.statusCode()
                + " "
                + code
                + " \""
                + message
                + "\"\n    expected \""
                + expected
                + "\"");
      }
    }
    assertThat(wrong).as("actions answered otherwise").isEmpty();
    assertThat(state()).as("nothing changed").isEqualTo(before);
  }

  @Test
  void aPolicyAllowingOnlyTheActionLetsEachActionPastAuthorization() {
    HttpClient http = HttpClient.newHttpClient();
    List<String> wrong = new ArrayList<>();
    boolean fresh = true; // the fixtures of @BeforeEach, untouched
    for (Row row : rows()) {
      if (!server.implementedActions().contains(row.action())) {
        continue;
      }
      if (!fresh) {
        server.reset();
        entitiesAndAUserWithoutPolicies();
      }
      // a read leaves the fixtures as they were (only nobody's policy changes, and it is replaced
      // below)
      fresh =
          row.action().startsWith("Get")
              || row.action().startsWith("List")
              || row.action().startsWith("Simulate");
      String action = row.service() + ":" + row.action();
      iam.putUserPolicy(
          b -> b.userName("nobody").policyName("only-this").policyDocument(E2e.allow(action, "*")));
      HttpResponse<String> r = send(http, row);
      // past authorization: a success, or an error about the request itself (bad MFA codes, a
      // message Rolegate did not issue, ...), never AccessDenied
      if ("AccessDenied".equals(element(r.body(), "Code")) || r.statusCode() >= 500) {
        wrong.add(
            row.action()
                + ": "
                + r.statusCode()
                + " "
                + element(r.body(), "Code")
                + " \""
                + element(r.body(), "Message")
                + "\"");
      }
    }
    assertThat(wrong)
        .as("actions refused although the caller's policy allows exactly them")
        .isEmpty();
  }

  /** What a refused write could have touched, as the root user sees it. */
  private String state() {
    return String.join(
        "\n",
        iam.listUsers().users().stream().map(u -> u.userName() + u.tags()).toList().toString(),
        iam.listRoles().roles().stream()
            .map(r -> r.roleName() + r.description())
            .toList()
            .toString(),
        iam.listGroups().groups().stream().map(g -> g.groupName()).toList().toString(),
        iam.listPolicies(b -> b.scope("Local")).policies().stream()
            .map(p -> p.policyName() + p.defaultVersionId())
            .toList()
            .toString(),
        iam.listInstanceProfiles().instanceProfiles().stream()
            .map(p -> p.instanceProfileName() + p.roles().size())
            .toList()
            .toString(),
        iam.listOpenIDConnectProviders().openIDConnectProviderList().toString(),
        iam.listVirtualMFADevices().virtualMFADevices().stream()
            .map(d -> d.serialNumber())
            .toList()
            .toString(),
        iam.listSAMLProviders().samlProviderList().stream()
            .map(p -> p.arn() + p.validUntil())
            .toList()
            .toString(),
        iam.listAccessKeys(b -> b.userName("bob")).accessKeyMetadata().toString(),
        iam.listAccountAliases().accountAliases().toString(),
        iam.getLoginProfile(b -> b.userName("bob")).loginProfile().toString(),
        iam.getAccountPasswordPolicy().passwordPolicy().toString(),
        iam.listRolePolicies(b -> b.roleName("app")).policyNames().toString(),
        iam.listAttachedRolePolicies(b -> b.roleName("app")).attachedPolicies().toString());
  }

  private HttpResponse<String> send(HttpClient http, Row row) {
    List<String> pairs = new ArrayList<>();
    row.params().forEach((k, v) -> pairs.add(enc(k) + "=" + enc(v)));
    byte[] body = String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    headers =
        RawSigV4.sign(
            "POST",
            "127.0.0.1:" + server.port(),
            null,
            headers,
            body,
            RawSigV4.Key.of(nobody.accessKeyId(), nobody.secretAccessKey()),
            "us-east-1",
            row.service(),
            Instant.now());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(
        (k, v) -> {
          if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
            b.header(k, v);
          }
        });
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new AssertionError(row.action() + ": no answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String element(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">(.*?)</" + name + ">", Pattern.DOTALL).matcher(xml);
    return m.find()
        ? m.group(1)
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
        : null;
  }
}
