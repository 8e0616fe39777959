package dev.rolegate.core.auth;

import static dev.rolegate.core.auth.AuthFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.model.User;
import dev.rolegate.core.testing.InMemoryStore;
import dev.rolegate.policy.ContextValue;
import dev.rolegate.policy.RequestContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CallerContext}: the global keys AWS sets for each kind of caller, and aws:PrincipalTag/*
 * read once per request.
 */
class CallerContextTest {
  private static Map<String, List<String>> keys(RequestContext ctx) {
    Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, ContextValue> e : ctx.values().entrySet()) {
      out.put(e.getKey(), e.getValue().values());
    }
    return out;
  }

  /** The keys every caller gets from the transport (AuthFixtures.info()). */
  private static Map<String, List<String>> transport() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("aws:CurrentTime", List.of("2026-03-04T05:06:07Z"));
    m.put("aws:EpochTime", List.of(Long.toString(NOW.getEpochSecond())));
    m.put("aws:SecureTransport", List.of("true"));
    m.put("aws:RequestedRegion", List.of("eu-west-1"));
    m.put("aws:ViaAWSService", List.of("false"));
    m.put("aws:PrincipalIsAWSService", List.of("false"));
    m.put("aws:SourceIp", List.of("192.0.2.10"));
    m.put("aws:UserAgent", List.of("aws-cli/2"));
    return m;
  }

  private static Map<String, List<String>> expected(Map<String, List<String>> own) {
    Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    m.putAll(transport());
    m.putAll(own);
    return m;
  }

  static Stream<Arguments> callers() {
    Session mfa =
        new Session(
            "GetSessionToken",
            NOW.minusSeconds(600),
            NOW.plusSeconds(3000),
            null,
            List.of(),
            List.of(),
            List.of(),
            "dev-42",
            NOW.minusSeconds(90),
            null);
    return Stream.of(
        Arguments.of(
            "user",
            userCaller("alice"),
            Map.of(
                "aws:PrincipalArn",
                List.of(userArn("alice")),
                "aws:PrincipalAccount",
                List.of(ACCOUNT),
                "aws:PrincipalType",
                List.of("User"),
                "aws:userid",
                List.of(userId("alice")),
                "aws:username",
                List.of("alice"))),
        Arguments.of(
            "root",
            root(),
            Map.of(
                "aws:PrincipalArn",
                List.of("arn:aws:iam::123456789012:root"),
                "aws:PrincipalAccount",
                List.of(ACCOUNT),
                "aws:PrincipalType",
                List.of("Account"),
                "aws:userid",
                List.of(ACCOUNT))),
        Arguments.of(
            "role session",
            roleSession("app", null, List.of()),
            Map.of(
                "aws:PrincipalArn",
                List.of(roleArn("app")),
                "aws:PrincipalAccount",
                List.of(ACCOUNT),
                "aws:PrincipalType",
                List.of("AssumedRole"),
                "aws:userid",
                List.of(roleId("app") + ":s1"),
                "aws:TokenIssueTime",
                List.of("2026-03-04T05:05:07Z"),
                "aws:MultiFactorAuthPresent",
                List.of("false"))),
        Arguments.of(
            "federated user",
            federated("fed", "alice", null),
            Map.of(
                "aws:PrincipalArn",
                List.of("arn:aws:sts::123456789012:federated-user/fed"),
                "aws:PrincipalAccount",
                List.of(ACCOUNT),
                "aws:PrincipalType",
                List.of("FederatedUser"),
                "aws:userid",
                List.of(ACCOUNT + ":fed"),
                "aws:TokenIssueTime",
                List.of("2026-03-04T05:05:07Z"),
                "aws:MultiFactorAuthPresent",
                List.of("false"))),
        Arguments.of(
            "session with MFA and a source identity",
            userCaller("alice").withSession("ASIAEXAMPLE", mfa),
            Map.of(
                "aws:PrincipalArn",
                List.of(userArn("alice")),
                "aws:PrincipalAccount",
                List.of(ACCOUNT),
                "aws:PrincipalType",
                List.of("User"),
                "aws:userid",
                List.of(userId("alice")),
                "aws:username",
                List.of("alice"),
                "aws:TokenIssueTime",
                List.of("2026-03-04T04:56:07Z"),
                "aws:MultiFactorAuthPresent",
                List.of("true"),
                "aws:MultiFactorAuthAge",
                List.of("90"),
                "aws:SourceIdentity",
                List.of("dev-42"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("callers")
  void theGlobalKeysOfEachKindOfCaller(String name, Caller caller, Map<String, List<String>> own) {
    RequestContext ctx = CallerContext.of(caller, info(), "iam:GetRole", roleArn("app")).build();
    assertThat(keys(ctx)).as(name).isEqualTo(expected(own));
    assertThat(ctx.principal().arn()).isEqualTo(caller.arn());
    assertThat(ctx.action()).isEqualTo("iam:GetRole");
    assertThat(ctx.resource()).isEqualTo(roleArn("app"));
  }

  @Test
  void noSourceIpOrUserAgentWhenTheTransportHasNone() {
    RequestInfo bare =
        new RequestInfo("req-2", null, false, null, null, Instant.parse("2026-03-04T05:06:07Z"));
    Map<String, List<String>> keys =
        keys(CallerContext.of(root(), bare, "iam:GetRole", "*").build());
    assertThat(keys).doesNotContainKeys("aws:SourceIp", "aws:UserAgent");
    assertThat(keys)
        .containsEntry("aws:RequestedRegion", List.of("us-east-1"))
        .containsEntry("aws:SecureTransport", List.of("false"));
  }

  @Test
  void principalTagsAreTheUsersOrRolesOverriddenBySessionTagsWithoutRegardToCase() {
    InMemoryStore store = new InMemoryStore();
    store.write(
        r -> {
          user(r, "alice", null, new Tag("team", "red"), new Tag("cost", "42"));
          role(r, "app", null, new Tag("Team", "ops"), new Tag("tier", "1"));
          return null;
        });
    store.read(
        r -> {
          assertThat(CallerContext.principalTags(r, userCaller("alice"), info()))
              .containsExactly(Map.entry("team", "red"), Map.entry("cost", "42"));
          assertThat(
                  CallerContext.principalTags(
                      r, roleSession("app", null, List.of(), new Tag("TEAM", "blue")), info()))
              .containsExactly(Map.entry("tier", "1"), Map.entry("TEAM", "blue"));
          assertThat(CallerContext.principalTags(r, root(), info())).isEmpty();
          RequestContext ctx =
              CallerContext.of(r, userCaller("alice"), info(), "iam:GetRole", "*").build();
          assertThat(keys(ctx))
              .containsEntry("aws:PrincipalTag/team", List.of("red"))
              .containsEntry("aws:PrincipalTag/cost", List.of("42"));
          return null;
        });
  }

  @Test
  void principalTagsAreReadOncePerRequest() {
    InMemoryStore store = new InMemoryStore();
    store.write(r -> user(r, "alice", null, new Tag("team", "red")));
    Caller alice = userCaller("alice");
    RequestInfo request = info();
    Authorizer authorizer = new Authorizer(catalog());
    assertThat(
            store.<Map<String, List<String>>>read(
                r -> keys(authorizer.context(r, alice, request, "iam:GetRole", "*").build())))
        .containsEntry("aws:PrincipalTag/team", List.of("red"));
    store.write(
        r -> {
          User u = r.users().findByName(ACCOUNT, "alice").orElseThrow();
          r.users()
              .update(
                  new User(
                      u.accountId(),
                      u.userId(),
                      u.name(),
                      u.path(),
                      u.permissionsBoundaryArn(),
                      List.of(new Tag("team", "blue")),
                      u.createDate()));
          return null;
        });
    // the same request evaluates again: the tags it read; the next request reads them anew
    assertThat(
            store.<Map<String, List<String>>>read(
                r -> keys(authorizer.context(r, alice, request, "sts:AssumeRole", "*").build())))
        .containsEntry("aws:PrincipalTag/team", List.of("red"));
    assertThat(store.<Map<String, String>>read(r -> authorizer.principalTags(r, alice, request)))
        .containsExactly(Map.entry("team", "red"));
    assertThat(store.<Map<String, String>>read(r -> authorizer.principalTags(r, alice, info())))
        .containsExactly(Map.entry("team", "blue"));
  }

  @Test
  void theMemoIsKeptPerCaller() {
    RequestScope scope = new RequestScope();
    Caller alice = userCaller("alice");
    Caller app = roleSession("app", null, List.of());
    int[] reads = new int[1];
    for (int i = 0; i < 3; i++) {
      assertThat(
              scope.principalTags(
                  alice,
                  () -> {
                    reads[0]++;
                    return Map.of("who", "alice");
                  }))
          .containsEntry("who", "alice");
      assertThat(
              scope.principalTags(
                  app,
                  () -> {
                    reads[0]++;
                    return Map.of("who", "app");
                  }))
          .containsEntry("who", "app");
    }
    assertThat(reads[0]).isEqualTo(2);
  }

  @Test
  void aRoleSessionKeepsItsRolesTagsUnderTheRolesCurrentRow() {
    InMemoryStore store = new InMemoryStore();
    store.write(r -> role(r, "app", null, new Tag("tier", "1")));
    Role stored = store.read(r -> r.roles().findByName(ACCOUNT, "APP").orElseThrow());
    assertThat(stored.tags()).containsExactly(new Tag("tier", "1"));
    assertThat(
            store.<Map<String, String>>read(
                r -> CallerContext.principalTags(r, roleSession("app", null, List.of()), info())))
        .containsExactly(Map.entry("tier", "1"));
  }
}
