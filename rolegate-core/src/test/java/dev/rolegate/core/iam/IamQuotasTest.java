package dev.rolegate.core.iam;

import static dev.rolegate.core.testing.AwsErrors.expect;
import static dev.rolegate.core.testing.TestIam.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.federation.SamlResponseVerifier;
import dev.rolegate.core.federation.Verification;
import dev.rolegate.core.iam.IamQuotas.Quota;
import dev.rolegate.core.testing.TestIam;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IamQuotas: every quota's LimitExceeded text, through the use case it guards, with the quota set
 * low for the account (so a test needs a handful of entities, not a thousand).
 */
class IamQuotasTest {
  final TestIam t = new TestIam();
  final Caller root = t.root();
  final RoleService roles = new RoleService(t.iam);
  final UserService users = new UserService(t.iam, t.master);
  final GroupService groups = new GroupService(t.iam);
  final PolicyService policies = new PolicyService(t.iam);
  final PolicyVersionService versions = new PolicyVersionService(t.iam);
  final InstanceProfileService profiles = new InstanceProfileService(t.iam);
  final OidcProviderService oidc = new OidcProviderService(t.iam);

  /**
   * The SAML provider quota counts providers, not metadata: the port's verifier here accepts any
   * document (the real one, rolegate-federation's SamlResponses, is tested there and end to end).
   */
  static final SamlResponseVerifier ANY_METADATA =
      new SamlResponseVerifier() {
        @Override
        public Verification<IdpMetadata> metadata(String document) {
          return Verification.verified(new IdpMetadata("https://idp.example.com", List.of(), null));
        }

        @Override
        public Verification<Assertion> verify(
            String base64Response, IdpMetadata idp, java.time.Instant now) {
          return Verification.failed(
              dev.rolegate.core.AwsErrorCode.INVALID_IDENTITY_TOKEN, "not used by these tests");
        }
      };

  final SamlProviderService saml = new SamlProviderService(t.iam, ANY_METADATA);

  /** A step that fills the quota or exceeds it; {@code n} numbers the entities. */
  interface Step {
    void run(IamQuotasTest q, int n);
  }

  static final String TRUST = TestIam.TRUST_ACCOUNT;
  static final String POLICY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  static final List<String> AWS_POLICIES =
      List.of(
          "arn:aws:iam::aws:policy/ReadOnlyAccess",
          "arn:aws:iam::aws:policy/PowerUserAccess",
          "arn:aws:iam::aws:policy/IAMReadOnlyAccess");

  /** A valid identity policy of about {@code size} non-blank characters. */
  static String sized(int size) {
    String head =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::";
    String tail = "\"}]}";
    return head + "b".repeat(Math.max(1, size - head.length() - tail.length())) + tail;
  }

  static String trustSized(int size) {
    return TRUST.replace(
        "\"Action\":\"sts:AssumeRole\"",
        "\"Action\":\"sts:AssumeRole\",\"Sid\":\"" + "s".repeat(size) + "\"");
  }

  static Stream<Arguments> countQuotas() {
    return Stream.of(
        Arguments.of(
            Quota.ROLES_PER_ACCOUNT,
            (Step)
                (q, n) ->
                    q.roles.createRole(
                        q.root, q.t.info(), "r" + n, null, TRUST, null, null, null, List.of())),
        Arguments.of(
            Quota.USERS_PER_ACCOUNT,
            (Step)
                (q, n) -> q.users.createUser(q.root, q.t.info(), "u" + n, null, null, List.of())),
        Arguments.of(
            Quota.GROUPS_PER_ACCOUNT,
            (Step) (q, n) -> q.groups.createGroup(q.root, q.t.info(), "g" + n, null)),
        Arguments.of(
            Quota.POLICIES_PER_ACCOUNT,
            (Step)
                (q, n) ->
                    q.policies.createPolicy(
                        q.root, q.t.info(), "p" + n, null, sized(100), null, List.of())),
        Arguments.of(
            Quota.INSTANCE_PROFILES_PER_ACCOUNT,
            (Step) (q, n) -> q.profiles.create(q.root, q.t.info(), "ip" + n, null, List.of())),
        Arguments.of(
            Quota.OIDC_PROVIDERS_PER_ACCOUNT,
            (Step)
                (q, n) ->
                    q.oidc.create(
                        q.root,
                        q.t.info(),
                        "https://idp" + n + ".example.com",
                        List.of(),
                        List.of(),
                        List.of())),
        Arguments.of(
            Quota.SAML_PROVIDERS_PER_ACCOUNT,
            (Step)
                (q, n) ->
                    q.saml.create(
                        q.root,
                        q.t.info(),
                        "idp" + n,
                        TestIam.samlMetadata("https://idp" + n),
                        List.of())),
        Arguments.of(
            Quota.POLICIES_PER_ROLE,
            (Step)
                (q, n) -> {
                  q.t.ensureRole(ACCOUNT, "R", TRUST);
                  q.roles.attachRolePolicy(q.root, q.t.info(), "R", AWS_POLICIES.get(n));
                }),
        Arguments.of(
            Quota.POLICIES_PER_USER,
            (Step)
                (q, n) -> {
                  q.t.ensureUser(ACCOUNT, "U");
                  q.users.attachUserPolicy(q.root, q.t.info(), "U", AWS_POLICIES.get(n));
                }),
        Arguments.of(
            Quota.POLICIES_PER_GROUP,
            (Step)
                (q, n) -> {
                  if (n == 0) {
                    q.groups.createGroup(q.root, q.t.info(), "G", null);
                  }
                  q.groups.attachGroupPolicy(q.root, q.t.info(), "G", AWS_POLICIES.get(n));
                }),
        Arguments.of(
            Quota.GROUPS_PER_USER,
            (Step)
                (q, n) -> {
                  q.t.ensureUser(ACCOUNT, "U");
                  q.groups.createGroup(q.root, q.t.info(), "g" + n, null);
                  q.groups.addUserToGroup(q.root, q.t.info(), "g" + n, "U");
                }),
        Arguments.of(
            Quota.VERSIONS_PER_POLICY,
            (Step)
                (q, n) -> {
                  if (n == 0) {
                    q.policies.createPolicy(
                        q.root, q.t.info(), "P", null, sized(100), null, List.of());
                  } else {
                    q.versions.createPolicyVersion(
                        q.root,
                        q.t.info(),
                        "arn:aws:iam::123456789012:policy/P",
                        sized(100 + n),
                        false);
                  }
                }),
        Arguments.of(
            Quota.ACCESS_KEYS_PER_USER,
            (Step)
                (q, n) -> {
                  q.t.ensureUser(ACCOUNT, "U");
                  q.users.createAccessKey(q.root, q.t.info(), "U");
                }));
  }

  /** The quota set to 2: two entities fit, the third is refused with AWS's text. */
  @ParameterizedTest
  @MethodSource("countQuotas")
  void aCountQuotaRefusesTheOneTooMany(Quota quota, Step step) {
    t.write(r -> r.accounts().putQuota(ACCOUNT, quota.awsName(), 2));
    step.run(this, 0);
    step.run(this, 1);
    String message =
        quota == Quota.VERSIONS_PER_POLICY // AWS words this one on its own
            ? "A managed policy can have up to 2 versions. Before you create a new version, you must delete an existing version."
            : "Cannot exceed quota for " + quota.awsName() + ": 2";
    expect(() -> step.run(this, 2), AwsErrorCode.LIMIT_EXCEEDED, message);
  }

  static Stream<Arguments> sizeQuotas() {
    return Stream.of(
        Arguments.of(
            Quota.POLICY_SIZE,
            (Step)
                (q, n) ->
                    q.policies.createPolicy(
                        q.root, q.t.info(), "p" + n, null, sized(n), null, List.of()),
            "Cannot exceed quota for PolicySize: 300"),
        Arguments.of(
            Quota.ACL_SIZE_PER_ROLE,
            (Step)
                (q, n) ->
                    q.roles.createRole(
                        q.root,
                        q.t.info(),
                        "r" + n,
                        null,
                        trustSized(n - 150),
                        null,
                        null,
                        null,
                        List.of()),
            "Cannot exceed quota for ACLSizePerRole: 300"),
        Arguments.of(
            Quota.ROLE_POLICY_SIZE,
            (Step)
                (q, n) -> {
                  q.t.ensureRole(ACCOUNT, "R", TRUST);
                  q.roles.putRolePolicy(q.root, q.t.info(), "R", "p" + n, sized(n / 2));
                },
            "Maximum policy size of 300 bytes exceeded for role R"),
        Arguments.of(
            Quota.USER_POLICY_SIZE,
            (Step)
                (q, n) -> {
                  q.t.ensureUser(ACCOUNT, "U");
                  q.users.putUserPolicy(q.root, q.t.info(), "U", "p" + n, sized(n / 2));
                },
            "Maximum policy size of 300 bytes exceeded for user U"),
        Arguments.of(
            Quota.GROUP_POLICY_SIZE,
            (Step)
                (q, n) -> {
                  if (q.t
                      .read(
                          (dev.rolegate.core.port.Repositories r) ->
                              r.groups().findByName(ACCOUNT, "G"))
                      .isEmpty()) {
                    q.groups.createGroup(q.root, q.t.info(), "G", null);
                  }
                  q.groups.putGroupPolicy(q.root, q.t.info(), "G", "p" + n, sized(n / 2));
                },
            "Maximum policy size of 300 bytes exceeded for group G"));
  }

  /**
   * The size quota set to 300: a document (or, inline, the owner's documents together) of up to 300
   * characters fits, one of 400 is refused with AWS's text.
   */
  @ParameterizedTest
  @MethodSource("sizeQuotas")
  void aSizeQuotaRefusesTheDocumentTooLarge(Quota quota, Step step, String message) {
    t.write(r -> r.accounts().putQuota(ACCOUNT, quota.awsName(), 300));
    step.run(this, 280);
    expect(() -> step.run(this, 400), AwsErrorCode.LIMIT_EXCEEDED, message);
  }

  @Test
  void everyQuotaIsCoveredByOneOfTheTablesOrTheMfaTest() {
    Set<Quota> covered = EnumSet.noneOf(Quota.class);
    countQuotas().forEach(a -> covered.add((Quota) a.get()[0]));
    sizeQuotas().forEach(a -> covered.add((Quota) a.get()[0]));
    covered.add(Quota.MFA_DEVICES_PER_USER); // MfaServiceTest.aUserMayHaveAtMostEightDevices
    assertThat(covered).containsExactlyInAnyOrder(Quota.values());
  }

  @Test
  void defaultsNamesAndSettableRanges() {
    assertThat(IamQuotas.DEFAULTS.get(Quota.ROLES_PER_ACCOUNT)).isEqualTo(1000);
    assertThat(IamQuotas.DEFAULTS.exceeded(Quota.POLICY_SIZE).getMessage())
        .isEqualTo("Cannot exceed quota for PolicySize: 6144");
    assertThat(IamQuotas.named("SAMLProvidersPerAccount"))
        .isEqualTo(Quota.SAML_PROVIDERS_PER_ACCOUNT);
    expect(() -> IamQuotas.named("RolesPerUniverse"), AwsErrorCode.INVALID_INPUT);
    expect(
        () -> IamQuotas.requireSettable(Quota.ROLES_PER_ACCOUNT, -1),
        AwsErrorCode.INVALID_INPUT,
        "Quota RolesPerAccount must be a whole number from 0 to 1000000: -1");
    expect(
        () -> IamQuotas.requireSettable(Quota.POLICY_SIZE, 131_073),
        AwsErrorCode.INVALID_INPUT,
        "Quota PolicySize must be a whole number from 0 to 131072: 131073");
    IamQuotas.requireSettable(Quota.POLICY_SIZE, 131_072);
    assertThat(IamQuotas.policySize("{ \"a\" :\n\t1 }")).isEqualTo(7);
    IamQuotas set = new IamQuotas(Map.of(Quota.ROLES_PER_ACCOUNT, 3));
    assertThat(set.summary("RolesQuota")).isEqualTo(3);
    assertThat(set.summary("UsersQuota")).isEqualTo(5000);
    set.requireRoom(Quota.ROLES_PER_ACCOUNT, 2);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                    AwsServiceException.class, () -> set.requireRoom(Quota.ROLES_PER_ACCOUNT, 3))
                .getMessage())
        .isEqualTo("Cannot exceed quota for RolesPerAccount: 3");
  }

  @Test
  void aQuotaOfZeroRefusesTheFirstAndUnknownStoredNamesAreIgnored() {
    t.write(
        r -> {
          r.accounts().putQuota(ACCOUNT, "UsersPerAccount", 0);
          r.accounts().putQuota(ACCOUNT, "NoSuchQuota", 5);
        });
    expect(
        () -> users.createUser(root, t.info(), "first", null, null, List.of()),
        AwsErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for UsersPerAccount: 0");
    assertThat(
            t.read((dev.rolegate.core.port.Repositories r) -> IamQuotas.of(r, ACCOUNT))
                .get(Quota.ROLES_PER_ACCOUNT))
        .isEqualTo(1000);
  }
}
