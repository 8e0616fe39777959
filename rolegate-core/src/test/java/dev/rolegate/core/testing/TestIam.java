package dev.rolegate.core.testing;

import dev.rolegate.core.Ids;
import dev.rolegate.core.auth.Authorizer;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.CredentialResolver;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.auth.Session;
import dev.rolegate.core.auth.SessionTokens;
import dev.rolegate.core.crypto.Keyring;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.model.AccessKey;
import dev.rolegate.core.model.Account;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.model.User;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.port.Repositories;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a use-case test needs, over an {@link InMemoryStore}: the {@link IamContext} (store,
 * authorizer, AWS managed catalog, ids, a {@link TestClock}), a master key, one account ({@link
 * #ACCOUNT}) and callers: the account's root, its users and role sessions. A service is then one
 * line: {@code new RoleService(t.iam)}.
 *
 * <pre>{@code
 * TestIam t = new TestIam();
 * Caller alice = t.user("alice", TestIam.allow("iam:GetRole", "*"));
 * assertThatThrownBy(() -> roles.deleteRole(alice, t.info(), "R")) ...
 * }</pre>
 *
 * The catalog (1,500-odd documents) is loaded once per JVM and shared; everything else is new per
 * instance.
 */
public final class TestIam {
  public static final String ACCOUNT = "123456789012";
  public static final String OTHER_ACCOUNT = "210987654321";

  /** Where the clock starts. */
  public static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

  /** A trust policy any principal of {@link #ACCOUNT} may assume through. */
  public static final String TRUST_ACCOUNT =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
          + ACCOUNT
          + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";

  private static volatile AwsManagedCatalog catalog;

  public final InMemoryStore store = new InMemoryStore();
  public final TestClock clock = new TestClock(START);
  public final SecureRandom random = new SecureRandom();
  public final Ids ids = new Ids(random);
  public final SecretBox master;
  public final Authorizer authorizer;
  public final IamContext iam;

  /** The session-token sealing keyring (one key made at {@link #START}) and its sealer. */
  public final SessionTokens tokens;

  private int keys;

  /** {@link #ACCOUNT} and the default authorizer (enforcing). */
  public TestIam() {
    this(new Authorizer(catalog()));
  }

  /** {@link #ACCOUNT}, with the given authorizer (another enforcement mode, say). */
  public TestIam(Authorizer authorizer) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    this.master = new SecretBox(key, random);
    this.authorizer = authorizer;
    this.iam = new IamContext(store, authorizer, catalog(), ids, clock);
    Keyring keyring = Keyring.generate(random, clock.instant());
    this.tokens = new SessionTokens(() -> keyring, random);
    account(ACCOUNT);
  }

  /** A long-term access key and its secret. */
  public record Key(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "Key[" + accessKeyId + "]";
    }
  }

  /**
   * Gives the account's root user a new access key (stored sealed, as AccountService stores it).
   */
  public Key rootKey(String accountId) {
    return storeKey(accountId, null);
  }

  /** Gives the user of {@link #ACCOUNT} (created when missing) a new access key. */
  public Key userKey(String userName) {
    ensureUser(ACCOUNT, userName);
    return storeKey(ACCOUNT, userName);
  }

  private Key storeKey(String accountId, String userName) {
    String id = ids.accessKeyId("AKIA", accountId);
    String secret = ids.secretAccessKey();
    byte[] sealed =
        master.seal(secret.getBytes(StandardCharsets.UTF_8), CredentialResolver.SECRET_AAD);
    write(
        r ->
            r.accessKeys()
                .insert(new AccessKey(id, accountId, userName, sealed, true, clock.instant())));
    return new Key(id, secret);
  }

  /** The credential resolver over this store and keyring (no dev-mode account). */
  public CredentialResolver credentials() {
    return new CredentialResolver(store, master, tokens, null);
  }

  /**
   * SAML 2.0 IdP metadata for {@code entityId} with a signing certificate (a self-signed test
   * certificate whose private key was not kept: good for CreateSAMLProvider, not for signing).
   */
  public static String samlMetadata(String entityId) {
    String cert;
    try (InputStream in = TestIam.class.getResourceAsStream("certificate.b64")) {
      cert = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""
        + " entityID=\""
        + entityId
        + "\"><md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
        + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>"
        + cert
        + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor></md:IDPSSODescriptor></md:EntityDescriptor>";
  }

  /** The AWS managed policy catalog, loaded once per JVM. */
  public static AwsManagedCatalog catalog() {
    AwsManagedCatalog c = catalog;
    if (c == null) {
      synchronized (TestIam.class) {
        c = catalog;
        if (c == null) {
          catalog = c = AwsManagedCatalog.load();
        }
      }
    }
    return c;
  }

  /** Adds an account (no access key). */
  public void account(String accountId) {
    write(r -> r.accounts().insert(new Account(accountId, clock.instant())));
  }

  /** A request now, from 127.0.0.1 over TLS, signed for us-east-1; a new scope each call. */
  public RequestInfo info() {
    return new RequestInfo(
        ids.requestId(), "127.0.0.1", true, "us-east-1", "rolegate-test", clock.instant());
  }

  // ---------------------------------------------------------------- store shortcuts

  public void write(Consumer<Repositories> work) {
    store.write(
        r -> {
          work.accept(r);
          return null;
        });
  }

  public <T> T read(Function<Repositories, T> work) {
    return store.read(work);
  }

  // ---------------------------------------------------------------- callers

  /** The root user of {@link #ACCOUNT}. */
  public Caller root() {
    return root(ACCOUNT);
  }

  public Caller root(String accountId) {
    return Caller.root(accountId, accessKeyId());
  }

  /**
   * The user of {@link #ACCOUNT} (created, at path {@code /}, when missing), with these inline
   * policies (each put as {@code p1}, {@code p2}, ...), signing with a long-term key.
   */
  public Caller user(String name, String... policies) {
    User u = ensureUser(ACCOUNT, name);
    putInline(PrincipalType.USER, name, policies);
    return userCaller(u);
  }

  /** The caller of a stored user. */
  public Caller userCaller(User u) {
    return new Caller(
        Caller.Kind.USER,
        u.accountId(),
        u.arn(),
        u.userId(),
        u.arn(),
        u.name(),
        null,
        accessKeyId(),
        null);
  }

  /**
   * A session of the role of {@link #ACCOUNT} (created with {@link #TRUST_ACCOUNT} when missing),
   * with these inline policies on the role, issued now for an hour by AssumeRole.
   */
  public Caller roleSession(String roleName, String sessionName, String... policies) {
    Role role = ensureRole(ACCOUNT, roleName, TRUST_ACCOUNT);
    putInline(PrincipalType.ROLE, roleName, policies);
    return roleSession(
        role,
        sessionName,
        new Session(
            "AssumeRole",
            clock.instant(),
            clock.instant().plusSeconds(3600),
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            null));
  }

  /** A session of a stored role with the given session values (policies, tags, MFA time...). */
  public Caller roleSession(Role role, String sessionName, Session session) {
    return new Caller(
        Caller.Kind.ASSUMED_ROLE,
        role.accountId(),
        "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + sessionName,
        role.roleId() + ":" + sessionName,
        role.arn(),
        role.name(),
        sessionName,
        sessionKeyId(),
        session);
  }

  // ---------------------------------------------------------------- entities

  /** The user of the account, created at path {@code /} when missing. */
  public User ensureUser(String accountId, String name) {
    return store.write(
        r ->
            r.users()
                .findByName(accountId, name)
                .orElseGet(
                    () -> {
                      User u =
                          new User(
                              accountId,
                              ids.uniqueId("AIDA"),
                              name,
                              "/",
                              null,
                              List.of(),
                              clock.instant());
                      r.users().insert(u);
                      return u;
                    }));
  }

  /** The role of the account, created at path {@code /} with that trust policy when missing. */
  public Role ensureRole(String accountId, String name, String trustPolicy) {
    return store.write(
        r ->
            r.roles()
                .findByName(accountId, name)
                .orElseGet(
                    () -> {
                      Role role =
                          new Role(
                              accountId,
                              ids.uniqueId("AROA"),
                              name,
                              "/",
                              trustPolicy,
                              null,
                              3600,
                              null,
                              List.of(),
                              clock.instant(),
                              null,
                              null);
                      r.roles().insert(role);
                      return role;
                    }));
  }

  /**
   * Puts the documents as the owner's inline policies {@code p1}, {@code p2}, ... (of {@link
   * #ACCOUNT}).
   */
  public void putInline(PrincipalType type, String owner, String... documents) {
    write(
        r -> {
          for (int i = 0; i < documents.length; i++) {
            r.inlinePolicies()
                .put(new InlinePolicy(ACCOUNT, type, owner, "p" + (i + 1), documents[i]));
          }
        });
  }

  // ---------------------------------------------------------------- documents

  /** {@code {"Effect":"Allow","Action":ACTION,"Resource":RESOURCE}} as a whole identity policy. */
  public static String allow(String action, String resource) {
    return policy("Allow", action, resource);
  }

  public static String deny(String action, String resource) {
    return policy("Deny", action, resource);
  }

  /** Allows every action on every resource. */
  public static String allowAll() {
    return allow("*", "*");
  }

  private static String policy(String effect, String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\""
        + effect
        + "\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}]}";
  }

  public static List<Tag> tags(String... keysAndValues) {
    Tag[] tags = new Tag[keysAndValues.length / 2];
    for (int i = 0; i < tags.length; i++) {
      tags[i] = new Tag(keysAndValues[2 * i], keysAndValues[2 * i + 1]);
    }
    return List.of(tags);
  }

  private synchronized String accessKeyId() {
    return String.format(Locale.ROOT, "AKIATEST%012d", ++keys);
  }

  private synchronized String sessionKeyId() {
    return String.format(Locale.ROOT, "ASIATEST%012d", ++keys);
  }
}
