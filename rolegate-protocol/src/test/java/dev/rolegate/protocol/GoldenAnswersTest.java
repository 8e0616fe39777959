package dev.rolegate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.testing.TestIam;
import dev.rolegate.protocol.ProtocolFixture.Answer;
import dev.rolegate.protocol.ProtocolFixture.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Golden answers, one representative action per family: each request goes through {@link
 * QueryHandler#handle} (form decoding, dispatch, SigV4 verification of a request the AWS SDK's
 * signer signed, the use case over the in-memory store, the XML or JSON writer), and the whole body
 * is compared with {@code src/test/resources/golden/NAME}. Before comparing, only what differs from
 * run to run is replaced: the request id by {@code {request-id}}, generated ids by {@code {AROA-1}}
 * (numbered by first appearance, so one id stays one placeholder), secrets, session tokens and MFA
 * seeds by their names, and timestamps by their distance from the fixture clock's start ({@code
 * {start+3600s}}). The golden XML is indented for reading; the comparison ignores only that
 * indentation (the raw answer has no white space between elements).
 *
 * <p>To write a new golden file (then read it over before committing): {@code
 * -Dgolden.update=true}.
 */
class GoldenAnswersTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final String ACCOUNT = TestIam.ACCOUNT;
  static final String TRUST_ACCOUNT = TestIam.TRUST_ACCOUNT;
  static final String S3_READ =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":\"*\"}]}";

  final ProtocolFixture f = new ProtocolFixture();
  final TestIam t = f.t;
  final Credentials root = Credentials.of(t.rootKey(ACCOUNT));

  Answer iam(Credentials c, String action, String... params) {
    return f.post("iam", c, List.of(), form(action, "2010-05-08", params));
  }

  Answer sts(Credentials c, String action, String... params) {
    return f.post("sts", c, List.of(), form(action, "2011-06-15", params));
  }

  Answer stsJson(Credentials c, String action, String... params) {
    return f.post(
        "sts", c, List.of("Accept: application/json"), form(action, "2011-06-15", params));
  }

  static String[] form(String action, String version, String... params) {
    List<String> all = new ArrayList<>(List.of("Action", action, "Version", version));
    all.addAll(List.of(params));
    return all.toArray(String[]::new);
  }

  /** A setup call: it must succeed. */
  Answer ok(Answer a) {
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    return a;
  }

  /** A user of the account with an access key and these inline policies. */
  Credentials user(String name, String... policies) {
    TestIam.Key key = t.userKey(name);
    t.putInline(PrincipalType.USER, name, policies);
    return Credentials.of(key);
  }

  // ---------------------------------------------------------------- IAM

  @Test
  void roles_CreateRole() {
    golden(
        "iam-roles-CreateRole.xml",
        200,
        iam(
            root,
            "CreateRole",
            "RoleName",
            "Builder",
            "Path",
            "/ci/",
            "AssumeRolePolicyDocument",
            TRUST_ACCOUNT,
            "Description",
            "Builds things",
            "MaxSessionDuration",
            "7200",
            "Tags.member.1.Key",
            "team",
            "Tags.member.1.Value",
            "platform"));
  }

  @Test
  void managedPolicies_CreatePolicy() {
    golden(
        "iam-policies-CreatePolicy.xml",
        200,
        iam(
            root,
            "CreatePolicy",
            "PolicyName",
            "S3Read",
            "Path",
            "/data/",
            "PolicyDocument",
            S3_READ,
            "Description",
            "Reads S3",
            "Tags.member.1.Key",
            "owner",
            "Tags.member.1.Value",
            "data"));
  }

  @Test
  void policyVersions_ListPolicyVersions() {
    ok(iam(root, "CreatePolicy", "PolicyName", "S3Read", "PolicyDocument", S3_READ));
    String arn = "arn:aws:iam::" + ACCOUNT + ":policy/S3Read";
    t.clock.advanceSeconds(60);
    ok(
        iam(
            root,
            "CreatePolicyVersion",
            "PolicyArn",
            arn,
            "PolicyDocument",
            S3_READ.replace("s3:ListBucket", "s3:GetObjectTagging"),
            "SetAsDefault",
            "true"));
    golden(
        "iam-policies-ListPolicyVersions.xml",
        200,
        iam(root, "ListPolicyVersions", "PolicyArn", arn));
    golden(
        "iam-policies-GetPolicyVersion.xml",
        200,
        iam(root, "GetPolicyVersion", "PolicyArn", arn, "VersionId", "v2"));
  }

  @Test
  void users_CreateUserAndCreateAccessKey() {
    golden(
        "iam-users-CreateUser.xml",
        200,
        iam(
            root,
            "CreateUser",
            "UserName",
            "alice",
            "Path",
            "/staff/",
            "Tags.member.1.Key",
            "dept",
            "Tags.member.1.Value",
            "eng"));
    golden("iam-users-CreateAccessKey.xml", 200, iam(root, "CreateAccessKey", "UserName", "alice"));
    golden("iam-users-ListAccessKeys.xml", 200, iam(root, "ListAccessKeys", "UserName", "alice"));
  }

  @Test
  void groups_GetGroup() {
    ok(iam(root, "CreateGroup", "GroupName", "Developers", "Path", "/eng/"));
    ok(iam(root, "CreateUser", "UserName", "bob"));
    ok(iam(root, "CreateUser", "UserName", "alice"));
    ok(iam(root, "AddUserToGroup", "GroupName", "Developers", "UserName", "bob"));
    ok(iam(root, "AddUserToGroup", "GroupName", "Developers", "UserName", "alice"));
    golden("iam-groups-GetGroup.xml", 200, iam(root, "GetGroup", "GroupName", "developers"));
  }

  @Test
  void instanceProfiles_GetInstanceProfile() {
    ok(
        iam(
            root,
            "CreateRole",
            "RoleName",
            "WebServer",
            "AssumeRolePolicyDocument",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
    ok(iam(root, "CreateInstanceProfile", "InstanceProfileName", "Web", "Path", "/web/"));
    ok(
        iam(
            root,
            "AddRoleToInstanceProfile",
            "InstanceProfileName",
            "Web",
            "RoleName",
            "WebServer"));
    golden(
        "iam-instance-profiles-GetInstanceProfile.xml",
        200,
        iam(root, "GetInstanceProfile", "InstanceProfileName", "Web"));
  }

  @Test
  void mfa_CreateVirtualMFADevice() {
    golden(
        "iam-mfa-CreateVirtualMFADevice.xml",
        200,
        iam(
            root,
            "CreateVirtualMFADevice",
            "VirtualMFADeviceName",
            "alice-phone",
            "Path",
            "/people/"));
  }

  @Test
  void oidcProviders_GetOpenIDConnectProvider() {
    ok(
        iam(
            root,
            "CreateOpenIDConnectProvider",
            "Url",
            "https://token.actions.githubusercontent.com",
            "ClientIDList.member.1",
            "sts.amazonaws.com",
            "ThumbprintList.member.1",
            "6938fd4d98bab03faadb97b34396831e3780aea1",
            "Tags.member.1.Key",
            "ci",
            "Tags.member.1.Value",
            "github"));
    golden(
        "iam-oidc-GetOpenIDConnectProvider.xml",
        200,
        iam(
            root,
            "GetOpenIDConnectProvider",
            "OpenIDConnectProviderArn",
            "arn:aws:iam::" + ACCOUNT + ":oidc-provider/token.actions.githubusercontent.com"));
  }

  @Test
  void samlProviders_CreateAndListSAMLProviders() {
    golden(
        "iam-saml-CreateSAMLProvider.xml",
        200,
        iam(
            root,
            "CreateSAMLProvider",
            "Name",
            "Okta",
            "SAMLMetadataDocument",
            TestIam.samlMetadata("http://www.okta.com/exk1"),
            "Tags.member.1.Key",
            "idp",
            "Tags.member.1.Value",
            "okta"));
    golden("iam-saml-ListSAMLProviders.xml", 200, iam(root, "ListSAMLProviders"));
  }

  @Test
  void tags_ListRoleTags() {
    ok(iam(root, "CreateRole", "RoleName", "Tagged", "AssumeRolePolicyDocument", TRUST_ACCOUNT));
    ok(
        iam(
            root,
            "TagRole",
            "RoleName",
            "Tagged",
            "Tags.member.1.Key",
            "env",
            "Tags.member.1.Value",
            "prod",
            "Tags.member.2.Key",
            "cost-center",
            "Tags.member.2.Value",
            "42"));
    golden("iam-tags-ListRoleTags.xml", 200, iam(root, "ListRoleTags", "RoleName", "Tagged"));
  }

  @Test
  void accountViews_GetAccountSummaryAndListAccountAliases() {
    ok(iam(root, "CreateRole", "RoleName", "One", "AssumeRolePolicyDocument", TRUST_ACCOUNT));
    ok(iam(root, "CreateUser", "UserName", "alice"));
    ok(iam(root, "CreatePolicy", "PolicyName", "S3Read", "PolicyDocument", S3_READ));
    ok(iam(root, "CreateAccountAlias", "AccountAlias", "example-corp"));
    golden("iam-account-GetAccountSummary.xml", 200, iam(root, "GetAccountSummary"));
    golden("iam-account-ListAccountAliases.xml", 200, iam(root, "ListAccountAliases"));
  }

  @Test
  void loginProfiles_CreateLoginProfile() {
    ok(iam(root, "CreateUser", "UserName", "alice"));
    golden(
        "iam-login-profiles-CreateLoginProfile.xml",
        200,
        iam(
            root,
            "CreateLoginProfile",
            "UserName",
            "alice",
            "Password",
            "Correct-Horse-7-Battery",
            "PasswordResetRequired",
            "true"));
  }

  @Test
  void simulator_SimulateCustomPolicy() {
    golden(
        "iam-simulator-SimulateCustomPolicy.xml",
        200,
        iam(
            root,
            "SimulateCustomPolicy",
            "PolicyInputList.member.1",
            S3_READ,
            "ActionNames.member.1",
            "s3:GetObject",
            "ActionNames.member.2",
            "s3:PutObject",
            "ResourceArns.member.1",
            "arn:aws:s3:::bucket/key"));
  }

  @Test
  void iamErrors_NoSuchEntityAndValidationError() {
    golden("iam-error-NoSuchEntity.xml", 404, iam(root, "GetRole", "RoleName", "Missing"));
    golden(
        "iam-error-ValidationError.xml",
        400,
        iam(root, "CreateRole", "RoleName", "bad name", "AssumeRolePolicyDocument", TRUST_ACCOUNT));
    Credentials nobody = user("nobody");
    golden("iam-error-AccessDenied.xml", 403, iam(nobody, "ListRoles"));
  }

  // ---------------------------------------------------------------- STS

  @Test
  void sts_GetCallerIdentity() {
    golden("sts-GetCallerIdentity.xml", 200, sts(user("alice"), "GetCallerIdentity"));
  }

  @Test
  void sts_AssumeRole() {
    ok(
        iam(
            root,
            "CreateRole",
            "RoleName",
            "Deployer",
            "AssumeRolePolicyDocument",
            TRUST_ACCOUNT.replace(
                "\"sts:AssumeRole\"", "[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]")));
    Credentials alice = user("alice", TestIam.allow("sts:*", "*"));
    golden(
        "sts-AssumeRole.xml",
        200,
        sts(
            alice,
            "AssumeRole",
            "RoleArn",
            "arn:aws:iam::" + ACCOUNT + ":role/Deployer",
            "RoleSessionName",
            "deploy-1",
            "DurationSeconds",
            "1800",
            "SourceIdentity",
            "alice"));
  }

  @Test
  void sts_GetCallerIdentityWithTheCredentialsOfAssumeRole() {
    ok(
        iam(
            root,
            "CreateRole",
            "RoleName",
            "Deployer",
            "Path",
            "/ci/",
            "AssumeRolePolicyDocument",
            TRUST_ACCOUNT));
    Credentials alice = user("alice", TestIam.allow("sts:AssumeRole", "*"));
    String assumed =
        ok(sts(
                alice,
                "AssumeRole",
                "RoleArn",
                "arn:aws:iam::" + ACCOUNT + ":role/ci/Deployer",
                "RoleSessionName",
                "deploy-2"))
            .body();
    Credentials session =
        new Credentials(
            element(assumed, "AccessKeyId"),
            element(assumed, "SecretAccessKey"),
            element(assumed, "SessionToken"));
    t.clock.advanceSeconds(5);
    golden("sts-GetCallerIdentity-assumed-role.xml", 200, sts(session, "GetCallerIdentity"));
  }

  private static String element(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    assertThat(m.find()).as("%s in %s", name, xml).isTrue();
    return m.group(1);
  }

  @Test
  void sts_GetSessionToken() {
    golden(
        "sts-GetSessionToken.xml",
        200,
        sts(user("alice"), "GetSessionToken", "DurationSeconds", "7200"));
  }

  @Test
  void stsErrors_AccessDeniedAndValidationError() {
    ok(iam(root, "CreateRole", "RoleName", "Deployer", "AssumeRolePolicyDocument", TRUST_ACCOUNT));
    Credentials nobody = user("nobody");
    golden(
        "sts-error-AccessDenied.xml",
        403,
        sts(
            nobody,
            "AssumeRole",
            "RoleArn",
            "arn:aws:iam::" + ACCOUNT + ":role/Deployer",
            "RoleSessionName",
            "deploy-1"));
    golden(
        "sts-error-ValidationError.xml",
        400,
        sts(nobody, "GetSessionToken", "DurationSeconds", "60"));
  }

  @Test
  void stsJson_GetCallerIdentityAssumeRoleAndAnError() {
    ok(iam(root, "CreateRole", "RoleName", "Deployer", "AssumeRolePolicyDocument", TRUST_ACCOUNT));
    Credentials alice = user("alice", TestIam.allow("sts:AssumeRole", "*"));
    golden("sts-json-GetCallerIdentity.json", 200, stsJson(alice, "GetCallerIdentity"));
    golden(
        "sts-json-AssumeRole.json",
        200,
        stsJson(
            alice,
            "AssumeRole",
            "RoleArn",
            "arn:aws:iam::" + ACCOUNT + ":role/Deployer",
            "RoleSessionName",
            "json"));
    golden(
        "sts-json-error-AccessDenied.json",
        403,
        stsJson(
            user("nobody"),
            "AssumeRole",
            "RoleArn",
            "arn:aws:iam::" + ACCOUNT + ":role/Deployer",
            "RoleSessionName",
            "json"));
  }

  // ---------------------------------------------------------------- comparison

  private static final Pattern GENERATED_ID =
      Pattern.compile("\\b(AKIA|ASIA|AROA|AIDA|ANPA|AGPA|AIPA)[A-Z0-9]{12,}\\b");
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
  private static final List<String> SECRET_FIELDS =
      List.of("SecretAccessKey", "SessionToken", "Base32StringSeed", "QRCodePNG");

  /** The body with what differs between runs replaced by placeholders (see the class comment). */
  static String normalize(Answer a) {
    String body = a.body().replace(a.requestId(), "{request-id}");
    for (String field : SECRET_FIELDS) {
      String placeholder = "{" + field + "}";
      body =
          body.replaceAll(
              "<" + field + ">[^<]*</" + field + ">",
              "<" + field + ">" + Matcher.quoteReplacement(placeholder) + "</" + field + ">");
      body =
          body.replaceAll(
              "\"" + field + "\":\"[^\"]*\"",
              "\"" + field + "\":\"" + Matcher.quoteReplacement(placeholder) + "\"");
    }
    Map<String, String> ids = new LinkedHashMap<>();
    Matcher m = GENERATED_ID.matcher(body);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String placeholder =
          ids.computeIfAbsent(
              m.group(),
              id ->
                  "{"
                      + m.group(1)
                      + "-"
                      + (ids.keySet().stream().filter(k -> k.startsWith(m.group(1))).count() + 1)
                      + "}");
      m.appendReplacement(out, Matcher.quoteReplacement(placeholder));
    }
    m.appendTail(out);
    Matcher d = TIMESTAMP.matcher(out.toString());
    StringBuilder dated = new StringBuilder();
    while (d.find()) {
      Duration since = Duration.between(TestIam.START, Instant.parse(d.group()));
      String placeholder =
          since.isZero()
              ? "{start}"
              : "{start" + (since.isNegative() ? "" : "+") + since.toMillis() / 1000.0 + "s}";
      d.appendReplacement(dated, Matcher.quoteReplacement(placeholder.replace(".0s", "s")));
    }
    d.appendTail(dated);
    return dated.toString();
  }

  /** XML indented two spaces per level, an element holding only text on one line; JSON as it is. */
  static String layout(String body) {
    if (!body.startsWith("<")) {
      return body + "\n";
    }
    StringBuilder b = new StringBuilder();
    Matcher tokens = Pattern.compile("<[^>]+>|[^<]+").matcher(body);
    List<String> all = new ArrayList<>();
    while (tokens.find()) {
      all.add(tokens.group());
    }
    int depth = 0;
    for (int i = 0; i < all.size(); i++) {
      String tok = all.get(i);
      if (tok.startsWith("</")) {
        depth--;
        b.append("  ".repeat(depth)).append(tok).append('\n');
      } else if (tok.startsWith("<")) {
        b.append("  ".repeat(depth)).append(tok);
        boolean text =
            i + 2 < all.size()
                && !all.get(i + 1).startsWith("<")
                && all.get(i + 2).startsWith("</");
        if (text) {
          b.append(all.get(i + 1)).append(all.get(i + 2)).append('\n');
          i += 2;
        } else if (i + 1 < all.size() && all.get(i + 1).startsWith("</")) {
          b.append(all.get(i + 1)).append('\n');
          i += 1;
        } else {
          b.append('\n');
          depth++;
        }
      } else {
        throw new AssertionError("text between elements: " + tok);
      }
    }
    return b.toString();
  }

  /** The layout taken back out: the lines joined without their indentation. */
  static String unlayout(String golden) {
    StringBuilder b = new StringBuilder();
    for (String line : golden.split("\n")) {
      b.append(line.replaceFirst("^ +", ""));
    }
    return b.toString();
  }

  void golden(String name, int status, Answer a) {
    assertThat(a.status()).as("%s: HTTP status\n%s", name, a.body()).isEqualTo(status);
    assertThat(a.contentType()).isEqualTo(name.endsWith(".json") ? "application/json" : "text/xml");
    String normalized = normalize(a);
    String laid = layout(normalized);
    Path file = GOLDEN.resolve(name);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(GOLDEN);
        Files.writeString(file, laid, StandardCharsets.UTF_8);
      }
      assertThat(file)
          .as("golden file %s (write it with -Dgolden.update=true, then read it over)", file)
          .exists();
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(laid).as("%s", name).isEqualTo(expected);
      assertThat(normalized).as("%s without its layout", name).isEqualTo(unlayout(expected));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
