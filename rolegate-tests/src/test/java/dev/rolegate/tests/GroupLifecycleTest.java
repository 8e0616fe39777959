package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.allow;
import static dev.rolegate.tests.E2e.decoded;
import static dev.rolegate.tests.E2e.expectError;
import static dev.rolegate.tests.E2e.trust;
import static dev.rolegate.tests.E2e.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetGroupPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetGroupResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListGroupsResponse;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * IAM groups through the AWS SDK for Java v2: lifecycle, membership, policies granting members
 * permissions, rename.
 */
class GroupLifecycleTest extends ServerTest {
  static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

  static String groupArn(String pathAndName) {
    return "arn:aws:iam::" + ACCOUNT + ":group" + pathAndName;
  }

  @Test
  void createGetListAndDeleteAGroup() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Group created = iam.createGroup(b -> b.groupName("Developers").path("/eng/")).group();
    assertThat(created.groupName()).isEqualTo("Developers");
    assertThat(created.path()).isEqualTo("/eng/");
    assertThat(created.arn()).isEqualTo(groupArn("/eng/Developers"));
    assertThat(created.groupId())
        .startsWith("AGPA")
        .hasSizeGreaterThanOrEqualTo(16)
        .matches("[A-Z0-9]+");
    assertThat(created.createDate()).isBetween(before, Instant.now().plusSeconds(1));

    GetGroupResponse got = iam.getGroup(b -> b.groupName("developers"));
    assertThat(got.group()).isEqualTo(created);
    assertThat(got.users()).isEmpty();
    assertThat(got.isTruncated()).isFalse();
    assertThat(got.marker()).isNull();

    Group plain = iam.createGroup(b -> b.groupName("admins")).group();
    assertThat(plain.path()).isEqualTo("/");
    assertThat(plain.arn()).isEqualTo(groupArn("/admins"));

    assertThat(iam.listGroups().groups())
        .extracting(Group::groupName)
        .containsExactly("admins", "Developers");
    assertThat(iam.listGroups(b -> b.pathPrefix("/eng/")).groups()).containsExactly(created);
    assertThat(iam.listGroups(b -> b.pathPrefix("/nothing/")).groups()).isEmpty();

    iam.deleteGroup(b -> b.groupName("DEVELOPERS"));
    assertThat(iam.listGroups().groups()).extracting(Group::groupName).containsExactly("admins");
  }

  @Test
  void listGroupsPagesInNameOrder() {
    for (String n : List.of("delta", "Alpha", "echo", "charlie", "bravo")) {
      iam.createGroup(b -> b.groupName(n).path("/team/"));
    }
    iam.createGroup(b -> b.groupName("other"));
    List<String> seen = new ArrayList<>();
    String marker = null;
    int pages = 0;
    while (true) {
      String m = marker;
      ListGroupsResponse page = iam.listGroups(b -> b.pathPrefix("/team/").maxItems(2).marker(m));
      pages++;
      page.groups().forEach(g -> seen.add(g.groupName()));
      if (!page.isTruncated()) {
        assertThat(page.marker()).isNull();
        break;
      }
      marker = page.marker();
      assertThat(pages).isLessThan(10);
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("Alpha", "bravo", "charlie", "delta", "echo");
    assertThat(
            iam.listGroupsPaginator(b -> b.maxItems(4)).groups().stream()
                .map(Group::groupName)
                .collect(Collectors.toList()))
        .containsExactly("Alpha", "bravo", "charlie", "delta", "echo", "other");
  }

  @Test
  void membershipGetGroupWithUsersAndListGroupsForUser() {
    iam.createGroup(b -> b.groupName("devs"));
    iam.createGroup(b -> b.groupName("Ops"));
    for (String u : List.of("carol", "Bob", "alice")) {
      iam.createUser(b -> b.userName(u).path("/staff/"));
    }
    iam.addUserToGroup(b -> b.groupName("devs").userName("carol"));
    iam.addUserToGroup(b -> b.groupName("DEVS").userName("ALICE"));
    iam.addUserToGroup(b -> b.groupName("devs").userName("bob"));
    iam.addUserToGroup(b -> b.groupName("devs").userName("alice")); // again: no error, no duplicate
    iam.addUserToGroup(b -> b.groupName("Ops").userName("alice"));

    GetGroupResponse devs = iam.getGroup(b -> b.groupName("devs"));
    assertThat(devs.users()).extracting(User::userName).containsExactly("alice", "Bob", "carol");
    User alice = devs.users().get(0);
    assertThat(alice.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/staff/alice");
    assertThat(alice.path()).isEqualTo("/staff/");
    assertThat(alice.userId()).isEqualTo(iam.getUser(b -> b.userName("alice")).user().userId());
    assertThat(alice.createDate()).isNotNull();

    GetGroupResponse first = iam.getGroup(b -> b.groupName("devs").maxItems(2));
    assertThat(first.users()).extracting(User::userName).containsExactly("alice", "Bob");
    assertThat(first.isTruncated()).isTrue();
    GetGroupResponse second =
        iam.getGroup(b -> b.groupName("devs").maxItems(2).marker(first.marker()));
    assertThat(second.users()).extracting(User::userName).containsExactly("carol");
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.group().groupName()).isEqualTo("devs");
    assertThat(
            iam.getGroupPaginator(b -> b.groupName("devs").maxItems(1)).users().stream()
                .map(User::userName)
                .collect(Collectors.toList()))
        .containsExactly("alice", "Bob", "carol");

    assertThat(iam.listGroupsForUser(b -> b.userName("alice")).groups())
        .extracting(Group::groupName)
        .containsExactly("devs", "Ops");
    assertThat(iam.listGroupsForUser(b -> b.userName("alice").maxItems(1)).isTruncated()).isTrue();
    assertThat(iam.listGroupsForUser(b -> b.userName("carol")).groups())
        .extracting(Group::groupName)
        .containsExactly("devs");

    iam.removeUserFromGroup(b -> b.groupName("devs").userName("Alice"));
    assertThat(iam.getGroup(b -> b.groupName("devs")).users())
        .extracting(User::userName)
        .containsExactly("Bob", "carol");
    assertThat(iam.listGroupsForUser(b -> b.userName("alice")).groups())
        .extracting(Group::groupName)
        .containsExactly("Ops");
  }

  @Test
  void inlineAndAttachedGroupPolicies() {
    iam.createGroup(b -> b.groupName("readers"));
    String s3 = allow("s3:GetObject", "arn:aws:s3:::reports/*");
    String logs = allow("logs:*", "*");
    iam.putGroupPolicy(b -> b.groupName("readers").policyName("s3-read").policyDocument(s3));
    iam.putGroupPolicy(b -> b.groupName("READERS").policyName("logs").policyDocument(logs));
    GetGroupPolicyResponse got =
        iam.getGroupPolicy(b -> b.groupName("readers").policyName("s3-read"));
    assertThat(got.groupName()).isEqualTo("readers");
    assertThat(got.policyName()).isEqualTo("s3-read");
    assertThat(decoded(got.policyDocument())).isEqualTo(s3);
    assertThat(iam.listGroupPolicies(b -> b.groupName("readers")).policyNames())
        .containsExactly("logs", "s3-read");
    assertThat(iam.listGroupPolicies(b -> b.groupName("readers").maxItems(1)).isTruncated())
        .isTrue();
    iam.putGroupPolicy(
        b -> b.groupName("readers").policyName("logs").policyDocument(s3)); // replaces
    assertThat(
            decoded(
                iam.getGroupPolicy(b -> b.groupName("readers").policyName("logs"))
                    .policyDocument()))
        .isEqualTo(s3);
    iam.deleteGroupPolicy(b -> b.groupName("readers").policyName("logs"));
    assertThat(iam.listGroupPolicies(b -> b.groupName("readers")).policyNames())
        .containsExactly("s3-read");

    String custom =
        iam.createPolicy(b -> b.policyName("Custom").path("/team/").policyDocument(logs))
            .policy()
            .arn();
    iam.attachGroupPolicy(b -> b.groupName("readers").policyArn(READ_ONLY));
    iam.attachGroupPolicy(b -> b.groupName("readers").policyArn(custom));
    iam.attachGroupPolicy(b -> b.groupName("readers").policyArn(custom)); // twice: no error
    assertThat(iam.listAttachedGroupPolicies(b -> b.groupName("readers")).attachedPolicies())
        .extracting(AttachedPolicy::policyName, AttachedPolicy::policyArn)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ReadOnlyAccess", READ_ONLY),
            org.assertj.core.groups.Tuple.tuple("Custom", custom));
    assertThat(
            iam.listAttachedGroupPolicies(b -> b.groupName("readers").pathPrefix("/team/"))
                .attachedPolicies())
        .extracting(AttachedPolicy::policyName)
        .containsExactly("Custom");
    assertThat(iam.getPolicy(b -> b.policyArn(custom)).policy().attachmentCount()).isEqualTo(1);
    iam.detachGroupPolicy(b -> b.groupName("readers").policyArn(READ_ONLY));
    assertThat(iam.listAttachedGroupPolicies(b -> b.groupName("readers")).attachedPolicies())
        .extracting(AttachedPolicy::policyName)
        .containsExactly("Custom");
  }

  @Test
  void aGroupsInlinePolicyGrantsItsMembersPermissionsUntilTheyLeave() {
    AwsBasicCredentials key = userWithKey(iam, "dana");
    iam.createRole(b -> b.roleName("visible").assumeRolePolicyDocument(trust(ACCOUNT)));
    iam.createGroup(b -> b.groupName("auditors"));
    iam.putGroupPolicy(
        b ->
            b.groupName("auditors")
                .policyName("list-roles")
                .policyDocument(allow("iam:ListRoles", "*")));
    try (IamClient dana = server.iam(key)) {
      String denied =
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/dana is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::"
              + ACCOUNT
              + ":role/ because no identity-based policy allows the iam:ListRoles action";
      expectError(dana::listRoles, "AccessDenied", 403, denied);

      iam.addUserToGroup(b -> b.groupName("auditors").userName("dana"));
      assertThat(dana.listRoles().roles()).extracting(r -> r.roleName()).containsExactly("visible");
      expectError(
          dana::listGroups,
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/dana is not authorized to perform: iam:ListGroups on resource: arn:aws:iam::"
              + ACCOUNT
              + ":group/ because no identity-based policy allows the iam:ListGroups action");

      iam.removeUserFromGroup(b -> b.groupName("auditors").userName("dana"));
      expectError(dana::listRoles, "AccessDenied", 403, denied);
    }
  }

  @Test
  void aManagedPolicyAttachedToTheGroupGrantsItsMembersPermissions() {
    AwsBasicCredentials key = userWithKey(iam, "erin");
    iam.createGroup(b -> b.groupName("viewers"));
    iam.addUserToGroup(b -> b.groupName("viewers").userName("erin"));
    String listRoles =
        iam.createPolicy(
                b -> b.policyName("ListRolesOnly").policyDocument(allow("iam:ListRoles", "*")))
            .policy()
            .arn();
    try (IamClient erin = server.iam(key)) {
      expectError(
          erin::listRoles,
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/erin is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::"
              + ACCOUNT
              + ":role/ because no identity-based policy allows the iam:ListRoles action");
      iam.attachGroupPolicy(b -> b.groupName("viewers").policyArn(listRoles));
      assertThat(erin.listRoles().roles()).isEmpty();
      iam.detachGroupPolicy(b -> b.groupName("viewers").policyArn(listRoles));
      expectError(
          erin::listRoles,
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/erin is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::"
              + ACCOUNT
              + ":role/ because no identity-based policy allows the iam:ListRoles action");

      // an AWS managed policy works the same way
      iam.attachGroupPolicy(b -> b.groupName("viewers").policyArn(READ_ONLY));
      assertThat(erin.listRoles().roles()).isEmpty();
      assertThat(erin.listGroups().groups())
          .extracting(Group::groupName)
          .containsExactly("viewers");
    }
  }

  @Test
  void aGroupDenyOverridesTheUsersOwnAllowAndAGroupGrantsSts() {
    AwsBasicCredentials key = userWithKey(iam, "frank");
    iam.putUserPolicy(
        b -> b.userName("frank").policyName("iam-all").policyDocument(allow("iam:*", "*")));
    iam.createGroup(b -> b.groupName("restricted"));
    iam.addUserToGroup(b -> b.groupName("restricted").userName("frank"));
    iam.putGroupPolicy(
        b ->
            b.groupName("restricted")
                .policyName("no-roles")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"iam:ListRoles\",\"Resource\":\"*\"}]}"));
    iam.createRole(b -> b.roleName("target").assumeRolePolicyDocument(trust(ACCOUNT)));
    try (IamClient frank = server.iam(key);
        StsClient sts = server.sts(key)) {
      expectError(
          frank::listRoles,
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/frank is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::"
              + ACCOUNT
              + ":role/ with an explicit deny in an identity-based policy");
      assertThat(frank.listGroups().groups())
          .extracting(Group::groupName)
          .containsExactly("restricted");

      expectError(
          () -> sts.assumeRole(b -> b.roleArn(E2e.roleArn("target")).roleSessionName("sess")),
          "AccessDenied",
          403,
          "User: arn:aws:iam::"
              + ACCOUNT
              + ":user/frank is not authorized to perform: sts:AssumeRole on resource: "
              + E2e.roleArn("target")); // AWS's AssumeRole denials have no reason clause
      iam.putGroupPolicy(
          b ->
              b.groupName("restricted")
                  .policyName("assume")
                  .policyDocument(allow("sts:AssumeRole", E2e.roleArn("target"))));
      assertThat(
              sts.assumeRole(b -> b.roleArn(E2e.roleArn("target")).roleSessionName("sess"))
                  .assumedRoleUser()
                  .arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/target/sess");
    }
  }

  @Test
  void renamingAGroupCarriesItsMembersAndPolicies() {
    AwsBasicCredentials key = userWithKey(iam, "gina");
    Group before = iam.createGroup(b -> b.groupName("devs")).group();
    iam.addUserToGroup(b -> b.groupName("devs").userName("gina"));
    String doc = allow("iam:ListRoles", "*");
    iam.putGroupPolicy(b -> b.groupName("devs").policyName("list-roles").policyDocument(doc));
    iam.attachGroupPolicy(b -> b.groupName("devs").policyArn(READ_ONLY));

    iam.updateGroup(b -> b.groupName("devs").newGroupName("Engineers").newPath("/eng/"));

    expectError(
        () -> iam.getGroup(b -> b.groupName("devs")),
        "NoSuchEntity",
        404,
        "The group with name devs cannot be found.");
    GetGroupResponse after = iam.getGroup(b -> b.groupName("engineers"));
    assertThat(after.group().groupName()).isEqualTo("Engineers");
    assertThat(after.group().path()).isEqualTo("/eng/");
    assertThat(after.group().arn()).isEqualTo(groupArn("/eng/Engineers"));
    assertThat(after.group().groupId()).isEqualTo(before.groupId());
    assertThat(after.group().createDate()).isEqualTo(before.createDate());
    assertThat(after.users()).extracting(User::userName).containsExactly("gina");
    assertThat(iam.listGroupsForUser(b -> b.userName("gina")).groups())
        .extracting(Group::groupName)
        .containsExactly("Engineers");
    assertThat(iam.listGroupPolicies(b -> b.groupName("Engineers")).policyNames())
        .containsExactly("list-roles");
    GetGroupPolicyResponse p =
        iam.getGroupPolicy(b -> b.groupName("Engineers").policyName("list-roles"));
    assertThat(p.groupName()).isEqualTo("Engineers");
    assertThat(decoded(p.policyDocument())).isEqualTo(doc);
    assertThat(iam.listAttachedGroupPolicies(b -> b.groupName("Engineers")).attachedPolicies())
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(READ_ONLY);
    try (IamClient gina = server.iam(key)) {
      assertThat(gina.listRoles().roles()).isEmpty(); // the policies still apply to the member
    }

    // a new group under the old name starts empty
    iam.createGroup(b -> b.groupName("devs"));
    assertThat(iam.getGroup(b -> b.groupName("devs")).users()).isEmpty();
    assertThat(iam.listGroupPolicies(b -> b.groupName("devs")).policyNames()).isEmpty();
    assertThat(iam.listAttachedGroupPolicies(b -> b.groupName("devs")).attachedPolicies())
        .isEmpty();

    // only the path, or only the name's case
    iam.updateGroup(b -> b.groupName("Engineers").newPath("/"));
    assertThat(iam.getGroup(b -> b.groupName("Engineers")).group().arn())
        .isEqualTo(groupArn("/Engineers"));
    iam.updateGroup(b -> b.groupName("Engineers").newGroupName("ENGINEERS"));
    assertThat(iam.getGroup(b -> b.groupName("engineers")).group().groupName())
        .isEqualTo("ENGINEERS");
    assertThat(iam.getGroup(b -> b.groupName("engineers")).users())
        .extracting(User::userName)
        .containsExactly("gina");
    assertThat(iam.listGroupPolicies(b -> b.groupName("engineers")).policyNames())
        .containsExactly("list-roles");
  }

  @Test
  void tearingDownAGroupAndItsMemberInAwsOrder() {
    iam.createGroup(b -> b.groupName("temp"));
    iam.createUser(b -> b.userName("hank"));
    iam.addUserToGroup(b -> b.groupName("temp").userName("hank"));
    iam.putGroupPolicy(b -> b.groupName("temp").policyName("p").policyDocument(allow("s3:*", "*")));
    iam.attachGroupPolicy(b -> b.groupName("temp").policyArn(READ_ONLY));

    expectError(
        () -> iam.deleteUser(b -> b.userName("hank")),
        "DeleteConflict",
        409,
        "Cannot delete entity, must remove users from group first.");
    expectError(
        () -> iam.deleteGroup(b -> b.groupName("temp")),
        "DeleteConflict",
        409,
        "Cannot delete entity, must remove users from group first.");
    iam.removeUserFromGroup(b -> b.groupName("temp").userName("hank"));
    iam.deleteUser(b -> b.userName("hank"));
    expectError(
        () -> iam.deleteGroup(b -> b.groupName("temp")),
        "DeleteConflict",
        409,
        "Cannot delete entity, must delete policies first.");
    iam.deleteGroupPolicy(b -> b.groupName("temp").policyName("p"));
    expectError(
        () -> iam.deleteGroup(b -> b.groupName("temp")),
        "DeleteConflict",
        409,
        "Cannot delete entity, must detach all policies first.");
    iam.detachGroupPolicy(b -> b.groupName("temp").policyArn(READ_ONLY));
    iam.deleteGroup(b -> b.groupName("temp"));
    assertThat(iam.listGroups().groups()).isEmpty();
  }
}
