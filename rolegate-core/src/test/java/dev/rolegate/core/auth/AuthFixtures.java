package dev.rolegate.core.auth;

import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PolicyVersion;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.model.User;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.port.Repositories;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Principals, sessions and policies for the authorizer's unit tests (one account, a fixed instant).
 */
final class AuthFixtures {
  static final String ACCOUNT = "123456789012";
  static final Instant NOW = Instant.parse("2026-03-04T05:06:07.890Z");
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";

  private AuthFixtures() {}

  private static AwsManagedCatalog catalog;

  /**
   * The AWS managed policy catalog, loaded once for all the tests of the JVM (it takes a while).
   */
  static synchronized AwsManagedCatalog catalog() {
    if (catalog == null) {
      catalog = AwsManagedCatalog.load();
    }
    return catalog;
  }

  /** A request of its own (its own scope). */
  static RequestInfo info() {
    return new RequestInfo("req-1", "192.0.2.10", true, "eu-west-1", "aws-cli/2", NOW);
  }

  /** One statement: effect, sid, the actions, on every resource. */
  static String statement(String effect, String sid, String... actions) {
    return "{\"Sid\":\""
        + sid
        + "\",\"Effect\":\""
        + effect
        + "\",\"Action\":["
        + Arrays.stream(actions).map(a -> "\"" + a + "\"").collect(Collectors.joining(","))
        + "],\"Resource\":\"*\"}";
  }

  static String document(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  static String allow(String sid, String... actions) {
    return document(statement("Allow", sid, actions));
  }

  static String deny(String sid, String... actions) {
    return document(statement("Deny", sid, actions));
  }

  static String userArn(String name) {
    return Arns.user(ACCOUNT, "/", name);
  }

  static String roleArn(String name) {
    return Arns.role(ACCOUNT, "/", name);
  }

  static String policyArn(String name) {
    return Arns.policy(ACCOUNT, "/", name);
  }

  static String userId(String name) {
    return "AIDA" + name.toUpperCase(java.util.Locale.ROOT) + "0000000000";
  }

  static String roleId(String name) {
    return "AROA" + name.toUpperCase(java.util.Locale.ROOT) + "0000000000";
  }

  // the store

  static User user(Repositories r, String name, String boundaryArn, Tag... tags) {
    User u = new User(ACCOUNT, userId(name), name, "/", boundaryArn, List.of(tags), NOW);
    r.users().insert(u);
    return u;
  }

  static Role role(Repositories r, String name, String boundaryArn, Tag... tags) {
    Role role =
        new Role(
            ACCOUNT,
            roleId(name),
            name,
            "/",
            TRUST,
            null,
            3600,
            boundaryArn,
            List.of(tags),
            NOW,
            null,
            null);
    r.roles().insert(role);
    return role;
  }

  static void group(Repositories r, String name, String... members) {
    r.groups()
        .insert(
            new Group(
                ACCOUNT,
                "AGPA" + name.toUpperCase(java.util.Locale.ROOT) + "0000000000",
                name,
                "/",
                NOW));
    for (String m : members) {
      r.groups().addMember(ACCOUNT, name, m);
    }
  }

  static void inline(
      Repositories r, PrincipalType type, String owner, String name, String document) {
    r.inlinePolicies().put(new InlinePolicy(ACCOUNT, type, owner, name, document));
  }

  /** A customer managed policy with one version (v1, the default); its ARN. */
  static String managed(Repositories r, String name, String document) {
    ManagedPolicy p =
        new ManagedPolicy(
            ACCOUNT,
            "ANPA" + name.toUpperCase(java.util.Locale.ROOT) + "0000000000",
            name,
            "/",
            null,
            "v1",
            2,
            List.of(),
            NOW,
            NOW);
    r.managedPolicies().insert(p);
    r.managedPolicies().insertVersion(new PolicyVersion(p.arn(), "v1", document, NOW));
    return p.arn();
  }

  static void attach(Repositories r, PrincipalType type, String owner, String arn) {
    r.attachments().attach(ACCOUNT, type, owner, arn);
  }

  // callers

  /** A user signing with a long-term key. */
  static Caller userCaller(String name) {
    return new Caller(
        Caller.Kind.USER,
        ACCOUNT,
        userArn(name),
        userId(name),
        userArn(name),
        name,
        null,
        "AKIAEXAMPLE",
        null);
  }

  /** A user's GetSessionToken credentials. */
  static Caller sessionTokenCaller(String name) {
    return userCaller(name)
        .withSession("ASIAEXAMPLE", session("GetSessionToken", null, List.of(), List.of(), null));
  }

  static Session session(
      String origin,
      String policy,
      List<String> policyArns,
      List<Tag> tags,
      String parentUserName) {
    return new Session(
        origin,
        NOW.minusSeconds(60),
        NOW.plusSeconds(3600),
        policy,
        policyArns,
        tags,
        List.of(),
        null,
        null,
        parentUserName);
  }

  /** A session of the role with the given session policies and tags. */
  static Caller roleSession(String role, String policy, List<String> policyArns, Tag... tags) {
    String arn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/s1";
    return new Caller(
        Caller.Kind.ASSUMED_ROLE,
        ACCOUNT,
        arn,
        roleId(role) + ":s1",
        roleArn(role),
        role,
        "s1",
        "ASIAEXAMPLE",
        session("AssumeRole", policy, policyArns, List.of(tags), null));
  }

  /**
   * A federated user (GetFederationToken) of the parent user (null: of the root user) with the
   * session policy.
   */
  static Caller federated(String name, String parent, String policy) {
    String arn = "arn:aws:sts::" + ACCOUNT + ":federated-user/" + name;
    return new Caller(
        Caller.Kind.FEDERATED_USER,
        ACCOUNT,
        arn,
        ACCOUNT + ":" + name,
        arn,
        name,
        null,
        "ASIAEXAMPLE",
        session("GetFederationToken", policy, List.of(), List.of(), parent));
  }

  static Caller root() {
    return Caller.root(ACCOUNT, "AKIAROOT");
  }

  /** An AssumeRoot session with the task policy. */
  static Caller assumeRoot(String taskPolicyArn) {
    return root()
        .withSession(
            "ASIAROOT",
            session(Session.ASSUME_ROOT, null, List.of(taskPolicyArn), List.of(), null));
  }
}
