package dev.rolegate.core.auth;

import static dev.rolegate.core.auth.AuthFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PolicyVersion;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.core.testing.InMemoryStore;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Authorizer#require} for each combination of policy types, against the in-memory store:
 * what is allowed, AWS's AccessDenied sentence for what is not, and the decision record (reason and
 * deciding statements).
 */
class AuthorizerTest {
  private static final String AWS_READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
  private static final String AUDIT_ROOT =
      "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials";
  private static final String GET_ROLE = "iam:GetRole";
  private static final String APP = roleArn("app");
  private static final String ALICE = userArn("alice");

  private static final AwsManagedCatalog catalog = catalog();

  /**
   * One case: what the store holds, who asks for what, and either the deciding statements of an
   * allow ({@code denial} null; one per policy type that had to allow) or AWS's AccessDenied
   * sentence with the statements that decided it (none for an implicit deny).
   */
  record Case(
      String name,
      Consumer<Repositories> seed,
      Caller caller,
      String action,
      String resource,
      String denial,
      List<String> deciding) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case allowed(
      String name,
      Consumer<Repositories> seed,
      Caller caller,
      String action,
      String resource,
      String... deciding) {
    return new Case(name, seed, caller, action, resource, null, List.of(deciding));
  }

  static Case denied(
      String name,
      Consumer<Repositories> seed,
      Caller caller,
      String action,
      String resource,
      String denial,
      String... deciding) {
    return new Case(name, seed, caller, action, resource, denial, List.of(deciding));
  }

  private static String noIdentity(String principal, String action, String shown) {
    return "User: "
        + principal
        + " is not authorized to perform: "
        + action
        + " on resource: "
        + shown
        + " because no identity-based policy allows the "
        + action
        + " action";
  }

  static Stream<Case> cases() {
    String readRole = allow("GetRole", GET_ROLE);
    String all = allow("All", "iam:*");
    return Stream.of(
        // identity policies of a user
        denied(
            "no policy: implicit deny",
            r -> user(r, "alice", null),
            userCaller("alice"),
            GET_ROLE,
            APP,
            noIdentity(ALICE, GET_ROLE, "role app")),
        allowed(
            "inline allow",
            r -> {
              user(r, "alice", null);
              inline(r, PrincipalType.USER, "alice", "Read", readRole);
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            "alice/Read/GetRole"),
        denied(
            "inline allow of another action: implicit deny",
            r -> {
              user(r, "alice", null);
              inline(r, PrincipalType.USER, "alice", "List", allow("List", "iam:ListRoles"));
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            noIdentity(ALICE, GET_ROLE, "role app")),
        denied(
            "explicit deny beats an allow",
            r -> {
              user(r, "alice", null);
              inline(r, PrincipalType.USER, "alice", "All", all);
              inline(r, PrincipalType.USER, "alice", "Guard", deny("NoGetRole", GET_ROLE));
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            "User: "
                + ALICE
                + " is not authorized to perform: iam:GetRole on resource: role app with an explicit deny in an identity-based policy",
            "alice/Guard/NoGetRole"),
        allowed(
            "attached customer managed allow",
            r -> {
              user(r, "alice", null);
              attach(r, PrincipalType.USER, "alice", managed(r, "Readers", readRole));
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            policyArn("Readers") + "/GetRole"),
        denied(
            "customer managed: the default version applies, not an older one",
            r -> {
              user(r, "alice", null);
              String arn = managed(r, "Readers", readRole);
              r.managedPolicies()
                  .insertVersion(new PolicyVersion(arn, "v2", allow("List", "iam:ListRoles"), NOW));
              ManagedPolicy p = r.managedPolicies().findByArn(arn).orElseThrow();
              r.managedPolicies()
                  .update(
                      new ManagedPolicy(
                          p.accountId(),
                          p.policyId(),
                          p.name(),
                          p.path(),
                          p.description(),
                          "v2",
                          3,
                          p.tags(),
                          p.createDate(),
                          NOW));
              attach(r, PrincipalType.USER, "alice", arn);
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            noIdentity(ALICE, GET_ROLE, "role app")),
        denied(
            "an attached policy that no longer exists grants nothing",
            r -> {
              user(r, "alice", null);
              attach(r, PrincipalType.USER, "alice", policyArn("Gone"));
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            noIdentity(ALICE, GET_ROLE, "role app")),
        allowed(
            "attached AWS managed allow",
            r -> {
              user(r, "alice", null);
              attach(r, PrincipalType.USER, "alice", AWS_READ_ONLY);
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            AWS_READ_ONLY + "#0"),
        denied(
            "attached AWS managed read-only: a write is denied, the new role shown by its ARN",
            r -> {
              user(r, "alice", null);
              attach(r, PrincipalType.USER, "alice", AWS_READ_ONLY);
            },
            userCaller("alice"),
            "iam:CreateRole",
            APP,
            noIdentity(ALICE, "iam:CreateRole", APP)),
        // groups
        allowed(
            "group inline allow",
            r -> {
              user(r, "alice", null);
              group(r, "devs", "alice");
              inline(r, PrincipalType.GROUP, "devs", "Read", readRole);
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            "devs/Read/GetRole"),
        allowed(
            "group attached managed allow",
            r -> {
              user(r, "alice", null);
              group(r, "devs", "alice");
              attach(r, PrincipalType.GROUP, "devs", managed(r, "Readers", readRole));
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            policyArn("Readers") + "/GetRole"),
        denied(
            "a group's deny beats the user's allow",
            r -> {
              user(r, "alice", null);
              inline(r, PrincipalType.USER, "alice", "All", all);
              group(r, "devs", "alice");
              inline(r, PrincipalType.GROUP, "devs", "Guard", deny("NoGetRole", GET_ROLE));
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            "User: "
                + ALICE
                + " is not authorized to perform: iam:GetRole on resource: role app with an explicit deny in an identity-based policy",
            "devs/Guard/NoGetRole"),
        denied(
            "a group the user is not in does not apply",
            r -> {
              user(r, "alice", null);
              user(r, "bob", null);
              group(r, "devs", "bob");
              inline(r, PrincipalType.GROUP, "devs", "Read", readRole);
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            noIdentity(ALICE, GET_ROLE, "role app")),
        // permissions boundary
        denied(
            "boundary: identity allows, the boundary does not",
            r -> {
              user(r, "alice", managed(r, "Boundary", allow("List", "iam:ListRoles")));
              inline(r, PrincipalType.USER, "alice", "All", all);
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            "User: "
                + ALICE
                + " is not authorized to perform: iam:GetRole on resource: role app because no permissions boundary allows the iam:GetRole action"),
        denied(
            "boundary: the boundary allows, identity does not",
            r -> {
              user(r, "alice", managed(r, "Boundary", all));
              inline(r, PrincipalType.USER, "alice", "List", allow("List", "iam:ListRoles"));
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            noIdentity(ALICE, GET_ROLE, "role app")),
        allowed(
            "boundary: both allow",
            r -> {
              user(r, "alice", managed(r, "Boundary", all));
              inline(r, PrincipalType.USER, "alice", "Read", readRole);
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            "alice/Read/GetRole",
            policyArn("Boundary") + "/All"),
        denied(
            "boundary: an explicit deny in it",
            r -> {
              user(
                  r,
                  "alice",
                  managed(
                      r,
                      "Boundary",
                      document(
                          statement("Allow", "All", "iam:*"),
                          statement("Deny", "NoGetRole", GET_ROLE))));
              inline(r, PrincipalType.USER, "alice", "All", all);
            },
            userCaller("alice"),
            GET_ROLE,
            APP,
            "User: "
                + ALICE
                + " is not authorized to perform: iam:GetRole on resource: role app with an explicit deny in a permissions boundary",
            policyArn("Boundary") + "/NoGetRole"),
        // role sessions and session policies
        allowed(
            "role session without session policies: the role's permissions",
            r -> {
              role(r, "app", null);
              inline(r, PrincipalType.ROLE, "app", "Read", readRole);
            },
            roleSession("app", null, List.of()),
            GET_ROLE,
            APP,
            "app/Read/GetRole"),
        denied(
            "role session: the role's boundary applies",
            r -> {
              role(r, "app", managed(r, "Boundary", allow("List", "iam:ListRoles")));
              inline(r, PrincipalType.ROLE, "app", "All", all);
            },
            roleSession("app", null, List.of()),
            GET_ROLE,
            APP,
            "User: arn:aws:sts::123456789012:assumed-role/app/s1 is not authorized to perform: iam:GetRole on resource: role app because no permissions boundary allows the iam:GetRole action"),
        denied(
            "inline session policy intersects: it does not allow",
            r -> {
              role(r, "app", null);
              inline(r, PrincipalType.ROLE, "app", "All", all);
            },
            roleSession("app", allow("List", "iam:ListRoles"), List.of()),
            GET_ROLE,
            APP,
            "User: arn:aws:sts::123456789012:assumed-role/app/s1 is not authorized to perform: iam:GetRole on resource: role app because no session policy allows the iam:GetRole action"),
        allowed(
            "inline session policy intersects: both allow",
            r -> {
              role(r, "app", null);
              inline(r, PrincipalType.ROLE, "app", "All", all);
            },
            roleSession("app", readRole, List.of()),
            GET_ROLE,
            APP,
            "app/All/All",
            "session-policy/GetRole"),
        denied(
            "session policy allows, the role does not",
            r -> role(r, "app", null),
            roleSession("app", all, List.of()),
            GET_ROLE,
            APP,
            noIdentity("arn:aws:sts::123456789012:assumed-role/app/s1", GET_ROLE, "role app")),
        allowed(
            "managed session policy (customer managed) allows",
            r -> {
              role(r, "app", null);
              inline(r, PrincipalType.ROLE, "app", "All", all);
              managed(r, "SessionRead", readRole);
            },
            roleSession("app", null, List.of(policyArn("SessionRead"))),
            GET_ROLE,
            APP,
            "app/All/All",
            policyArn("SessionRead") + "/GetRole"),
        allowed(
            "managed session policy (AWS managed) allows",
            r -> {
              role(r, "app", null);
              inline(r, PrincipalType.ROLE, "app", "All", all);
            },
            roleSession("app", null, List.of(AWS_READ_ONLY)),
            GET_ROLE,
            APP,
            "app/All/All",
            AWS_READ_ONLY + "#0"),
        allowed(
            "inline and managed session policies: either one allowing is enough",
            r -> {
              role(r, "app", null);
              inline(r, PrincipalType.ROLE, "app", "All", all);
              managed(r, "SessionList", allow("List", "iam:ListRoles"));
            },
            roleSession("app", readRole, List.of(policyArn("SessionList"))),
            GET_ROLE,
            APP,
            "app/All/All",
            "session-policy/GetRole"),
        denied(
            "session policies that no longer resolve grant nothing",
            r -> {
              role(r, "app", null);
              inline(r, PrincipalType.ROLE, "app", "All", all);
            },
            roleSession("app", null, List.of(policyArn("Deleted"))),
            GET_ROLE,
            APP,
            "User: arn:aws:sts::123456789012:assumed-role/app/s1 is not authorized to perform: iam:GetRole on resource: role app because no session policy allows the iam:GetRole action"),
        denied(
            "an explicit deny in a session policy",
            r -> {
              role(r, "app", null);
              inline(r, PrincipalType.ROLE, "app", "All", all);
            },
            roleSession(
                "app",
                document(
                    statement("Allow", "All", "iam:*"), statement("Deny", "NoGetRole", GET_ROLE)),
                List.of()),
            GET_ROLE,
            APP,
            "User: arn:aws:sts::123456789012:assumed-role/app/s1 is not authorized to perform: iam:GetRole on resource: role app with an explicit deny in a session policy",
            "session-policy/NoGetRole"),
        denied(
            "a role session of a deleted role has no permissions",
            r -> {},
            roleSession("app", null, List.of()),
            GET_ROLE,
            APP,
            noIdentity("arn:aws:sts::123456789012:assumed-role/app/s1", GET_ROLE, "role app")),
        // GetSessionToken credentials: the user by its id, which a rename keeps
        allowed(
            "GetSessionToken credentials find their user by id after a rename",
            r -> {
              user(r, "alice", null);
              inline(r, PrincipalType.USER, "alice", "Read", readRole);
            },
            new Caller(
                Caller.Kind.USER,
                ACCOUNT,
                userArn("alice-before"),
                userId("alice"),
                userArn("alice-before"),
                "alice-before",
                null,
                "ASIAEXAMPLE",
                sessionTokenCaller("alice").session()),
            GET_ROLE,
            APP,
            "alice/Read/GetRole"),
        // federated users: the parent user's permissions intersected with the session policy
        allowed(
            "federated user: parent allows and the session policy allows",
            r -> {
              user(r, "alice", null);
              inline(r, PrincipalType.USER, "alice", "All", all);
            },
            federated("fed", "alice", readRole),
            GET_ROLE,
            APP,
            "alice/All/All",
            "session-policy/GetRole"),
        denied(
            "federated user: parent allows, the session policy does not",
            r -> {
              user(r, "alice", null);
              inline(r, PrincipalType.USER, "alice", "All", all);
            },
            federated("fed", "alice", readRole),
            "iam:ListRoles",
            roleArn("*"),
            "User: arn:aws:sts::123456789012:federated-user/fed is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/* because no session policy allows the iam:ListRoles action"),
        denied(
            "federated user: the session policy allows, the parent does not",
            r -> user(r, "alice", null),
            federated("fed", "alice", all),
            GET_ROLE,
            APP,
            noIdentity("arn:aws:sts::123456789012:federated-user/fed", GET_ROLE, "role app")),
        allowed(
            "federated user: the parent's groups count",
            r -> {
              user(r, "alice", null);
              group(r, "devs", "alice");
              inline(r, PrincipalType.GROUP, "devs", "All", all);
            },
            federated("fed", "alice", readRole),
            GET_ROLE,
            APP,
            "devs/All/All",
            "session-policy/GetRole"),
        allowed(
            "federated user of the root user: the root's permissions intersected with the session policy",
            r -> {},
            federated("fed", null, readRole),
            GET_ROLE,
            APP,
            "root#0",
            "session-policy/GetRole"),
        denied(
            "federated user of the root user: the session policy still limits",
            r -> {},
            federated("fed", null, readRole),
            "iam:DeleteRole",
            APP,
            "User: arn:aws:sts::123456789012:federated-user/fed is not authorized to perform: iam:DeleteRole on resource: role app because no session policy allows the iam:DeleteRole action"),
        // AssumeRoot: the root user less what the task policy denies
        allowed(
            "AssumeRoot: what the task policy leaves",
            r -> {},
            assumeRoot(AUDIT_ROOT),
            "iam:GetUser",
            "arn:aws:iam::123456789012:root",
            "root#0"),
        denied(
            "AssumeRoot: what the task policy denies",
            r -> {},
            assumeRoot(AUDIT_ROOT),
            "iam:CreateUser",
            ALICE,
            "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:CreateUser on resource: "
                + ALICE
                + " with an explicit deny in an identity-based policy",
            AUDIT_ROOT + "/DenyAllOtherActionsOnAnyResource"),
        denied(
            "AssumeRoot: a task policy that does not resolve denies everything",
            r -> {},
            assumeRoot("arn:aws:iam::aws:policy/root-task/NoSuchTask"),
            "iam:GetUser",
            "arn:aws:iam::123456789012:root",
            "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:GetUser on resource: arn:aws:iam::123456789012:root"
                + " with an explicit deny in an identity-based policy",
            "task-policy#0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesEachCombinationOfPolicyTypes(Case c) {
    InMemoryStore store = new InMemoryStore();
    store.write(
        r -> {
          c.seed().accept(r);
          return null;
        });
    Authorizer authorizer = new Authorizer(catalog);
    RequestInfo info = info();
    AwsServiceException e =
        store.read(
            r ->
                catchThrowableOfType(
                    AwsServiceException.class,
                    () -> authorizer.require(r, c.caller(), info, c.action(), c.resource())));
    assertThat(info.scope().decided()).isTrue();
    DecisionLog.Entry entry = authorizer.decisions().recent(null, null, 10).get(0);
    assertThat(entry.principal()).isEqualTo(c.caller().arn());
    assertThat(entry.action()).isEqualTo(c.action());
    assertThat(entry.deciding()).isEqualTo(c.deciding());
    if (c.denial() == null) {
      assertThat(e).isNull();
      assertThat(entry.outcome()).isEqualTo("allowed");
      assertThat(entry.decision()).isEqualTo("Allow");
      assertThat(entry.reason()).isEmpty();
    } else {
      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo(AwsErrorCode.ACCESS_DENIED);
      assertThat(e.getMessage()).isEqualTo(c.denial());
      assertThat(entry.outcome()).isEqualTo("denied");
      assertThat(c.denial())
          .endsWith(" " + entry.reason()); // the message carries the recorded reason
      assertThat(entry.decision())
          .isEqualTo(c.deciding().isEmpty() ? "ImplicitDeny" : "ExplicitDeny");
    }
  }

  @Test
  void theRootUserIsAllowedWithoutAnEvaluationButTheRequestCountsAsDecided() {
    InMemoryStore store = new InMemoryStore();
    Authorizer authorizer = new Authorizer(catalog);
    RequestInfo info = info();
    store.read(
        r -> {
          authorizer.require(r, root(), info, "iam:CreateUser", ALICE);
          return null;
        });
    assertThat(info.scope().decided()).isTrue();
    assertThat(authorizer.decisions().recent(null, null, 10)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Enforcement.class)
  void theEnforcementModeDecidesWhatADenialDoes(Enforcement mode) {
    InMemoryStore store = new InMemoryStore();
    store.write(r -> user(r, "alice", null));
    Authorizer authorizer = new Authorizer(catalog, mode, false);
    RequestInfo info = info();
    Runnable call =
        () ->
            store.read(
                r -> {
                  authorizer.require(r, userCaller("alice"), info, GET_ROLE, APP);
                  return null;
                });
    List<DecisionLog.Entry> recorded;
    switch (mode) {
      case ENFORCE -> {
        assertThatThrownBy(call::run)
            .isInstanceOf(AwsServiceException.class)
            .hasMessage(noIdentity(ALICE, GET_ROLE, "role app"));
        recorded = authorizer.decisions().recent(null, null, 10);
        assertThat(recorded).extracting(DecisionLog.Entry::outcome).containsExactly("denied");
      }
      case AUDIT -> {
        call.run(); // let through
        recorded = authorizer.decisions().recent(null, null, 10);
        assertThat(recorded).extracting(DecisionLog.Entry::outcome).containsExactly("audited");
        assertThat(recorded.get(0).reason())
            .isEqualTo("because no identity-based policy allows the iam:GetRole action");
      }
      case OFF -> {
        call.run(); // nothing evaluated, nothing recorded
        assertThat(authorizer.decisions().recent(null, null, 10)).isEmpty();
      }
    }
    assertThat(authorizer.enforcement()).isEqualTo(mode);
    assertThat(info.scope().decided()).isTrue();
  }

  @Test
  void aDenialRecordsTheConditionsThatFailedWithTheRequestsValues() {
    InMemoryStore store = new InMemoryStore();
    store.write(
        r -> {
          user(r, "alice", null, new Tag("team", "red"));
          inline(
              r,
              PrincipalType.USER,
              "alice",
              "Team",
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Blue\",\"Effect\":\"Allow\","
                  + "\"Action\":\"iam:GetRole\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}}]}");
          return null;
        });
    Authorizer authorizer = new Authorizer(catalog);
    assertThatThrownBy(
            () ->
                store.read(
                    r -> {
                      authorizer.require(r, userCaller("alice"), info(), GET_ROLE, APP);
                      return null;
                    }))
        .hasMessage(noIdentity(ALICE, GET_ROLE, "role app"));
    DecisionLog.Entry entry = authorizer.decisions().recent(ALICE, GET_ROLE, 1).get(0);
    assertThat(entry.failedConditions())
        .containsExactly(
            "alice/Team/Blue: StringEquals aws:PrincipalTag/team request=[red] policy=[blue]");
    assertThat(entry.deciding()).isEmpty();
  }

  @Test
  void requireWithEvaluatesTheActionsOwnKeys() {
    InMemoryStore store = new InMemoryStore();
    store.write(
        r -> {
          user(r, "alice", null);
          inline(
              r,
              PrincipalType.USER,
              "alice",
              "Tagged",
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Env\",\"Effect\":\"Allow\","
                  + "\"Action\":\"iam:TagRole\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:RequestTag/env\":\"dev\"}}}]}");
          return null;
        });
    Authorizer authorizer = new Authorizer(catalog);
    Caller alice = userCaller("alice");
    store.read(
        r -> {
          RequestInfo info = info();
          authorizer.requireWith(
              r,
              alice,
              info,
              "iam:TagRole",
              APP,
              authorizer
                  .context(r, alice, info, "iam:TagRole", APP)
                  .put("aws:RequestTag/env", "dev"));
          RequestInfo other = info();
          assertThatThrownBy(
                  () ->
                      authorizer.requireWith(
                          r,
                          alice,
                          other,
                          "iam:TagRole",
                          APP,
                          authorizer
                              .context(r, alice, other, "iam:TagRole", APP)
                              .put("aws:RequestTag/env", "prod")))
              .hasMessage(noIdentity(ALICE, "iam:TagRole", "role app"));
          return null;
        });
    assertThat(authorizer.decisions().recent(null, null, 10))
        .extracting(DecisionLog.Entry::outcome)
        .containsExactly("denied", "allowed");
  }

  @Test
  void compilesAStoredDocumentOnceAndAnInvalidOneToNothing() {
    Authorizer authorizer = new Authorizer(catalog);
    String doc = allow("GetRole", GET_ROLE);
    assertThat(authorizer.compile("p", doc, dev.rolegate.policy.PolicyKind.IDENTITY))
        .isSameAs(authorizer.compile("p", doc, dev.rolegate.policy.PolicyKind.IDENTITY));
    assertThat(authorizer.compile("p", doc, dev.rolegate.policy.PolicyKind.SESSION))
        .isNotSameAs(authorizer.compile("p", doc, dev.rolegate.policy.PolicyKind.IDENTITY));
    assertThat(
            authorizer.compile(
                "bad",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\"}]}",
                dev.rolegate.policy.PolicyKind.IDENTITY))
        .isNull();
  }
}
