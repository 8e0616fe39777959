package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.roleArn;
import static dev.rolegate.tests.E2e.serviceTrust;
import static dev.rolegate.tests.E2e.trust;
import static dev.rolegate.tests.E2e.userArn;
import static dev.rolegate.tests.E2e.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AccountService;
import dev.rolegate.server.HttpServer;
import dev.rolegate.server.Rolegate;
import dev.rolegate.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Every error an SDK user can run into, with AWS's code, HTTP status and message. */
class ErrorPathsTest extends ServerTest {
  static final String TRUST = serviceTrust("lambda.amazonaws.com");

  @Test
  void noSuchEntity() {
    assertThat(
            expectError(
                () -> iam.getRole(b -> b.roleName("ghost")),
                "NoSuchEntity",
                404,
                "The role with name ghost cannot be found."))
        .isInstanceOf(NoSuchEntityException.class);
    expectError(
        () -> iam.deleteRole(b -> b.roleName("ghost")),
        "NoSuchEntity",
        404,
        "The role with name ghost cannot be found.");
    expectError(
        () -> iam.updateRole(b -> b.roleName("ghost").description("x")),
        "NoSuchEntity",
        404,
        "The role with name ghost cannot be found.");
    expectError(
        () ->
            iam.putRolePolicy(
                b -> b.roleName("ghost").policyName("p").policyDocument(allow("s3:*", "*"))),
        "NoSuchEntity",
        404,
        "The role with name ghost cannot be found.");
    expectError(
        () -> iam.getUser(b -> b.userName("nobody")),
        "NoSuchEntity",
        404,
        "The user with name nobody cannot be found.");
    String missing = "arn:aws:iam::" + ACCOUNT + ":policy/missing";
    expectError(
        () -> iam.getPolicy(b -> b.policyArn(missing)),
        "NoSuchEntity",
        404,
        "Policy " + missing + " was not found.");
    iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(TRUST));
    expectError(
        () -> iam.attachRolePolicy(b -> b.roleName("r").policyArn(missing)),
        "NoSuchEntity",
        404,
        "Policy " + missing + " does not exist or is not attachable.");
    expectError(
        () -> iam.getPolicyVersion(b -> b.policyArn(missing).versionId("v1")),
        "NoSuchEntity",
        404,
        "Policy " + missing + " version v1 does not exist or is not attachable.");
  }

  @Test
  void entityAlreadyExistsAlsoForANameDifferingOnlyInCase() {
    iam.createRole(b -> b.roleName("MyRole").assumeRolePolicyDocument(TRUST));
    assertThat(
            expectError(
                () -> iam.createRole(b -> b.roleName("MyRole").assumeRolePolicyDocument(TRUST)),
                "EntityAlreadyExists",
                409,
                "Role with name MyRole already exists."))
        .isInstanceOf(EntityAlreadyExistsException.class);
    expectError(
        () ->
            iam.createRole(
                b -> b.roleName("myrole").path("/other/").assumeRolePolicyDocument(TRUST)),
        "EntityAlreadyExists",
        409,
        "Role with name myrole already exists.");
    assertThat(iam.listRoles().roles()).hasSize(1);

    iam.createUser(b -> b.userName("Alice"));
    expectError(
        () -> iam.createUser(b -> b.userName("ALICE")),
        "EntityAlreadyExists",
        409,
        "User with name ALICE already exists.");
    iam.createPolicy(b -> b.policyName("Pol").policyDocument(allow("s3:*", "*")));
    expectError(
        () -> iam.createPolicy(b -> b.policyName("Pol").policyDocument(allow("s3:*", "*"))),
        "EntityAlreadyExists",
        409,
        "A policy called Pol already exists. Duplicate names are not allowed.");
  }

  @Test
  void deleteConflict() {
    iam.createRole(b -> b.roleName("busy").assumeRolePolicyDocument(TRUST));
    iam.putRolePolicy(
        b -> b.roleName("busy").policyName("inline").policyDocument(allow("s3:*", "*")));
    assertThat(
            expectError(
                () -> iam.deleteRole(b -> b.roleName("busy")),
                "DeleteConflict",
                409,
                "Cannot delete entity, must delete policies first."))
        .isInstanceOf(DeleteConflictException.class);

    userWithKey(iam, "keyholder");
    expectError(
        () -> iam.deleteUser(b -> b.userName("keyholder")),
        "DeleteConflict",
        409,
        "Cannot delete entity, must delete access keys first.");
  }

  @Test
  void malformedPolicyDocuments() {
    assertThat(
            expectError(
                () -> iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument("{not json")),
                "MalformedPolicyDocument",
                400,
                "This policy contains invalid Json"))
        .isInstanceOf(MalformedPolicyDocumentException.class);

    String s3Trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
            + "\"Action\":\"s3:*\"}]}";
    expectError(
        () -> iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(s3Trust)),
        "MalformedPolicyDocument",
        400,
        "AssumeRole policy may only specify STS AssumeRole actions.");

    String withResource =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";
    expectError(
        () -> iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(withResource)),
        "MalformedPolicyDocument",
        400,
        "Has prohibited field Resource");

    String missingRole = roleArn("does-not-exist");
    expectError(
        () -> iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(trust(missingRole))),
        "MalformedPolicyDocument",
        400,
        "Invalid principal in policy: \"AWS\":\"" + missingRole + "\"");
    String missingUser = userArn("nobody");
    expectError(
        () -> iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(trust(missingUser))),
        "MalformedPolicyDocument",
        400,
        "Invalid principal in policy: \"AWS\":\"" + missingUser + "\"");
    assertThat(iam.listRoles().roles()).isEmpty();

    iam.createRole(b -> b.roleName("r").assumeRolePolicyDocument(TRUST));
    expectError(
        () -> iam.updateAssumeRolePolicy(b -> b.roleName("r").policyDocument("[]]")),
        "MalformedPolicyDocument",
        400,
        "This policy contains invalid Json");
    expectError(
        () -> iam.updateAssumeRolePolicy(b -> b.roleName("r").policyDocument(trust(missingRole))),
        "MalformedPolicyDocument",
        400,
        "Invalid principal in policy: \"AWS\":\"" + missingRole + "\"");

    String withPrincipal =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    expectError(
        () -> iam.putRolePolicy(b -> b.roleName("r").policyName("p").policyDocument(withPrincipal)),
        "MalformedPolicyDocument",
        400,
        "Policy document should not specify a principal.");
    expectError(
        () -> iam.createPolicy(b -> b.policyName("p").policyDocument(withPrincipal)),
        "MalformedPolicyDocument",
        400,
        "Policy document should not specify a principal.");
    expectError(
        () ->
            iam.putRolePolicy(
                b -> b.roleName("r").policyName("p").policyDocument("{\"Statement\":[]}")),
        "MalformedPolicyDocument",
        400,
        "Syntax errors in policy.");
    String noVersion =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    expectError(
        () -> iam.createPolicy(b -> b.policyName("p").policyDocument(noVersion)),
        "MalformedPolicyDocument",
        400,
        "Policy document must be version 2012-10-17 or greater.");
    assertThat(iam.listRolePolicies(b -> b.roleName("r")).policyNames()).isEmpty();
  }

  @Test
  void validationErrors() {
    String longName = "r".repeat(65);
    expectError(
        () -> iam.createRole(b -> b.roleName(longName).assumeRolePolicyDocument(TRUST)),
        "ValidationError",
        400,
        "1 validation error detected: Value '"
            + longName
            + "' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64");
    expectError(
        () -> iam.createRole(b -> b.roleName("bad name").assumeRolePolicyDocument(TRUST)),
        "ValidationError",
        400,
        "1 validation error detected: Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: [\\w+=,.@-]+");
    expectError(
        () ->
            iam.createRole(
                b -> b.roleName("r").maxSessionDuration(100).assumeRolePolicyDocument(TRUST)),
        "ValidationError",
        400,
        "1 validation error detected: Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must have value"
            + " greater than or equal to 3600");
    expectError(
        () ->
            iam.createRole(
                b -> b.roleName("r").maxSessionDuration(43201).assumeRolePolicyDocument(TRUST)),
        "ValidationError",
        400,
        "1 validation error detected: Value '43201' at 'maxSessionDuration' failed to satisfy constraint: Member must have value"
            + " less than or equal to 43200");
    var badPath =
        E2e.awsError(
            () ->
                iam.createRole(
                    b -> b.roleName("r").path("no-slashes").assumeRolePolicyDocument(TRUST)));
    assertThat(badPath.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(badPath.statusCode()).isEqualTo(400);
    assertThat(badPath.awsErrorDetails().errorMessage())
        .startsWith(
            "1 validation error detected: Value 'no-slashes' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: ");
    expectError(
        () -> iam.createRole(b -> b.roleName("r")),
        "ValidationError",
        400,
        "1 validation error detected: Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null");
    expectError(
        () -> iam.listRoles(b -> b.maxItems(0)),
        "ValidationError",
        400,
        "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1");
    expectError(
        () -> iam.attachRolePolicy(b -> b.roleName("r").policyArn("longpolicynamebutnoarn")),
        "ValidationError",
        400,
        "ARN longpolicynamebutnoarn is not valid.");
    assertThat(iam.listRoles().roles()).isEmpty();
  }

  @Test
  void limitExceededForAThirdAccessKey() {
    userWithKey(iam, "busy");
    iam.createAccessKey(b -> b.userName("busy"));
    assertThat(
            expectError(
                () -> iam.createAccessKey(b -> b.userName("busy")),
                "LimitExceeded",
                409,
                "Cannot exceed quota for AccessKeysPerUser: 2"))
        .isInstanceOf(LimitExceededException.class);
    assertThat(iam.listAccessKeys(b -> b.userName("busy")).accessKeyMetadata()).hasSize(2);
  }

  @Test
  void accessDeniedForAUserWithoutPermissions() {
    AwsBasicCredentials x = userWithKey(iam, "x");
    try (IamClient asX = server.iam(x)) {
      expectError(
          () -> asX.createRole(b -> b.roleName("sneaky").assumeRolePolicyDocument(TRUST)),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/x is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::"
              + ACCOUNT
              + ":role/sneaky because no identity-based policy allows the iam:CreateRole action");
      expectError(
          () ->
              asX.createRole(
                  b -> b.roleName("sneaky").path("/deep/path/").assumeRolePolicyDocument(TRUST)),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/x is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::"
              + ACCOUNT
              + ":role/deep/path/sneaky because no identity-based policy allows the iam:CreateRole action");
      expectError(
          asX::listRoles,
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/x is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::"
              + ACCOUNT
              + ":role/ because no identity-based policy allows the iam:ListRoles action");

      iam.putUserPolicy(
          b ->
              b.userName("x")
                  .policyName("all-but-roles")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"},"
                          + "{\"Effect\":\"Deny\",\"Action\":\"iam:CreateRole\",\"Resource\":\"*\"}]}"));
      expectError(
          () -> asX.createRole(b -> b.roleName("sneaky").assumeRolePolicyDocument(TRUST)),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/x is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::"
              + ACCOUNT
              + ":role/sneaky with an explicit deny in an identity-based policy");
      assertThat(asX.listRoles().roles()).isEmpty();
    }
    assertThat(iam.listRoles().roles()).isEmpty();
  }

  @Test
  void invalidClientTokenIdForAnUnknownAccessKey() {
    AwsBasicCredentials unknown =
        AwsBasicCredentials.create(
            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    try (IamClient i = server.iam(unknown);
        StsClient s = server.sts(unknown)) {
      expectError(
          i::listRoles,
          "InvalidClientTokenId",
          403,
          "The security token included in the request is invalid");
      expectError(
          s::getCallerIdentity,
          "InvalidClientTokenId",
          403,
          "The security token included in the request is invalid");
    }
  }

  @Test
  void invalidClientTokenIdForADeletedAccessKey() {
    AwsBasicCredentials gone = userWithKey(iam, "leaver");
    try (StsClient s = server.sts(gone)) {
      assertThat(s.getCallerIdentity().arn()).isEqualTo(userArn("leaver"));
      iam.deleteAccessKey(b -> b.userName("leaver").accessKeyId(gone.accessKeyId()));
      expectError(
          s::getCallerIdentity,
          "InvalidClientTokenId",
          403,
          "The security token included in the request is invalid");
    }
  }

  @Test
  void signatureDoesNotMatchWithAWrongSecret() {
    AwsBasicCredentials right = userWithKey(iam, "typo");
    AwsBasicCredentials wrong =
        AwsBasicCredentials.create(right.accessKeyId(), right.secretAccessKey() + "x");
    try (IamClient i = server.iam(wrong);
        StsClient s = server.sts(wrong)) {
      String message =
          "The request signature we calculated does not match the signature you provided. Check your AWS Secret"
              + " Access Key and signing method. Consult the service documentation for details.";
      expectError(s::getCallerIdentity, "SignatureDoesNotMatch", 403, message);
      expectError(
          () -> i.createRole(b -> b.roleName("r").assumeRolePolicyDocument(TRUST)),
          "SignatureDoesNotMatch",
          403,
          message);
    }
    AwsBasicCredentials rootWrong =
        AwsBasicCredentials.create(server.rootCredentials().accessKeyId(), "not-the-secret");
    try (IamClient i = server.iam(rootWrong)) {
      expectError(
          () -> i.createRole(b -> b.roleName("r").assumeRolePolicyDocument(TRUST)),
          "SignatureDoesNotMatch",
          403,
          "The request signature we calculated does not match the signature you provided. Check your AWS Secret"
              + " Access Key and signing method. Consult the service documentation for details.");
    }
    assertThat(iam.listRoles().roles()).isEmpty();
  }

  @Test
  void knownButUnimplementedActionsAnswerInvalidAction() {
    expectError(
        () -> iam.uploadSSHPublicKey(b -> b.userName("u").sshPublicKeyBody("ssh-rsa AAAA")),
        "InvalidAction",
        400,
        "Rolegate does not implement the UploadSSHPublicKey action yet.");
  }

  @Test
  void unimplementedActionsStillRequireAValidSignature() {
    AwsBasicCredentials unknown =
        AwsBasicCredentials.create(
            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    try (IamClient i = server.iam(unknown)) {
      expectError(
          () -> i.uploadSSHPublicKey(b -> b.userName("u").sshPublicKeyBody("ssh-rsa AAAA")),
          "InvalidClientTokenId",
          403,
          "The security token included in the request is invalid");
    }
  }

  /** A clock a test moves forward, as time passing would. */
  static final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
      offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** GetCallerIdentity signed at the given time, as a client whose clock is right would sign it. */
  private static HttpResponse<String> callerIdentityAt(int port, Credentials c, Instant time)
      throws Exception {
    byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers =
        RawSigV4.sign(
            "POST",
            "127.0.0.1:" + port,
            null,
            Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            body,
            new RawSigV4.Key(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()),
            "us-east-1",
            "sts",
            time);
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(r::header);
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void expiredTokenOnceTheSessionIsOver() throws Exception {
    MovableClock clock = new MovableClock();
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            Path.of("target/unused"),
            true,
            false,
            true,
            ACCOUNT,
            ServerConfig.DEFAULT_MAX_BODY);
    try (Rolegate rolegate = new Rolegate(config, clock)) {
      AccountService.CreatedAccount root = rolegate.bootstrap();
      HttpServer http = new HttpServer(rolegate);
      int port = http.start();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      try (IamClient rootIam =
          IamClient.builder()
              .endpointOverride(endpoint)
              .region(Region.AWS_GLOBAL)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey())))
              .httpClient(UrlConnectionHttpClient.create())
              .build()) {
        AwsBasicCredentials user = userWithKey(rootIam, "temp");
        rootIam.createRole(
            b -> b.roleName("short").assumeRolePolicyDocument(trust(userArn("temp"))));
        Credentials c;
        try (StsClient asUser =
            StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(user))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
          c =
              asUser
                  .assumeRole(
                      b ->
                          b.roleArn(roleArn("short")).roleSessionName("brief").durationSeconds(900))
                  .credentials();
        }
        HttpResponse<String> fresh = callerIdentityAt(port, c, clock.instant());
        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);

        clock.advance(Duration.between(Instant.now(), c.expiration()).minusSeconds(5));
        HttpResponse<String> almost = callerIdentityAt(port, c, clock.instant());
        assertThat(almost.statusCode()).as(almost.body()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(10));
        HttpResponse<String> expired = callerIdentityAt(port, c, clock.instant());
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body())
            .contains("<Code>ExpiredToken</Code>")
            .contains("<Message>The security token included in the request is expired</Message>");
      } finally {
        http.close();
      }
    }
  }
}
