package dev.rolegate.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.Ids;
import dev.rolegate.core.auth.Authorizer;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.DecisionLog;
import dev.rolegate.core.auth.MfaVerifier;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.auth.Session;
import dev.rolegate.core.auth.SessionClaims;
import dev.rolegate.core.auth.SessionTokens;
import dev.rolegate.core.crypto.Keyring;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.testing.InMemoryStore;
import dev.rolegate.core.testing.TestClock;
import dev.rolegate.core.testing.TestIam;
import dev.rolegate.policy.ContextValue;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The STS rules {@link RoleSessionIssuer} owns (docs/STS.md), one table each, against the in-memory
 * store and a fixed clock: trust per principal kind, {@code sts:TagSession} and {@code
 * sts:SetSourceIdentity} evaluated only when used, durations, transitive tags and the source
 * identity through chains, the packed size, RoleLastUsed; and, through {@link StsService},
 * AssumeRole's own keys (ExternalId, RoleSessionName) and its MFA code.
 */
class RoleSessionIssuerTest {
  private static final String A = "111122223333";
  private static final String B = "444455556666";
  private static final AwsManagedCatalog CATALOG = TestIam.catalog();
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final String OIDC = "arn:aws:iam::" + A + ":oidc-provider/issuer.example.com";
  private static final String SAML = "arn:aws:iam::" + A + ":saml-provider/Corp";

  private final TestClock clock = new TestClock(T0);
  private final InMemoryStore store = new InMemoryStore();
  private final Authorizer authorizer = new Authorizer(CATALOG);
  private final IamContext iam = new IamContext(store, authorizer, CATALOG, new Ids(), clock);
  private final SecureRandom random = new SecureRandom();
  private final Keyring ring = Keyring.generate(random, T0);
  private final SessionTokens tokens = new SessionTokens(() -> ring, random);
  private final RoleSessionIssuer issuer =
      new RoleSessionIssuer(iam, new CredentialMinter(iam.ids(), tokens));

  // ---- fixtures

  private static String arn(String roleName) {
    return "arn:aws:iam::" + A + ":role/" + roleName;
  }

  private static Caller user(String name) {
    String arn = "arn:aws:iam::" + A + ":user/" + name;
    return new Caller(
        Caller.Kind.USER,
        A,
        arn,
        "AIDA" + name.toUpperCase(Locale.ROOT),
        arn,
        name,
        null,
        "AKIA" + name.toUpperCase(Locale.ROOT),
        null);
  }

  /**
   * A role session of {@code roleName} (no tags, no source identity), as its token would resolve.
   */
  private static Caller roleSession(String roleName, String sessionName) {
    Session s =
        new Session(
            "AssumeRole",
            T0.minusSeconds(60),
            T0.plusSeconds(3600),
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            null);
    return new Caller(
        Caller.Kind.ASSUMED_ROLE,
        A,
        "arn:aws:sts::" + A + ":assumed-role/" + roleName + "/" + sessionName,
        "AROA" + roleName + ":" + sessionName,
        arn(roleName),
        roleName,
        sessionName,
        "ASIAEXAMPLE",
        s);
  }

  private static String statement(String principal, String actions, String condition) {
    return "{\"Effect\":\"Allow\",\"Principal\":"
        + principal
        + ",\"Action\":"
        + actions
        + (condition == null ? "" : ",\"Condition\":" + condition)
        + "}";
  }

  private static String trust(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  private static String aws(String arn) {
    return "{\"AWS\":\"" + arn + "\"}";
  }

  private Role role(String name, String trust, int maxSessionDuration, Tag... tags) {
    Role role =
        new Role(
            A,
            "AROA" + name.toUpperCase(Locale.ROOT),
            name,
            "/",
            trust,
            null,
            maxSessionDuration,
            null,
            List.of(tags),
            T0.minusSeconds(86400),
            null,
            null);
    store.write(
        r -> {
          r.roles().insert(role);
          return null;
        });
    return role;
  }

  private Role stored(String name) {
    return store.read(r -> r.roles().findByName(A, name).orElseThrow());
  }

  private RequestInfo info(String region) {
    return new RequestInfo("req-1", "203.0.113.7", true, region, "unit-test", clock.instant());
  }

  private static SessionRequest none() {
    return SessionRequest.duration(null);
  }

  private static SessionRequest session(
      Integer duration,
      String policy,
      List<Tag> tags,
      List<String> transitive,
      String sourceIdentity) {
    return new SessionRequest(duration, policy, null, tags, transitive, sourceIdentity, null, null);
  }

  private RoleSessionIssuer.Issued issue(
      SessionPrincipal p, String action, String roleArn, String sessionName, SessionRequest s) {
    return issue(p, action, roleArn, sessionName, s, null, Map.of(), "us-east-1");
  }

  private RoleSessionIssuer.Issued issue(
      SessionPrincipal p,
      String action,
      String roleArn,
      String sessionName,
      SessionRequest s,
      Instant notAfter,
      Map<String, ContextValue> keys,
      String region) {
    return issuer.issue(
        info(region),
        new RoleSessionRequest(
            "AssumeRole", action, p, roleArn, sessionName, s, clock.instant(), notAfter, keys));
  }

  private static SessionPrincipal iam(Caller c) {
    return new SessionPrincipal.Iam(c, null);
  }

  /** The caller the issued credentials resolve to (what the next hop of a chain signs as). */
  private Caller caller(RoleSessionIssuer.Issued issued) {
    return tokens.open(issued.credentials().sessionToken()).caller();
  }

  /** The actions evaluated for the principal, oldest first. */
  private List<String> evaluated(String principal) {
    List<String> actions =
        new ArrayList<>(
            authorizer.decisions().recent(principal, null, 100).stream()
                .map(DecisionLog.Entry::action)
                .toList());
    java.util.Collections.reverse(actions);
    return actions;
  }

  private static Map<String, ContextValue> keys(String... pairs) {
    Map<String, ContextValue> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], ContextValue.single(pairs[i + 1]));
    }
    return m;
  }

  // ---- trust per principal kind

  static Stream<Arguments> trustByPrincipalKind() {
    String denyUser =
        "User: arn:aws:iam::"
            + A
            + ":user/bob is not authorized to perform: sts:AssumeRole on resource: "
            + arn("Target");
    return Stream.of(
        Arguments.of(
            "user named by the trust policy",
            iam(user("alice")),
            "sts:AssumeRole",
            arn("Target"),
            Map.of(),
            null),
        Arguments.of(
            "user not named",
            iam(user("bob")),
            "sts:AssumeRole",
            arn("Target"),
            Map.of(),
            denyUser),
        Arguments.of(
            "session of the role named",
            iam(roleSession("Source", "s1")),
            "sts:AssumeRole",
            arn("Target"),
            Map.of(),
            null),
        Arguments.of(
            "session of another role",
            iam(roleSession("Other", "s1")),
            "sts:AssumeRole",
            arn("Target"),
            Map.of(),
            "User: arn:aws:sts::"
                + A
                + ":assumed-role/Other/s1 is not authorized to perform: sts:AssumeRole on resource: "
                + arn("Target")),
        Arguments.of(
            "user, role missing",
            iam(user("alice")),
            "sts:AssumeRole",
            arn("Missing"),
            Map.of(),
            "User: arn:aws:iam::"
                + A
                + ":user/alice is not authorized to perform: sts:AssumeRole on resource: "
                + arn("Missing")),
        Arguments.of(
            "OIDC provider, subject allowed",
            new SessionPrincipal.Federated(OIDC, "WebIdentityUser"),
            "sts:AssumeRoleWithWebIdentity",
            arn("Target"),
            keys("issuer.example.com:sub", "repo:main"),
            null),
        Arguments.of(
            "OIDC provider, other subject",
            new SessionPrincipal.Federated(OIDC, "WebIdentityUser"),
            "sts:AssumeRoleWithWebIdentity",
            arn("Target"),
            keys("issuer.example.com:sub", "repo:fork"),
            "Not authorized to perform sts:AssumeRoleWithWebIdentity"),
        Arguments.of(
            "SAML provider not named",
            new SessionPrincipal.Federated(SAML, "SAMLUser"),
            "sts:AssumeRoleWithSAML",
            arn("Target"),
            Map.of(),
            "Not authorized to perform sts:AssumeRoleWithSAML"),
        Arguments.of(
            "OIDC provider, role missing",
            new SessionPrincipal.Federated(OIDC, "WebIdentityUser"),
            "sts:AssumeRoleWithWebIdentity",
            arn("Missing"),
            keys("issuer.example.com:sub", "repo:main"),
            "Not authorized to perform sts:AssumeRoleWithWebIdentity"),
        Arguments.of(
            "service named (instance profile)",
            new SessionPrincipal.Service("ec2.amazonaws.com"),
            "sts:AssumeRole",
            arn("Target"),
            keys(
                "aws:SourceAccount",
                A,
                "aws:SourceArn",
                "arn:aws:ec2:us-east-1:" + A + ":instance/i-0123456789abcdef0"),
            null),
        Arguments.of(
            "service with its source account and ARN",
            new SessionPrincipal.Service("lambda.amazonaws.com"),
            "sts:AssumeRole",
            arn("Target"),
            keys(
                "aws:SourceAccount",
                A,
                "aws:SourceArn",
                "arn:aws:lambda:us-east-1:" + A + ":function:thumbnails"),
            null),
        Arguments.of(
            "service from another account",
            new SessionPrincipal.Service("lambda.amazonaws.com"),
            "sts:AssumeRole",
            arn("Target"),
            keys(
                "aws:SourceAccount",
                B,
                "aws:SourceArn",
                "arn:aws:lambda:us-east-1:" + B + ":function:thumbnails"),
            "Not authorized to perform sts:AssumeRole"),
        Arguments.of(
            "service not named",
            new SessionPrincipal.Service("ecs-tasks.amazonaws.com"),
            "sts:AssumeRole",
            arn("Target"),
            Map.of(),
            "Not authorized to perform sts:AssumeRole"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void trustByPrincipalKind(
      String name,
      SessionPrincipal p,
      String action,
      String roleArn,
      Map<String, ContextValue> keys,
      String denial) {
    Role target =
        role(
            "Target",
            trust(
                statement(aws("arn:aws:iam::" + A + ":user/alice"), "\"sts:AssumeRole\"", null),
                statement(aws(arn("Source")), "\"sts:AssumeRole\"", null),
                statement(
                    "{\"Federated\":\"" + OIDC + "\"}",
                    "\"sts:AssumeRoleWithWebIdentity\"",
                    "{\"StringEquals\":{\"issuer.example.com:sub\":\"repo:main\",\"aws:FederatedProvider\":\""
                        + OIDC
                        + "\",\"aws:PrincipalType\":\"WebIdentityUser\"}}"),
                statement(
                    "{\"Service\":\"ec2.amazonaws.com\"}",
                    "\"sts:AssumeRole\"",
                    "{\"Bool\":{\"aws:PrincipalIsAWSService\":\"true\"}}"),
                statement(
                    "{\"Service\":\"lambda.amazonaws.com\"}",
                    "\"sts:AssumeRole\"",
                    "{\"StringEquals\":{\"aws:SourceAccount\":\""
                        + A
                        + "\",\"aws:PrincipalServiceName\":\"lambda.amazonaws.com\"},"
                        + "\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:lambda:*:"
                        + A
                        + ":function:*\"}}")),
            3600);
    if (denial != null) {
      assertThatThrownBy(() -> issue(p, action, roleArn, "work", none(), null, keys, "us-east-1"))
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> assertThat(e.code()).isEqualTo(AwsErrorCode.ACCESS_DENIED))
          .hasMessage(denial);
      assertThat(stored("Target").lastUsedDate()).as("a refused session is not a use").isNull();
      return;
    }
    RoleSessionIssuer.Issued issued =
        issue(p, action, roleArn, "work", none(), null, keys, "us-east-1");
    assertThat(issued.owner().arn()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/Target/work");
    assertThat(issued.owner().userId()).isEqualTo(target.roleId() + ":work");
    assertThat(issued.packedPolicySize()).isNull();
    StsService.Credentials creds = issued.credentials();
    assertThat(creds.accessKeyId()).startsWith("ASIA");
    assertThat(Ids.accountOfAccessKeyId(creds.accessKeyId())).isEqualTo(A);
    SessionClaims claims = tokens.open(creds.sessionToken());
    assertThat(claims.secretAccessKey()).isEqualTo(creds.secretAccessKey());
    assertThat(claims.caller().accessKeyId()).isEqualTo(creds.accessKeyId());
    assertThat(claims.caller().identityArn()).isEqualTo(target.arn());
    assertThat(claims.caller().session().origin()).isEqualTo("AssumeRole");
    assertThat(evaluated(p.name())).containsExactly(action);
  }

  // ---- sts:TagSession and sts:SetSourceIdentity only when used

  static Stream<Arguments> tagSessionAndSetSourceIdentityOnlyWhenUsed() {
    List<Tag> tags = List.of(new Tag("team", "blue"));
    return Stream.of(
        Arguments.of(
            List.of("sts:AssumeRole"), List.of(), List.of(), null, null, List.of("sts:AssumeRole")),
        Arguments.of(
            List.of("sts:AssumeRole"),
            tags,
            List.of(),
            null,
            "sts:TagSession",
            List.of("sts:AssumeRole", "sts:TagSession")),
        Arguments.of(
            List.of("sts:AssumeRole"),
            tags,
            List.of("team"),
            null,
            "sts:TagSession",
            List.of("sts:AssumeRole", "sts:TagSession")),
        Arguments.of(
            List.of("sts:AssumeRole", "sts:TagSession"),
            tags,
            List.of("team"),
            null,
            null,
            List.of("sts:AssumeRole", "sts:TagSession")),
        Arguments.of(
            List.of("sts:AssumeRole"),
            List.of(),
            List.of(),
            "alice",
            "sts:SetSourceIdentity",
            List.of("sts:AssumeRole", "sts:SetSourceIdentity")),
        Arguments.of(
            List.of("sts:AssumeRole", "sts:SetSourceIdentity"),
            List.of(),
            List.of(),
            "alice",
            null,
            List.of("sts:AssumeRole", "sts:SetSourceIdentity")),
        Arguments.of(
            List.of("sts:AssumeRole", "sts:TagSession"),
            tags,
            List.of(),
            "alice",
            "sts:SetSourceIdentity",
            List.of("sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity")),
        Arguments.of(
            List.of("sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"),
            tags,
            List.of("team"),
            "alice",
            null,
            List.of("sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity")));
  }

  @ParameterizedTest(name = "trust allows {0}; tags {1}, transitive {2}, source identity {3}")
  @MethodSource
  void tagSessionAndSetSourceIdentityOnlyWhenUsed(
      List<String> allowed,
      List<Tag> tags,
      List<String> transitive,
      String sourceIdentity,
      String deniedAction,
      List<String> evaluated) {
    String actions =
        "[" + String.join(",", allowed.stream().map(a -> "\"" + a + "\"").toList()) + "]";
    role("Target", trust(statement(aws("arn:aws:iam::" + A + ":user/alice"), actions, null)), 3600);
    SessionRequest s = session(null, null, tags, transitive, sourceIdentity);
    if (deniedAction != null) {
      assertThatThrownBy(
              () -> issue(iam(user("alice")), "sts:AssumeRole", arn("Target"), "work", s))
          .hasMessage(
              "User: arn:aws:iam::"
                  + A
                  + ":user/alice is not authorized to perform: "
                  + deniedAction
                  + " on resource: "
                  + arn("Target"));
    } else {
      Session session =
          caller(issue(iam(user("alice")), "sts:AssumeRole", arn("Target"), "work", s)).session();
      assertThat(session.tags()).isEqualTo(tags);
      assertThat(session.transitiveTagKeys()).isEqualTo(transitive);
      assertThat(session.sourceIdentity()).isEqualTo(sourceIdentity);
    }
    assertThat(evaluated("arn:aws:iam::" + A + ":user/alice")).isEqualTo(evaluated);
  }

  @Test
  void aFederatedProvidersSessionTagsNeedTagSessionToo() {
    role(
        "Target",
        trust(statement("{\"Federated\":\"" + SAML + "\"}", "\"sts:AssumeRoleWithSAML\"", null)),
        3600);
    SessionPrincipal saml = new SessionPrincipal.Federated(SAML, "SAMLUser");
    assertThatThrownBy(
            () ->
                issue(
                    saml,
                    "sts:AssumeRoleWithSAML",
                    arn("Target"),
                    "alice",
                    session(null, null, List.of(new Tag("dept", "ops")), List.of(), null)))
        .hasMessage("Not authorized to perform sts:TagSession");
    assertThatThrownBy(
            () ->
                issue(
                    saml,
                    "sts:AssumeRoleWithSAML",
                    arn("Target"),
                    "alice",
                    session(null, null, List.of(), List.of(), "alice")))
        .hasMessage("Not authorized to perform sts:SetSourceIdentity");
    assertThat(issue(saml, "sts:AssumeRoleWithSAML", arn("Target"), "alice", none()).owner().arn())
        .isEqualTo("arn:aws:sts::" + A + ":assumed-role/Target/alice");
  }

  // ---- durations

  enum Kind {
    USER,
    CHAINED,
    FEDERATED
  }

  static Stream<Arguments> durations() {
    String max = "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";
    String chained =
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.";
    return Stream.of(
        Arguments.of(Kind.USER, null, 3600, null, 3600, null),
        Arguments.of(Kind.USER, 900, 3600, null, 900, null),
        Arguments.of(Kind.USER, 43200, 43200, null, 43200, null),
        Arguments.of(Kind.USER, 3601, 3600, null, null, max),
        Arguments.of(Kind.CHAINED, null, 43200, null, 3600, null),
        Arguments.of(Kind.CHAINED, 3600, 43200, null, 3600, null),
        Arguments.of(Kind.CHAINED, 3601, 43200, null, null, chained),
        Arguments.of(Kind.CHAINED, 7200, 3600, null, null, chained),
        Arguments.of(Kind.FEDERATED, 7200, 43200, null, 7200, null),
        Arguments.of(Kind.FEDERATED, null, 3600, 1200, 1200, null),
        Arguments.of(Kind.FEDERATED, 1800, 3600, 7200, 1800, null),
        Arguments.of(Kind.FEDERATED, 7200, 3600, 600, null, max));
  }

  @ParameterizedTest(
      name = "{0}: DurationSeconds {1}, MaxSessionDuration {2}, SessionNotOnOrAfter +{3}")
  @MethodSource
  void durations(
      Kind kind,
      Integer requested,
      int maxSessionDuration,
      Integer notAfterSeconds,
      Integer lasts,
      String error) {
    role(
        "Target",
        trust(
            statement(aws("arn:aws:iam::" + A + ":user/alice"), "\"sts:AssumeRole\"", null),
            statement(aws(arn("Source")), "\"sts:AssumeRole\"", null),
            statement("{\"Federated\":\"" + SAML + "\"}", "\"sts:AssumeRoleWithSAML\"", null)),
        maxSessionDuration);
    SessionPrincipal p =
        switch (kind) {
          case USER -> iam(user("alice"));
          case CHAINED -> iam(roleSession("Source", "s1"));
          case FEDERATED -> new SessionPrincipal.Federated(SAML, "SAMLUser");
        };
    String action = kind == Kind.FEDERATED ? "sts:AssumeRoleWithSAML" : "sts:AssumeRole";
    Instant notAfter = notAfterSeconds == null ? null : T0.plusSeconds(notAfterSeconds);
    SessionRequest s = SessionRequest.duration(requested);
    if (error != null) {
      assertThatThrownBy(
              () -> issue(p, action, arn("Target"), "work", s, notAfter, Map.of(), "us-east-1"))
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> assertThat(e.code()).isEqualTo(AwsErrorCode.VALIDATION_ERROR))
          .hasMessage(error);
      return;
    }
    StsService.Credentials creds =
        issue(p, action, arn("Target"), "work", s, notAfter, Map.of(), "us-east-1").credentials();
    assertThat(Duration.between(T0, creds.expiration()).toSeconds()).isEqualTo(lasts.longValue());
    assertThat(tokens.open(creds.sessionToken()).caller().session().issuedAt()).isEqualTo(T0);
  }

  // ---- chains: transitive tags, source identity

  @Test
  void transitiveTagsFollowAChainAndOtherTagsDoNot() {
    role(
        "RoleA",
        trust(
            statement(
                aws("arn:aws:iam::" + A + ":user/alice"),
                "[\"sts:AssumeRole\",\"sts:TagSession\"]",
                null)),
        3600);
    role(
        "RoleB",
        trust(statement(aws(arn("RoleA")), "[\"sts:AssumeRole\",\"sts:TagSession\"]", null)),
        3600,
        new Tag("team", "role-b"));
    // the third hop names no sts:TagSession, and requires the tag inherited from the first hop
    role(
        "RoleC",
        trust(
            statement(
                aws(arn("RoleB")),
                "\"sts:AssumeRole\"",
                "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}")),
        3600);

    Caller hop1 =
        caller(
            issue(
                iam(user("alice")),
                "sts:AssumeRole",
                arn("RoleA"),
                "one",
                session(
                    null,
                    null,
                    List.of(new Tag("team", "blue"), new Tag("cost", "42")),
                    List.of("team"),
                    null)));
    assertThat(hop1.session().tags())
        .containsExactly(new Tag("team", "blue"), new Tag("cost", "42"));
    assertThat(hop1.session().transitiveTagKeys()).containsExactly("team");

    Caller hop2 =
        caller(
            issue(
                iam(hop1),
                "sts:AssumeRole",
                arn("RoleB"),
                "two",
                session(null, null, List.of(new Tag("project", "x")), List.of(), null)));
    assertThat(hop2.session().tags())
        .containsExactly(new Tag("team", "blue"), new Tag("project", "x"));
    assertThat(hop2.session().transitiveTagKeys()).containsExactly("team");

    Caller hop3 = caller(issue(iam(hop2), "sts:AssumeRole", arn("RoleC"), "three", none()));
    assertThat(hop3.session().tags()).containsExactly(new Tag("team", "blue"));
    assertThat(hop3.session().transitiveTagKeys()).containsExactly("team");
    assertThat(evaluated(hop2.arn()))
        .as("inherited tags are not new tags: no sts:TagSession")
        .containsExactly("sts:AssumeRole");
  }

  static Stream<Arguments> sourceIdentityThroughAChain() {
    String denied =
        "User: arn:aws:sts::"
            + A
            + ":assumed-role/RoleA/one is not authorized to perform: sts:SetSourceIdentity on resource: "
            + arn("RoleB");
    return Stream.of(
        Arguments.of(null, "alice", null),
        Arguments.of("alice", "alice", null),
        Arguments.of("mallory", null, denied));
  }

  @ParameterizedTest(name = "second hop asks for {0}")
  @MethodSource
  void sourceIdentityThroughAChain(String requested, String kept, String denial) {
    role(
        "RoleA",
        trust(
            statement(
                aws("arn:aws:iam::" + A + ":user/alice"),
                "[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]",
                null)),
        3600);
    // RoleB's trust names no sts:SetSourceIdentity: the inherited identity needs none
    role(
        "RoleB",
        trust(
            statement(
                aws(arn("RoleA")),
                "\"sts:AssumeRole\"",
                "{\"StringEquals\":{\"aws:SourceIdentity\":\"alice\"}}")),
        3600);
    Caller hop1 =
        caller(
            issue(
                iam(user("alice")),
                "sts:AssumeRole",
                arn("RoleA"),
                "one",
                session(null, null, List.of(), List.of(), "alice")));
    assertThat(hop1.session().sourceIdentity()).isEqualTo("alice");
    SessionRequest s = session(null, null, List.of(), List.of(), requested);
    if (denial != null) {
      assertThatThrownBy(() -> issue(iam(hop1), "sts:AssumeRole", arn("RoleB"), "two", s))
          .hasMessage(denial);
      return;
    }
    RoleSessionIssuer.Issued hop2 = issue(iam(hop1), "sts:AssumeRole", arn("RoleB"), "two", s);
    assertThat(hop2.sourceIdentity()).isEqualTo(kept);
    assertThat(caller(hop2).session().sourceIdentity()).isEqualTo(kept);
    assertThat(evaluated(hop1.arn())).containsExactly("sts:AssumeRole");
  }

  // ---- packed size

  static Stream<Arguments> packedSize() {
    char[] noise = new char[6000];
    SecureRandom r = new SecureRandom(new byte[] {7});
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < noise.length; i++) {
      noise[i] = alphabet.charAt(r.nextInt(alphabet.length()));
    }
    String small =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    String large =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\""
            + new String(noise)
            + "\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    return Stream.of(
        Arguments.of("nothing passed", null, List.of(), false, false),
        Arguments.of("a small policy", small, List.of(), true, false),
        Arguments.of("a tag", null, List.of(new Tag("team", "blue")), true, false),
        Arguments.of("a policy far beyond the budget", large, List.of(), true, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void packedSize(String name, String policy, List<Tag> tags, boolean sized, boolean tooLarge) {
    role(
        "Target",
        trust(
            statement(
                aws("arn:aws:iam::" + A + ":user/alice"),
                "[\"sts:AssumeRole\",\"sts:TagSession\"]",
                null)),
        3600);
    SessionRequest s = session(null, policy, tags, List.of(), null);
    if (tooLarge) {
      assertThatThrownBy(
              () -> issue(iam(user("alice")), "sts:AssumeRole", arn("Target"), "work", s))
          .isInstanceOfSatisfying(
              AwsServiceException.class,
              e -> assertThat(e.code()).isEqualTo(AwsErrorCode.PACKED_POLICY_TOO_LARGE))
          .hasMessageStartingWith("Packed policy consumes ")
          .hasMessageEndingWith("% of allotted space, please use smaller policy.");
      return;
    }
    Integer packed =
        issue(iam(user("alice")), "sts:AssumeRole", arn("Target"), "work", s).packedPolicySize();
    if (sized) {
      assertThat(packed).isBetween(1, 100);
    } else {
      assertThat(packed).isNull();
    }
  }

  // ---- RoleLastUsed: after the transaction, at most once a minute per role and region

  static Stream<Arguments> roleLastUsed() {
    // each step: seconds after T0, region, principal ("user", "saml", "denied"), then the expected
    // RoleLastUsed (seconds, region)
    return Stream.of(
        Arguments.of(
            (Object)
                new Object[][] {
                  {0, "us-east-1", "user", 0, "us-east-1"},
                  {30, "us-east-1", "user", 0, "us-east-1"},
                  {59, "eu-west-1", "user", 59, "eu-west-1"},
                  {100, "eu-west-1", "saml", 59, "eu-west-1"},
                  {120, "eu-west-1", "saml", 120, "eu-west-1"},
                  {300, "us-east-1", "denied", 120, "eu-west-1"},
                  {301, "us-east-1", "saml", 301, "us-east-1"}
                }));
  }

  @ParameterizedTest
  @MethodSource
  void roleLastUsed(Object[][] steps) {
    role(
        "Target",
        trust(
            statement(aws("arn:aws:iam::" + A + ":user/alice"), "\"sts:AssumeRole\"", null),
            statement("{\"Federated\":\"" + SAML + "\"}", "\"sts:AssumeRoleWithSAML\"", null)),
        3600);
    for (Object[] step : steps) {
      clock.set(T0.plusSeconds((Integer) step[0]));
      String region = (String) step[1];
      switch ((String) step[2]) {
        case "user" ->
            issue(
                iam(user("alice")),
                "sts:AssumeRole",
                arn("Target"),
                "work",
                none(),
                null,
                Map.of(),
                region);
        case "saml" ->
            issue(
                new SessionPrincipal.Federated(SAML, "SAMLUser"),
                "sts:AssumeRoleWithSAML",
                arn("Target"),
                "work",
                none(),
                null,
                Map.of(),
                region);
        default ->
            assertThatThrownBy(
                    () ->
                        issue(
                            iam(user("bob")),
                            "sts:AssumeRole",
                            arn("Target"),
                            "work",
                            none(),
                            null,
                            Map.of(),
                            region))
                .isInstanceOf(AwsServiceException.class);
      }
      Role role = stored("Target");
      assertThat(role.lastUsedDate())
          .as("after step %s", Arrays.toString(step))
          .isEqualTo(T0.plusSeconds((Integer) step[3]));
      assertThat(role.lastUsedRegion())
          .as("after step %s", Arrays.toString(step))
          .isEqualTo(step[4]);
    }
  }

  // ---- through StsService.assumeRole: the action's own keys and its MFA code

  private StsService sts(MfaVerifier mfa) {
    return new StsService(iam, tokens, mfa, null, A);
  }

  static Stream<Arguments> externalIdAndRoleSessionNameInTheContext() {
    return Stream.of(
        Arguments.of("ext-123", "ci-build", true),
        Arguments.of("ext-999", "ci-build", false),
        Arguments.of(null, "ci-build", false),
        Arguments.of("ext-123", "laptop", false));
  }

  @ParameterizedTest(name = "ExternalId {0}, RoleSessionName {1}")
  @MethodSource
  void externalIdAndRoleSessionNameInTheContext(
      String externalId, String sessionName, boolean allowed) {
    role(
        "Target",
        trust(
            statement(
                aws("arn:aws:iam::" + A + ":user/alice"),
                "\"sts:AssumeRole\"",
                "{\"StringEquals\":{\"sts:ExternalId\":\"ext-123\"},\"StringLike\":{\"sts:RoleSessionName\":\"ci-*\"}}")),
        3600);
    StsService sts = sts(MfaVerifier.NONE);
    if (!allowed) {
      assertThatThrownBy(
              () ->
                  sts.assumeRole(
                      user("alice"),
                      info("us-east-1"),
                      arn("Target"),
                      sessionName,
                      externalId,
                      none()))
          .hasMessage(
              "User: arn:aws:iam::"
                  + A
                  + ":user/alice is not authorized to perform: sts:AssumeRole on resource: "
                  + arn("Target"));
      return;
    }
    StsService.AssumedRole r =
        sts.assumeRole(
            user("alice"), info("us-east-1"), arn("Target"), sessionName, externalId, none());
    assertThat(r.arn()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/Target/" + sessionName);
    assertThat(r.sourceIdentity()).isNull();
  }

  static Stream<Arguments> anMfaCodeIsCheckedInTheIssuingTransaction() {
    String invalid = "MultiFactorAuthentication failed with invalid MFA one time pass code.";
    String denied =
        "User: arn:aws:iam::"
            + A
            + ":user/alice is not authorized to perform: sts:AssumeRole on resource: ";
    return Stream.of(
        Arguments.of("Target", null, null, denied + arn("Target"), 0),
        Arguments.of("Target", "arn:aws:iam::" + A + ":mfa/alice", "123456", null, 1),
        Arguments.of("Target", "arn:aws:iam::" + A + ":mfa/alice", "654321", invalid, 1),
        Arguments.of(
            "Missing", "arn:aws:iam::" + A + ":mfa/alice", "654321", denied + arn("Missing"), 0));
  }

  @ParameterizedTest(name = "role {0}, serial {1}, code {2}")
  @MethodSource
  void anMfaCodeIsCheckedInTheIssuingTransaction(
      String roleName, String serial, String code, String error, int checks) {
    role(
        "Target",
        trust(
            statement(
                aws("arn:aws:iam::" + A + ":user/alice"),
                "\"sts:AssumeRole\"",
                "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"},\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"300\"}}")),
        3600);
    int[] calls = {0};
    StsService sts =
        sts(
            (r, account, serialNumber, userName, tokenCode, now) -> {
              calls[0]++;
              return account.equals(A) && userName.equals("alice") && tokenCode.equals("123456");
            });
    SessionRequest s = new SessionRequest(null, null, null, null, null, null, serial, code);
    if (error != null) {
      assertThatThrownBy(
              () ->
                  sts.assumeRole(user("alice"), info("us-east-1"), arn(roleName), "work", null, s))
          .hasMessage(error);
    } else {
      StsService.AssumedRole r =
          sts.assumeRole(user("alice"), info("us-east-1"), arn(roleName), "work", null, s);
      assertThat(tokens.open(r.credentials().sessionToken()).caller().session().mfaAuthTime())
          .isEqualTo(T0);
    }
    assertThat(calls[0]).isEqualTo(checks);
  }
}
