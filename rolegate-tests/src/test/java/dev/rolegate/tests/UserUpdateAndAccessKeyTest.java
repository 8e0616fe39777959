package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.userArn;
import static dev.rolegate.tests.E2e.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Issue 7: UpdateAccessKey, GetAccessKeyLastUsed, the two-keys quota, and UpdateUser with renames
 * that carry the user's keys, policies, attachments, MFA devices, groups and tags along.
 */
class UserUpdateAndAccessKeyTest extends ServerTest {
  static final String INVALID_TOKEN = "The security token included in the request is invalid";

  private static void advanceClock(long seconds) throws Exception {
    serverOffset = AdminRequests.advanceClock(server, seconds, serverOffset);
  }

  private static long serverOffset;

  private static String callerArn(AwsBasicCredentials key) {
    try (StsClient sts = server.sts(key)) {
      return sts.getCallerIdentity().arn();
    }
  }

  // ---------------------------------------------------------------- UpdateAccessKey

  @Test
  void anInactiveKeyFailsAuthenticationUntilItIsActivatedAgain() {
    AwsBasicCredentials key = userWithKey(iam, "alice");
    assertThat(callerArn(key)).isEqualTo(userArn("alice"));

    iam.updateAccessKey(
        b -> b.userName("alice").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
    assertThat(iam.listAccessKeys(b -> b.userName("alice")).accessKeyMetadata())
        .singleElement()
        .extracting(AccessKeyMetadata::status)
        .isEqualTo(StatusType.INACTIVE);
    try (StsClient sts = server.sts(key);
        IamClient asAlice = server.iam(key)) {
      expectError(sts::getCallerIdentity, "InvalidClientTokenId", 403, INVALID_TOKEN);
      expectError(asAlice::listRoles, "InvalidClientTokenId", 403, INVALID_TOKEN);
    }

    iam.updateAccessKey(
        b -> b.userName("alice").accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
    assertThat(iam.listAccessKeys(b -> b.userName("alice")).accessKeyMetadata())
        .singleElement()
        .extracting(AccessKeyMetadata::status)
        .isEqualTo(StatusType.ACTIVE);
    assertThat(callerArn(key)).isEqualTo(userArn("alice"));
  }

  @Test
  void aUserMayDeactivateItsOwnKeyWithoutUserNameWhenAllowed() {
    AwsBasicCredentials key = userWithKey(iam, "alice");
    iam.putUserPolicy(
        b ->
            b.userName("alice")
                .policyName("keys")
                .policyDocument(allow("iam:UpdateAccessKey", userArn("alice"))));
    try (IamClient asAlice = server.iam(key)) {
      asAlice.updateAccessKey(b -> b.accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
    }
    assertThat(iam.listAccessKeys(b -> b.userName("alice")).accessKeyMetadata())
        .singleElement()
        .extracting(AccessKeyMetadata::status)
        .isEqualTo(StatusType.INACTIVE);
  }

  @Test
  void theRootUserDeactivatesItsOwnSecondKeyWithoutUserName() {
    String second = iam.createAccessKey(b -> {}).accessKey().accessKeyId();
    iam.updateAccessKey(b -> b.accessKeyId(second).status(StatusType.INACTIVE));
    assertThat(iam.listAccessKeys(b -> {}).accessKeyMetadata())
        .extracting(AccessKeyMetadata::accessKeyId, AccessKeyMetadata::status)
        .contains(
            org.assertj.core.groups.Tuple.tuple(second, StatusType.INACTIVE),
            org.assertj.core.groups.Tuple.tuple(
                server.rootCredentials().accessKeyId(), StatusType.ACTIVE));
    iam.createUser(b -> b.userName("alice"));
    expectError(
        () ->
            iam.updateAccessKey(
                b -> b.userName("alice").accessKeyId(second).status(StatusType.ACTIVE)),
        "NoSuchEntity",
        404,
        "The Access Key with id " + second + " cannot be found.");
    iam.deleteAccessKey(b -> b.accessKeyId(second));
    assertThat(iam.listAccessKeys(b -> {}).accessKeyMetadata())
        .extracting(AccessKeyMetadata::accessKeyId)
        .containsExactly(server.rootCredentials().accessKeyId());
  }

  @Test
  void updateAccessKeyRefusesUnknownKeysOtherUsersKeysAndBadStatuses() {
    AwsBasicCredentials alice = userWithKey(iam, "alice");
    iam.createUser(b -> b.userName("bob"));
    expectError(
        () ->
            iam.updateAccessKey(
                b ->
                    b.userName("bob").accessKeyId(alice.accessKeyId()).status(StatusType.INACTIVE)),
        "NoSuchEntity",
        404,
        "The Access Key with id " + alice.accessKeyId() + " cannot be found.");
    expectError(
        () ->
            iam.updateAccessKey(
                b ->
                    b.userName("alice")
                        .accessKeyId("AKIAIOSFODNN7EXAMPLE")
                        .status(StatusType.INACTIVE)),
        "NoSuchEntity",
        404,
        "The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.");
    expectError(
        () ->
            iam.updateAccessKey(
                b ->
                    b.userName("nobody")
                        .accessKeyId(alice.accessKeyId())
                        .status(StatusType.INACTIVE)),
        "NoSuchEntity",
        404,
        "The user with name nobody cannot be found.");
    expectError(
        () ->
            iam.updateAccessKey(
                b -> b.userName("alice").accessKeyId(alice.accessKeyId()).status("Paused")),
        "ValidationError",
        400,
        "1 validation error detected: Value 'Paused' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]");
    expectError(
        () ->
            iam.updateAccessKey(
                b -> b.userName("alice").accessKeyId("short").status(StatusType.INACTIVE)),
        "ValidationError",
        400,
        "1 validation error detected: Value 'short' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16");
    expectError(
        () ->
            iam.updateAccessKey(
                b ->
                    b.userName("alice")
                        .accessKeyId(alice.accessKeyId())
                        .status(StatusType.EXPIRED)),
        "InvalidInput",
        400,
        "The status of an access key can only be set to Active or Inactive.");
    assertThat(iam.listAccessKeys(b -> b.userName("alice")).accessKeyMetadata())
        .singleElement()
        .extracting(AccessKeyMetadata::status)
        .isEqualTo(StatusType.ACTIVE);
  }

  @Test
  void aUserHasAtMostTwoAccessKeys() {
    iam.createUser(b -> b.userName("alice"));
    iam.createAccessKey(b -> b.userName("alice"));
    String second = iam.createAccessKey(b -> b.userName("alice")).accessKey().accessKeyId();
    expectError(
        () -> iam.createAccessKey(b -> b.userName("alice")),
        "LimitExceeded",
        409,
        "Cannot exceed quota for AccessKeysPerUser: 2");
    iam.updateAccessKey(b -> b.userName("alice").accessKeyId(second).status(StatusType.INACTIVE));
    expectError(
        () -> iam.createAccessKey(b -> b.userName("alice")),
        "LimitExceeded",
        409,
        "Cannot exceed quota for AccessKeysPerUser: 2");
    iam.deleteAccessKey(b -> b.userName("alice").accessKeyId(second));
    assertThat(iam.createAccessKey(b -> b.userName("alice")).accessKey().accessKeyId())
        .startsWith("AKIA");
    assertThat(iam.listAccessKeys(b -> b.userName("alice")).accessKeyMetadata()).hasSize(2);
  }

  // ---------------------------------------------------------------- GetAccessKeyLastUsed

  @Test
  void aKeyNeverUsedShowsNoDateAndNotApplicableServiceAndRegion() {
    iam.createUser(b -> b.userName("alice"));
    String id = iam.createAccessKey(b -> b.userName("alice")).accessKey().accessKeyId();
    GetAccessKeyLastUsedResponse r = iam.getAccessKeyLastUsed(b -> b.accessKeyId(id));
    assertThat(r.userName()).isEqualTo("alice");
    AccessKeyLastUsed used = r.accessKeyLastUsed();
    assertThat(used.lastUsedDate()).isNull();
    assertThat(used.serviceName()).isEqualTo("N/A");
    assertThat(used.region()).isEqualTo("N/A");
  }

  @Test
  void theLastUseRecordsServiceAndRegionAndIsWrittenAtMostOnceAMinute() throws Exception {
    AwsBasicCredentials key = userWithKey(iam, "alice");
    Instant before = Instant.now().minusSeconds(1);
    callerArn(key);
    AccessKeyLastUsed first =
        iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId())).accessKeyLastUsed();
    assertThat(first.serviceName()).isEqualTo("sts");
    assertThat(first.region()).isEqualTo("us-east-1");
    assertThat(first.lastUsedDate()).isBetween(before, Instant.now().plusSeconds(1));

    // a refused IAM call still used the key (the signature was verified)
    try (IamClient asAlice = server.iam(key)) {
      expectError(
          asAlice::listRoles,
          "AccessDenied",
          403,
          "User: "
              + userArn("alice")
              + " is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::"
              + ACCOUNT
              + ":role/ because no identity-based policy allows the iam:ListRoles action");
    }
    AccessKeyLastUsed iamUse =
        iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId())).accessKeyLastUsed();
    assertThat(iamUse.serviceName()).isEqualTo("iam");
    assertThat(iamUse.region()).isEqualTo("us-east-1");

    try {
      advanceClock(30);
      callerArn(key);
      AccessKeyLastUsed sts =
          iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId())).accessKeyLastUsed();
      assertThat(sts.serviceName()).as("the service changed: recorded").isEqualTo("sts");
      callerArn(key);
      advanceClock(30);
      callerArn(key);
      assertThat(
              iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId()))
                  .accessKeyLastUsed()
                  .lastUsedDate())
          .as("same service and region within a minute: not written again")
          .isEqualTo(sts.lastUsedDate());
      advanceClock(31);
      callerArn(key);
      assertThat(
              iam.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId()))
                  .accessKeyLastUsed()
                  .lastUsedDate())
          .as("a minute later: written")
          .isAfterOrEqualTo(sts.lastUsedDate().plusSeconds(60));
    } finally {
      advanceClock(-91);
    }
  }

  @Test
  void getAccessKeyLastUsedNeedsPermissionOnTheKeysUserAndKnowsOnlyTheAccountsKeys() {
    AwsBasicCredentials alice = userWithKey(iam, "alice");
    AwsBasicCredentials bob = userWithKey(iam, "bob");
    iam.putUserPolicy(
        b ->
            b.userName("alice")
                .policyName("own")
                .policyDocument(allow("iam:GetAccessKeyLastUsed", userArn("alice"))));
    try (IamClient asAlice = server.iam(alice)) {
      assertThat(asAlice.getAccessKeyLastUsed(b -> b.accessKeyId(alice.accessKeyId())).userName())
          .isEqualTo("alice");
      expectError(
          () -> asAlice.getAccessKeyLastUsed(b -> b.accessKeyId(bob.accessKeyId())),
          "AccessDenied",
          403,
          "User: "
              + userArn("alice")
              + " is not authorized to perform: iam:GetAccessKeyLastUsed on resource: user bob"
              + " because no identity-based policy allows the iam:GetAccessKeyLastUsed action");
    }
    AwsBasicCredentials otherRoot = server.newAccount("210987654321");
    try (IamClient other = server.iam(otherRoot)) {
      expectError(
          () -> other.getAccessKeyLastUsed(b -> b.accessKeyId(alice.accessKeyId())),
          "NoSuchEntity",
          404,
          "The Access Key with id " + alice.accessKeyId() + " cannot be found.");
    }
    String rootKey = server.rootCredentials().accessKeyId();
    GetAccessKeyLastUsedResponse root = iam.getAccessKeyLastUsed(b -> b.accessKeyId(rootKey));
    assertThat(root.userName()).as("the root user's key has no user name").isNull();
    assertThat(root.accessKeyLastUsed().serviceName()).isEqualTo("iam");
  }

  // ---------------------------------------------------------------- UpdateUser

  @Test
  @SuppressWarnings("unchecked") // the SDK's tags(Consumer<Tag.Builder>...) varargs
  void renamingAUserCarriesItsKeysPoliciesAttachmentsMfaDevicesGroupsAndTags() {
    AwsBasicCredentials key = userWithKey(iam, "alice");
    String userId = iam.getUser(b -> b.userName("alice")).user().userId();
    iam.tagUser(b -> b.userName("alice").tags(t -> t.key("team").value("blue")));
    iam.putUserPolicy(
        b -> b.userName("alice").policyName("reader").policyDocument(allow("iam:ListRoles", "*")));
    String readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    iam.attachUserPolicy(b -> b.userName("alice").policyArn(readOnly));
    iam.createGroup(b -> b.groupName("devs"));
    iam.addUserToGroup(b -> b.groupName("devs").userName("alice"));
    MfaDeviceTest.Device device = MfaDeviceTest.create("alice-phone");
    long s = MfaDeviceTest.currentStep();
    iam.enableMFADevice(
        b ->
            b.userName("alice")
                .serialNumber(device.serial())
                .authenticationCode1(device.code(s - 1))
                .authenticationCode2(device.code(s)));

    iam.updateUser(b -> b.userName("alice").newUserName("alicia").newPath("/team/"));

    expectError(
        () -> iam.getUser(b -> b.userName("alice")),
        "NoSuchEntity",
        404,
        "The user with name alice cannot be found.");
    User renamed = iam.getUser(b -> b.userName("alicia")).user();
    assertThat(renamed.userId()).isEqualTo(userId);
    assertThat(renamed.path()).isEqualTo("/team/");
    assertThat(renamed.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/team/alicia");
    assertThat(renamed.tags())
        .singleElement()
        .satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=blue"));
    assertThat(iam.listAccessKeys(b -> b.userName("alicia")).accessKeyMetadata())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.accessKeyId()).isEqualTo(key.accessKeyId());
              assertThat(k.userName()).isEqualTo("alicia");
            });
    assertThat(iam.listUserPolicies(b -> b.userName("alicia")).policyNames())
        .containsExactly("reader");
    assertThat(iam.getUserPolicy(b -> b.userName("alicia").policyName("reader")).userName())
        .isEqualTo("alicia");
    assertThat(iam.listAttachedUserPolicies(b -> b.userName("alicia")).attachedPolicies())
        .singleElement()
        .satisfies(p -> assertThat(p.policyArn()).isEqualTo(readOnly));
    assertThat(iam.listEntitiesForPolicy(b -> b.policyArn(readOnly)).policyUsers())
        .singleElement()
        .satisfies(u -> assertThat(u.userName()).isEqualTo("alicia"));
    assertThat(iam.listGroupsForUser(b -> b.userName("alicia")).groups())
        .singleElement()
        .satisfies(g -> assertThat(g.groupName()).isEqualTo("devs"));
    assertThat(iam.getGroup(b -> b.groupName("devs")).users())
        .singleElement()
        .satisfies(u -> assertThat(u.userName()).isEqualTo("alicia"));
    assertThat(iam.listMFADevices(b -> b.userName("alicia")).mfaDevices())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.serialNumber()).isEqualTo(device.serial());
              assertThat(d.userName()).isEqualTo("alicia");
            });

    // the key signs as the renamed user, and the moved policies still apply to it
    assertThat(callerArn(key)).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/team/alicia");
    try (IamClient asAlicia = server.iam(key)) {
      assertThat(asAlicia.listRoles().roles()).isNotNull();
      assertThat(asAlicia.getUser().user().userName())
          .as("ReadOnlyAccess, attached before the rename")
          .isEqualTo("alicia");
    }
    // and nothing is left under the old name: a new "alice" starts empty
    iam.createUser(b -> b.userName("alice"));
    assertThat(iam.listAccessKeys(b -> b.userName("alice")).accessKeyMetadata()).isEmpty();
    assertThat(iam.listUserPolicies(b -> b.userName("alice")).policyNames()).isEmpty();
    assertThat(iam.listAttachedUserPolicies(b -> b.userName("alice")).attachedPolicies()).isEmpty();
    assertThat(iam.listGroupsForUser(b -> b.userName("alice")).groups()).isEmpty();
    assertThat(iam.listMFADevices(b -> b.userName("alice")).mfaDevices()).isEmpty();
  }

  @Test
  void sessionCredentialsIssuedBeforeARenameKeepTheUsersPolicies() {
    // IAM identifies a user by its unique id, which a rename keeps: GetSessionToken credentials
    // issued before the rename still carry the user's (moved) policies
    AwsBasicCredentials key = userWithKey(iam, "carol");
    iam.putUserPolicy(
        b -> b.userName("carol").policyName("assume").policyDocument(allow("sts:AssumeRole", "*")));
    iam.createRole(
        b ->
            b.roleName("target")
                .assumeRolePolicyDocument(E2e.trust("arn:aws:iam::" + ACCOUNT + ":root")));
    software.amazon.awssdk.services.sts.model.Credentials session;
    try (StsClient sts = server.sts(key)) {
      session = sts.getSessionToken().credentials();
    }
    iam.updateUser(b -> b.userName("carol").newUserName("caroline"));
    try (StsClient sts = server.sts(TestServer.session(session))) {
      assertThat(
              sts.assumeRole(b -> b.roleArn(E2e.roleArn("target")).roleSessionName("after-rename"))
                  .assumedRoleUser()
                  .arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/target/after-rename");
    }
    iam.deleteUserPolicy(b -> b.userName("caroline").policyName("assume"));
    try (StsClient sts = server.sts(TestServer.session(session))) {
      expectError(
          () -> sts.assumeRole(b -> b.roleArn(E2e.roleArn("target")).roleSessionName("no-policy")),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/carol is not authorized to perform: sts:AssumeRole on resource: "
              + E2e.roleArn("target"));
    }
  }

  @Test
  void aUserCanBeRenamedInAnotherCaseAndMovedToAnotherPathAlone() {
    iam.createUser(b -> b.userName("bob"));
    iam.putUserPolicy(
        b -> b.userName("bob").policyName("p").policyDocument(allow("iam:ListRoles", "*")));
    iam.updateUser(b -> b.userName("bob").newUserName("Bob"));
    assertThat(iam.getUser(b -> b.userName("bob")).user().userName()).isEqualTo("Bob");
    assertThat(iam.getUserPolicy(b -> b.userName("Bob").policyName("p")).userName())
        .isEqualTo("Bob");
    iam.updateUser(b -> b.userName("Bob").newPath("/ops/"));
    assertThat(iam.getUser(b -> b.userName("Bob")).user().arn())
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/ops/Bob");
    iam.updateUser(b -> b.userName("Bob"));
    assertThat(iam.getUser(b -> b.userName("Bob")).user().arn())
        .as("nothing to change")
        .isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/ops/Bob");
  }

  @Test
  void updateUserRefusesATakenNameAMissingUserAndBadNames() {
    iam.createUser(b -> b.userName("alice"));
    iam.createUser(b -> b.userName("bob"));
    iam.putUserPolicy(
        b -> b.userName("alice").policyName("p").policyDocument(allow("iam:ListRoles", "*")));
    expectError(
        () -> iam.updateUser(b -> b.userName("alice").newUserName("bob")),
        "EntityAlreadyExists",
        409,
        "User with name bob already exists.");
    expectError(
        () -> iam.updateUser(b -> b.userName("alice").newUserName("BOB")),
        "EntityAlreadyExists",
        409,
        "User with name BOB already exists.");
    assertThat(iam.listUserPolicies(b -> b.userName("alice")).policyNames())
        .as("nothing moved")
        .containsExactly("p");
    expectError(
        () -> iam.updateUser(b -> b.userName("carol").newUserName("dave")),
        "NoSuchEntity",
        404,
        "The user with name carol cannot be found.");
    expectError(
        () -> iam.updateUser(b -> b.userName("alice").newUserName("bad name")),
        "ValidationError",
        400,
        "1 validation error detected: Value 'bad name' at 'newUserName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    expectError(
        () -> iam.updateUser(b -> b.userName("alice").newUserName("x".repeat(65))),
        "ValidationError",
        400,
        "1 validation error detected: Value '"
            + "x".repeat(65)
            + "' at 'newUserName' failed to satisfy constraint: Member must have length less than or equal to 64");
    expectError(
        () -> iam.updateUser(b -> b.userName("alice").newPath("team")),
        "ValidationError",
        400,
        "1 validation error detected: Value 'team' at 'newPath' failed to satisfy constraint: Member must satisfy regular expression pattern: (/)|(/[\\u0021-\\u007E]+/)");
  }

  @Test
  void renamingNeedsUpdateUserOnTheOldAndTheNewName() {
    AwsBasicCredentials admin = userWithKey(iam, "admin");
    iam.createUser(b -> b.userName("bob"));
    iam.putUserPolicy(
        b ->
            b.userName("admin")
                .policyName("old")
                .policyDocument(allow("iam:UpdateUser", userArn("bob"))));
    try (IamClient asAdmin = server.iam(admin)) {
      expectError(
          () -> asAdmin.updateUser(b -> b.userName("bob").newUserName("robert")),
          "AccessDenied",
          403,
          "User: "
              + userArn("admin")
              + " is not authorized to perform: iam:UpdateUser on resource: user robert"
              + " because no identity-based policy allows the iam:UpdateUser action");
      assertThat(iam.getUser(b -> b.userName("bob")).user().userName()).isEqualTo("bob");
      iam.putUserPolicy(
          b ->
              b.userName("admin")
                  .policyName("new")
                  .policyDocument(allow("iam:UpdateUser", userArn("robert"))));
      asAdmin.updateUser(b -> b.userName("bob").newUserName("robert"));
    }
    assertThat(iam.getUser(b -> b.userName("robert")).user().userName()).isEqualTo("robert");
  }
}
