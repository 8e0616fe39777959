package dev.rolegate.server;

import dev.rolegate.core.AccountService;
import dev.rolegate.core.Ids;
import dev.rolegate.core.auth.Authorizer;
import dev.rolegate.core.auth.CredentialResolver;
import dev.rolegate.core.auth.SessionTokens;
import dev.rolegate.core.crypto.Keyring;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.core.iam.BoundaryService;
import dev.rolegate.core.iam.GroupService;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.iam.InstanceProfileService;
import dev.rolegate.core.iam.MfaService;
import dev.rolegate.core.iam.OidcProviderService;
import dev.rolegate.core.iam.PolicyService;
import dev.rolegate.core.iam.PolicyVersionService;
import dev.rolegate.core.iam.RoleService;
import dev.rolegate.core.iam.TagService;
import dev.rolegate.core.iam.UserService;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.port.Store;
import dev.rolegate.core.sts.StsService;
import dev.rolegate.core.sts.WebIdentityService;
import dev.rolegate.federation.oidc.OidcKeys;
import dev.rolegate.federation.oidc.WebIdentityTokens;
import dev.rolegate.federation.outbound.JwtTokenSigner;
import dev.rolegate.federation.saml.SamlResponses;
import dev.rolegate.protocol.ActionRegistry;
import dev.rolegate.protocol.QueryHandler;
import dev.rolegate.protocol.Services;
import dev.rolegate.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one wiring class: store, keys, use cases, the federation verifiers and signer, protocol.
 * Knows every module; nothing else does. Creates the default account on first start.
 */
public final class Rolegate implements AutoCloseable {
  static final byte[] KEYRING_AAD = "rolegate keyring v1".getBytes(StandardCharsets.US_ASCII);
  static final String KEYRING = "keyring";

  private final ServerConfig config;
  private final Store store;
  private final SecretBox master;
  private final AtomicReference<Keyring> keyring = new AtomicReference<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Ids ids;
  private final AccountService accounts;
  private final QueryHandler queries;
  private final CredentialResolver credentials;
  private final RoleService roles;
  private final Authorizer authorizer;
  private final dev.rolegate.core.auth.AuthorizationMessages messages;
  private AccountService.CreatedAccount
      bootstrap; // the default account's root key, when created by this process
  private final dev.rolegate.core.sts.OutboundFederation outbound;
  private volatile String publicUrl;

  public Rolegate(ServerConfig config, Clock clock) {
    this.config = config;
    this.clock = config.resetAllowed() ? new AdjustableClock(clock) : clock;
    this.ids = new Ids(random);
    // the AWS managed policy catalog (1,569 documents) loads on another core while the store opens
    // and migrates: start-up time is one of issue 8's targets
    java.util.concurrent.CompletableFuture<AwsManagedCatalog> catalogLoad =
        java.util.concurrent.CompletableFuture.supplyAsync(AwsManagedCatalog::load);
    this.store = config.memory() ? SqliteStore.inMemory() : SqliteStore.open(config.dataDir());
    this.master = new SecretBox(masterKey(), random);
    loadKeyring();
    SessionTokens tokens = new SessionTokens(keyring::get, random);
    AwsManagedCatalog catalog;
    try {
      catalog = catalogLoad.join();
    } catch (java.util.concurrent.CompletionException e) {
      store.close();
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
    this.authorizer = new Authorizer(catalog, config.enforcement(), config.explain());
    this.messages = new dev.rolegate.core.auth.AuthorizationMessages(master, this.clock);
    IamContext iam = new IamContext(store, authorizer, catalog, ids, this.clock);
    this.accounts = new AccountService(store, master, ids, this.clock);
    this.credentials =
        new CredentialResolver(store, master, tokens, config.dev() ? config.accountId() : null);
    this.roles = new RoleService(iam);
    MfaService mfa = new MfaService(iam, master, random);
    SamlResponses saml = new SamlResponses();
    this.outbound =
        new dev.rolegate.core.sts.OutboundFederation(
            iam, master, new JwtTokenSigner(), this::publicUrl);
    Services services =
        new Services(
            roles,
            new PolicyService(iam),
            new UserService(iam, master),
            new InstanceProfileService(iam),
            new StsService(iam, tokens, mfa::verifyTotp, messages, config.accountId()),
            mfa,
            new GroupService(iam),
            new OidcProviderService(iam),
            new WebIdentityService(
                iam, tokens, new WebIdentityTokens(OidcKeys.standard(this.clock))),
            new PolicyVersionService(iam),
            new TagService(iam),
            new BoundaryService(iam),
            new dev.rolegate.core.iam.ServiceLinkedRoleService(iam),
            new dev.rolegate.core.iam.SimulationService(iam),
            new dev.rolegate.core.iam.SamlProviderService(iam, saml),
            new dev.rolegate.core.sts.SamlFederationService(iam, tokens, saml),
            this.outbound,
            new dev.rolegate.core.iam.AccountViewService(iam),
            new dev.rolegate.core.iam.AuthorizationDetailsService(iam),
            new dev.rolegate.core.iam.LoginProfileService(iam, random));
    this.queries = new QueryHandler(ActionRegistry.load(), services, credentials, ids, this.clock);
  }

  /**
   * Rolegate's public URL, the base of each account's outbound-federation issuer: {@code
   * ROLEGATE_PUBLIC_URL} when set (e.g. {@code https://iam.example.com}), else {@code
   * http://HOST:PORT} of the listener (127.0.0.1 for a wildcard bind).
   */
  public String publicUrl() {
    String env = System.getenv("ROLEGATE_PUBLIC_URL");
    if (env != null && !env.isBlank()) {
      return env.strip().replaceAll("/+$", "");
    }
    return publicUrl != null ? publicUrl : listenerUrl(config.port());
  }

  /** The listener's port, once bound (the configured one may be 0). */
  void listeningOn(int port) {
    publicUrl = listenerUrl(port);
  }

  private String listenerUrl(int port) {
    String host =
        config.bind().equals("0.0.0.0") || config.bind().equals("::") || config.bind().isEmpty()
            ? "127.0.0.1"
            : config.bind();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** Outbound identity federation: the issuers' discovery documents and keys. */
  public dev.rolegate.core.sts.OutboundFederation outbound() {
    return outbound;
  }

  /**
   * The store: for tools that seed or inspect it (the benchmarks); the API goes through {@link
   * #queries}.
   */
  public dev.rolegate.core.port.Store store() {
    return store;
  }

  public ServerConfig config() {
    return config;
  }

  public QueryHandler queries() {
    return queries;
  }

  public CredentialResolver credentials() {
    return credentials;
  }

  public AccountService accounts() {
    return accounts;
  }

  /** Revokes the role's sessions issued until now (AWS's "Revoke active sessions"). */
  public java.time.Instant revokeSessions(String accountId, String roleName) {
    return roles.revokeSessions(accountId, roleName);
  }

  /** SigV4 authentication against this server's credentials (admin and decision APIs). */
  public dev.rolegate.protocol.SigV4Authenticator authenticator() {
    return new dev.rolegate.protocol.SigV4Authenticator(credentials);
  }

  /** Decisions for other services (POST /_rolegate/authorize). */
  public dev.rolegate.core.auth.DecisionService decisionService() {
    return new dev.rolegate.core.auth.DecisionService(store, authorizer, messages);
  }

  /** The recent authorization decisions. */
  public dev.rolegate.core.auth.DecisionLog decisions() {
    return authorizer.decisions();
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Creates the default account with a root key on first start; returns it then, null afterwards.
   */
  public synchronized AccountService.CreatedAccount bootstrap() {
    if (accounts.find(config.accountId()).isPresent()) {
      return null;
    }
    bootstrap = accounts.create(config.accountId());
    return bootstrap;
  }

  /** Test mode: wipes every entity and re-creates the default account with the same root key. */
  public synchronized void reset() {
    store.wipe();
    authorizer.decisions().clear();
    if (bootstrap != null) {
      accounts.create(bootstrap.accountId(), bootstrap.accessKeyId(), bootstrap.secretAccessKey());
    } else {
      bootstrap = accounts.create(config.accountId());
    }
  }

  private byte[] masterKey() {
    String env = System.getenv("ROLEGATE_MASTER_KEY");
    if (env != null && !env.isBlank()) {
      byte[] key = Base64.getDecoder().decode(env.trim());
      if (key.length != 32) {
        throw new IllegalArgumentException("ROLEGATE_MASTER_KEY must be 32 bytes, base64-encoded");
      }
      return key;
    }
    byte[] key = new byte[32];
    if (config.memory()) {
      random.nextBytes(key);
      return key;
    }
    Path file = config.dataDir().resolve("master.key");
    try {
      if (Files.exists(file)) {
        byte[] decoded = Base64.getDecoder().decode(Files.readString(file).trim());
        if (decoded.length != 32) {
          throw new IllegalStateException(file + " does not hold a 32-byte base64 key");
        }
        return decoded;
      }
      Files.createDirectories(config.dataDir());
      random.nextBytes(key);
      writeOwnerOnly(file, Base64.getEncoder().encodeToString(key) + "\n");
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the master key " + file, e);
    }
  }

  private void loadKeyring() {
    byte[] sealed = store.read(r -> r.settings().get(KEYRING)).orElse(null);
    if (sealed != null) {
      byte[] plain = master.open(sealed, KEYRING_AAD);
      if (plain == null) {
        throw new IllegalStateException(
            "the session keyring cannot be opened with this master key (was master.key replaced?)");
      }
      keyring.set(Keyring.parse(plain));
      return;
    }
    Keyring fresh = Keyring.generate(random, clock.instant());
    store.write(
        r -> {
          r.settings().put(KEYRING, master.seal(fresh.serialize(), KEYRING_AAD));
          return null;
        });
    keyring.set(fresh);
  }

  /**
   * A new session-token sealing key; tokens sealed with the old keys keep working until they
   * expire.
   */
  public synchronized int rotateSessionKey() {
    Keyring next = keyring.get().rotate(random, clock.instant());
    store.write(
        r -> {
          r.settings().put(KEYRING, master.seal(next.serialize(), KEYRING_AAD));
          return null;
        });
    keyring.set(next);
    return next.current().id();
  }

  static void writeOwnerOnly(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, text);
  }

  @Override
  public void close() {
    store.close();
  }
}
