package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.User;

/** Every error of the group actions, with its code, HTTP status and AWS's message. */
class GroupErrorPathsTest extends ServerTest {
  static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  static final String NO_GROUP = "The group with name ghost cannot be found.";

  @Test
  void entityAlreadyExistsForAGroupNameTakenInAnyCase() {
    iam.createGroup(b -> b.groupName("Admins"));
    assertThat(
            expectError(
                () -> iam.createGroup(b -> b.groupName("Admins")),
                "EntityAlreadyExists",
                409,
                "Group with name Admins already exists."))
        .isInstanceOf(EntityAlreadyExistsException.class);
    expectError(
        () -> iam.createGroup(b -> b.groupName("ADMINS").path("/other/")),
        "EntityAlreadyExists",
        409,
        "Group with name ADMINS already exists.");
    iam.createGroup(b -> b.groupName("Ops"));
    expectError(
        () -> iam.updateGroup(b -> b.groupName("Ops").newGroupName("admins")),
        "EntityAlreadyExists",
        409,
        "Group with name admins already exists.");
    assertThat(iam.listGroups().groups())
        .extracting(Group::groupName)
        .containsExactly("Admins", "Ops");
  }

  @Test
  void noSuchEntityForAMissingGroupInEveryAction() {
    iam.createUser(b -> b.userName("u"));
    NoSuchEntityException e =
        (NoSuchEntityException)
            expectError(
                () -> iam.getGroup(b -> b.groupName("ghost")), "NoSuchEntity", 404, NO_GROUP);
    assertThat(e).isNotNull();
    expectError(() -> iam.deleteGroup(b -> b.groupName("ghost")), "NoSuchEntity", 404, NO_GROUP);
    expectError(
        () -> iam.updateGroup(b -> b.groupName("ghost").newGroupName("x")),
        "NoSuchEntity",
        404,
        NO_GROUP);
    expectError(
        () -> iam.addUserToGroup(b -> b.groupName("ghost").userName("u")),
        "NoSuchEntity",
        404,
        NO_GROUP);
    expectError(
        () -> iam.removeUserFromGroup(b -> b.groupName("ghost").userName("u")),
        "NoSuchEntity",
        404,
        NO_GROUP);
    expectError(
        () ->
            iam.putGroupPolicy(
                b -> b.groupName("ghost").policyName("p").policyDocument(allow("s3:*", "*"))),
        "NoSuchEntity",
        404,
        NO_GROUP);
    expectError(
        () -> iam.getGroupPolicy(b -> b.groupName("ghost").policyName("p")),
        "NoSuchEntity",
        404,
        NO_GROUP);
    expectError(
        () -> iam.listGroupPolicies(b -> b.groupName("ghost")), "NoSuchEntity", 404, NO_GROUP);
    expectError(
        () -> iam.deleteGroupPolicy(b -> b.groupName("ghost").policyName("p")),
        "NoSuchEntity",
        404,
        NO_GROUP);
    expectError(
        () -> iam.attachGroupPolicy(b -> b.groupName("ghost").policyArn(READ_ONLY)),
        "NoSuchEntity",
        404,
        NO_GROUP);
    expectError(
        () -> iam.detachGroupPolicy(b -> b.groupName("ghost").policyArn(READ_ONLY)),
        "NoSuchEntity",
        404,
        NO_GROUP);
    expectError(
        () -> iam.listAttachedGroupPolicies(b -> b.groupName("ghost")),
        "NoSuchEntity",
        404,
        NO_GROUP);
  }

  @Test
  void noSuchEntityForMissingUsersMembershipsAndPolicies() {
    iam.createGroup(b -> b.groupName("g"));
    iam.createUser(b -> b.userName("outsider"));
    expectError(
        () -> iam.addUserToGroup(b -> b.groupName("g").userName("nobody")),
        "NoSuchEntity",
        404,
        "The user with name nobody cannot be found.");
    expectError(
        () -> iam.removeUserFromGroup(b -> b.groupName("g").userName("nobody")),
        "NoSuchEntity",
        404,
        "The user with name nobody cannot be found.");
    expectError(
        () -> iam.removeUserFromGroup(b -> b.groupName("g").userName("outsider")),
        "NoSuchEntity",
        404,
        "The user with name outsider cannot be found.");
    expectError(
        () -> iam.listGroupsForUser(b -> b.userName("nobody")),
        "NoSuchEntity",
        404,
        "The user with name nobody cannot be found.");
    expectError(
        () -> iam.getGroupPolicy(b -> b.groupName("g").policyName("missing")),
        "NoSuchEntity",
        404,
        "The group policy with name missing cannot be found.");
    expectError(
        () -> iam.deleteGroupPolicy(b -> b.groupName("g").policyName("missing")),
        "NoSuchEntity",
        404,
        "The group policy with name missing cannot be found.");
    String unknown = "arn:aws:iam::" + ACCOUNT + ":policy/Missing";
    expectError(
        () -> iam.attachGroupPolicy(b -> b.groupName("g").policyArn(unknown)),
        "NoSuchEntity",
        404,
        "Policy " + unknown + " does not exist or is not attachable.");
    expectError(
        () -> iam.detachGroupPolicy(b -> b.groupName("g").policyArn(READ_ONLY)),
        "NoSuchEntity",
        404,
        "Policy " + READ_ONLY + " was not found.");
  }

  @Test
  void deleteConflictsForGroupsAndTheirMembers() {
    iam.createGroup(b -> b.groupName("g"));
    iam.createUser(b -> b.userName("member"));
    iam.addUserToGroup(b -> b.groupName("g").userName("member"));
    assertThat(
            expectError(
                () -> iam.deleteGroup(b -> b.groupName("g")),
                "DeleteConflict",
                409,
                "Cannot delete entity, must remove users from group first."))
        .isInstanceOf(DeleteConflictException.class);
    expectError(
        () -> iam.deleteUser(b -> b.userName("member")),
        "DeleteConflict",
        409,
        "Cannot delete entity, must remove users from group first.");
    assertThat(iam.getGroup(b -> b.groupName("g")).users())
        .extracting(User::userName)
        .containsExactly("member");
  }

  @Test
  void limitExceededForAnEleventhGroupOrAttachedPolicy() {
    iam.createUser(b -> b.userName("joiner"));
    for (int i = 0; i < 10; i++) {
      String n = "g" + i;
      iam.createGroup(b -> b.groupName(n));
      iam.addUserToGroup(b -> b.groupName(n).userName("joiner"));
    }
    iam.createGroup(b -> b.groupName("g10"));
    assertThat(
            expectError(
                () -> iam.addUserToGroup(b -> b.groupName("g10").userName("joiner")),
                "LimitExceeded",
                409,
                "Cannot exceed quota for GroupsPerUser: 10"))
        .isInstanceOf(LimitExceededException.class);
    iam.addUserToGroup(b -> b.groupName("g0").userName("joiner")); // already a member: still fine
    assertThat(iam.listGroupsForUser(b -> b.userName("joiner")).groups()).hasSize(10);

    for (int i = 0; i < 10; i++) {
      String n = "P" + i;
      String arn =
          iam.createPolicy(b -> b.policyName(n).policyDocument(allow("s3:GetObject", "*")))
              .policy()
              .arn();
      iam.attachGroupPolicy(b -> b.groupName("g10").policyArn(arn));
    }
    expectError(
        () -> iam.attachGroupPolicy(b -> b.groupName("g10").policyArn(READ_ONLY)),
        "LimitExceeded",
        409,
        "Cannot exceed quota for PoliciesPerGroup: 10");
  }

  @Test
  void malformedGroupPolicyDocuments() {
    iam.createGroup(b -> b.groupName("g"));
    assertThat(
            expectError(
                () ->
                    iam.putGroupPolicy(
                        b -> b.groupName("g").policyName("p").policyDocument("{not json")),
                "MalformedPolicyDocument",
                400,
                "Syntax errors in policy."))
        .isInstanceOf(MalformedPolicyDocumentException.class);
    expectError(
        () ->
            iam.putGroupPolicy(
                b ->
                    b.groupName("g")
                        .policyName("p")
                        .policyDocument(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")),
        "MalformedPolicyDocument",
        400,
        "Policy document should not specify a principal.");
    assertThat(iam.listGroupPolicies(b -> b.groupName("g")).policyNames()).isEmpty();
  }

  @Test
  void validationErrors() {
    String longName = "g".repeat(129);
    expectError(
        () -> iam.createGroup(b -> b.groupName(longName)),
        "ValidationError",
        400,
        "1 validation error detected: Value '"
            + longName
            + "' at 'groupName' failed to satisfy constraint: Member must have length less than or equal to 128");
    iam.createGroup(b -> b.groupName("g".repeat(128))); // 128 is allowed
    expectError(
        () -> iam.createGroup(b -> b.groupName("bad name")),
        "ValidationError",
        400,
        "1 validation error detected: Value 'bad name' at 'groupName' failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: [\\w+=,.@-]+");
    var badPath = E2e.awsError(() -> iam.createGroup(b -> b.groupName("g").path("no-slashes")));
    assertThat(badPath.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(badPath.statusCode()).isEqualTo(400);
    assertThat(badPath.awsErrorDetails().errorMessage())
        .startsWith(
            "1 validation error detected: Value 'no-slashes' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: ");
    iam.createGroup(b -> b.groupName("g"));
    expectError(
        () -> iam.updateGroup(b -> b.groupName("g").newGroupName("bad name")),
        "ValidationError",
        400,
        "1 validation error detected: Value 'bad name' at 'newGroupName' failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: [\\w+=,.@-]+");
    var badNewPath = E2e.awsError(() -> iam.updateGroup(b -> b.groupName("g").newPath("x")));
    assertThat(badNewPath.awsErrorDetails().errorMessage())
        .startsWith(
            "1 validation error detected: Value 'x' at 'newPath' failed to satisfy constraint: Member must satisfy regular expression pattern: ");
    expectError(
        () -> iam.listGroups(b -> b.maxItems(0)),
        "ValidationError",
        400,
        "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1");
    expectError(
        () -> iam.getGroup(b -> b.groupName("g").marker("not-a-marker")),
        "ValidationError",
        400,
        "Invalid Marker.");
    expectError(
        () -> iam.attachGroupPolicy(b -> b.groupName("g").policyArn("longpolicynamebutnoarn")),
        "ValidationError",
        400,
        "ARN longpolicynamebutnoarn is not valid.");
    assertThat(iam.getGroup(b -> b.groupName("g")).group().path()).isEqualTo("/");
  }

  @Test
  void accessDeniedWithoutPermissionAndRenamingNeedsTheNewNameToo() {
    AwsBasicCredentials key = userWithKey(iam, "x");
    iam.createGroup(b -> b.groupName("devs"));
    try (IamClient asX = server.iam(key)) {
      expectError(
          () -> asX.createGroup(b -> b.groupName("mine").path("/team/")),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/x is not authorized to perform: iam:CreateGroup on resource: arn:aws:iam::"
              + ACCOUNT
              + ":group/team/mine because no identity-based policy allows the iam:CreateGroup action");
      expectError(
          () -> asX.addUserToGroup(b -> b.groupName("devs").userName("x")),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/x is not authorized to perform: iam:AddUserToGroup on resource: group devs"
              + " because no identity-based policy allows the iam:AddUserToGroup action");
      expectError(
          () -> asX.listGroupsForUser(b -> b.userName("x")),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/x is not authorized to perform: iam:ListGroupsForUser on resource: user x"
              + " because no identity-based policy allows the iam:ListGroupsForUser action");

      iam.putUserPolicy(
          b ->
              b.userName("x")
                  .policyName("update-devs")
                  .policyDocument(
                      allow("iam:UpdateGroup", "arn:aws:iam::" + ACCOUNT + ":group/devs")));
      expectError(
          () -> asX.updateGroup(b -> b.groupName("devs").newGroupName("admins")),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/x is not authorized to perform: iam:UpdateGroup on resource: group admins"
              + " because no identity-based policy allows the iam:UpdateGroup action");
      iam.putUserPolicy(
          b ->
              b.userName("x")
                  .policyName("update-devs")
                  .policyDocument(
                      allow("iam:UpdateGroup", "arn:aws:iam::" + ACCOUNT + ":group/*")));
      asX.updateGroup(b -> b.groupName("devs").newGroupName("admins"));
    }
    assertThat(iam.listGroups().groups()).extracting(Group::groupName).containsExactly("admins");
  }
}
