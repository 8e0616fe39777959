package dev.rolegate.core.testing;

import dev.rolegate.core.model.AccessKey;
import dev.rolegate.core.model.AccessKeyUse;
import dev.rolegate.core.model.Account;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.InstanceProfile;
import dev.rolegate.core.model.LoginProfile;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.MfaDevice;
import dev.rolegate.core.model.OidcProvider;
import dev.rolegate.core.model.PasswordPolicy;
import dev.rolegate.core.model.PolicyVersion;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.SamlProvider;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.AccessKeyRepository;
import dev.rolegate.core.port.AccountRepository;
import dev.rolegate.core.port.AttachmentRepository;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.GroupRepository;
import dev.rolegate.core.port.InlinePolicyRepository;
import dev.rolegate.core.port.InstanceProfileRepository;
import dev.rolegate.core.port.LoginProfileRepository;
import dev.rolegate.core.port.ManagedPolicyRepository;
import dev.rolegate.core.port.MfaDeviceRepository;
import dev.rolegate.core.port.OidcProviderRepository;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.core.port.RoleRepository;
import dev.rolegate.core.port.SamlProviderRepository;
import dev.rolegate.core.port.SettingsRepository;
import dev.rolegate.core.port.Store;
import dev.rolegate.core.port.UserRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link Store} in memory, for tests: the same contract as the SQLite store ({@code
 * StoreContractTest} runs against both), without a database.
 *
 * <p><b>Transactions.</b> The committed state is an immutable snapshot. A {@link #write} takes a
 * fair lock (writes run one at a time), works on a copy of the snapshot and publishes the copy when
 * the work returns; when the work throws, the copy is dropped and the exception rethrown as it is.
 * A {@link #read} works on the snapshot committed when it starts (without the lock), so reads see
 * committed state only, consistent within one read. The copy is shallow: every value is an
 * immutable record (byte arrays are copied on the way in and out).
 *
 * <p>As in the SQLite store: names unique without regard to case are compared lower-cased ({@link
 * Locale#ROOT}) and ordered by that, then as written; a policy version must belong to a policy at
 * commit (the commit fails with {@link IllegalStateException} otherwise); deleting a managed policy
 * deletes its versions, deleting a group or a user its memberships; an alias, a password policy or
 * a quota needs its account; {@link #wipe} keeps the settings named {@value
 * #KEPT_SETTINGS_PREFIX}...; transactions do not nest; repositories are usable only inside their
 * call, on its thread; a mutation inside {@link #read} throws {@link IllegalStateException}. Unlike
 * SQLite, instants are kept as given (not truncated to the millisecond).
 */
public final class InMemoryStore implements Store {
  /**
   * Settings whose name starts with this survive {@link #wipe()} (the server's session keyring).
   */
  public static final String KEPT_SETTINGS_PREFIX = "keyring";

  private static final Comparator<String> BINARY = Comparator.naturalOrder();

  private final ReentrantLock lock = new ReentrantLock(true);
  private final ThreadLocal<Boolean> inTransaction = ThreadLocal.withInitial(() -> false);
  private volatile State committed = new State();
  private volatile boolean closed;

  @Override
  public <T> T read(Function<Repositories, T> work) {
    Objects.requireNonNull(work, "work is null");
    enter();
    try {
      checkOpen();
      Tx tx = new Tx(committed, false);
      try {
        return work.apply(tx);
      } finally {
        tx.open = false;
      }
    } finally {
      inTransaction.set(false);
    }
  }

  @Override
  public <T> T write(Function<Repositories, T> work) {
    Objects.requireNonNull(work, "work is null");
    enter();
    lock.lock();
    try {
      checkOpen();
      State copy = committed.copy();
      Tx tx = new Tx(copy, true);
      T result;
      try {
        result = work.apply(tx);
      } finally {
        tx.open = false;
      }
      copy.checkAtCommit();
      committed = copy;
      return result;
    } finally {
      lock.unlock();
      inTransaction.set(false);
    }
  }

  @Override
  public void wipe() {
    write(
        repos -> {
          State s = ((Tx) repos).state;
          Map<String, byte[]> kept = new HashMap<>();
          s.settings.forEach(
              (name, value) -> {
                if (name.startsWith(KEPT_SETTINGS_PREFIX)) {
                  kept.put(name, value);
                }
              });
          State empty = new State();
          empty.settings.putAll(kept);
          s.replaceWith(empty);
          return null;
        });
  }

  @Override
  public void close() {
    if (inTransaction.get()) {
      throw new IllegalStateException("close() called inside read/write work");
    }
    closed = true;
  }

  @Override
  public String toString() {
    return "InMemoryStore";
  }

  private void enter() {
    if (inTransaction.get()) {
      throw new IllegalStateException(
          "read/write called inside read/write work: transactions do not nest");
    }
    inTransaction.set(true);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the store is closed: " + this);
    }
  }

  static String lower(String name) {
    return name == null ? null : name.toLowerCase(Locale.ROOT);
  }

  /** A null path prefix matches every path; otherwise a plain, case-sensitive prefix. */
  static boolean underPath(String path, String pathPrefix) {
    return pathPrefix == null || path.startsWith(pathPrefix);
  }

  /** Name order: lower-cased, then as written. */
  static <T> Comparator<T> byName(Function<T, String> name) {
    return Comparator.comparing((T t) -> lower(name.apply(t))).thenComparing(name, BINARY);
  }

  // ---------------------------------------------------------------- state

  record OwnerKey(String accountId, PrincipalType type, String nameLower) {}

  record InlineKey(OwnerKey owner, String name) {}

  record AttachmentKey(OwnerKey owner, String policyArn) {}

  /** An attachment: its place in the attachment order and the owner's name as written. */
  record Attachment(long seq, String ownerName) {}

  record VersionKey(String policyArn, String versionId) {}

  record Version(long seq, PolicyVersion version) {}

  record StoredKey(long seq, AccessKey key) {}

  record Member(String groupId, String userId) {}

  record AccountName(String accountId, String name) {}

  /** Every table; copied (shallow) at the start of each write. */
  static final class State {
    long seq;
    final Map<String, Account> accounts = new HashMap<>();
    final Map<String, String> aliases = new HashMap<>();
    final Map<String, PasswordPolicy> passwordPolicies = new HashMap<>();
    final Map<AccountName, Integer> quotas = new HashMap<>();
    final Map<String, Role> roles = new HashMap<>();
    final Map<String, User> users = new HashMap<>();
    final Map<String, StoredKey> accessKeys = new HashMap<>();
    final Map<String, AccessKeyUse> keyUses = new HashMap<>();
    final Map<String, ManagedPolicy> policies = new HashMap<>();
    final Map<VersionKey, Version> versions = new HashMap<>();
    final Map<InlineKey, InlinePolicy> inline = new HashMap<>();
    final Map<AttachmentKey, Attachment> attachments = new HashMap<>();
    final Map<String, byte[]> settings = new HashMap<>();
    final Map<String, InstanceProfile> instanceProfiles = new HashMap<>();
    final Map<String, MfaDevice> mfaDevices = new HashMap<>();
    final Map<String, Group> groups = new HashMap<>();
    final Map<Member, Long> members = new HashMap<>();
    final Map<AccountName, OidcProvider> oidcProviders = new HashMap<>();
    final Map<AccountName, SamlProvider> samlProviders = new HashMap<>();
    final Map<AccountName, LoginProfile> loginProfiles = new HashMap<>();

    State copy() {
      State c = new State();
      c.replaceWith(this);
      return c;
    }

    void replaceWith(State s) {
      seq = s.seq;
      replace(accounts, s.accounts);
      replace(aliases, s.aliases);
      replace(passwordPolicies, s.passwordPolicies);
      replace(quotas, s.quotas);
      replace(roles, s.roles);
      replace(users, s.users);
      replace(accessKeys, s.accessKeys);
      replace(keyUses, s.keyUses);
      replace(policies, s.policies);
      replace(versions, s.versions);
      replace(inline, s.inline);
      replace(attachments, s.attachments);
      replace(settings, s.settings);
      replace(instanceProfiles, s.instanceProfiles);
      replace(mfaDevices, s.mfaDevices);
      replace(groups, s.groups);
      replace(members, s.members);
      replace(oidcProviders, s.oidcProviders);
      replace(samlProviders, s.samlProviders);
      replace(loginProfiles, s.loginProfiles);
    }

    private static <K, V> void replace(Map<K, V> target, Map<K, V> source) {
      if (target != source) {
        target.clear();
        target.putAll(source);
      }
    }

    long next() {
      return ++seq;
    }

    /** The deferred rule of the SQLite schema: every version belongs to a policy. */
    void checkAtCommit() {
      for (VersionKey key : versions.keySet()) {
        if (policies.values().stream().noneMatch(p -> p.arn().equals(key.policyArn()))) {
          throw new IllegalStateException(
              "commit refused: version "
                  + key.versionId()
                  + " of "
                  + key.policyArn()
                  + " belongs to no managed policy");
        }
      }
    }

    void requireAccount(String accountId) {
      if (!accounts.containsKey(accountId)) {
        throw new IllegalStateException("no account " + accountId);
      }
    }
  }

  // ---------------------------------------------------------------- one transaction

  private static final class Tx implements Repositories {
    final State state;
    final boolean writable;
    final Thread owner = Thread.currentThread();
    volatile boolean open = true;

    Tx(State state, boolean writable) {
      this.state = state;
      this.writable = writable;
    }

    State reading() {
      if (!open || Thread.currentThread() != owner) {
        throw new IllegalStateException(
            "repositories are usable only inside their read/write call, on its thread");
      }
      return state;
    }

    State writing() {
      State s = reading();
      if (!writable) {
        throw new IllegalStateException("a write inside read(): use write()");
      }
      return s;
    }

    private final AccountRepository accounts = new Accounts(this);
    private final RoleRepository roles = new Roles(this);
    private final UserRepository users = new Users(this);
    private final AccessKeyRepository accessKeys = new AccessKeys(this);
    private final ManagedPolicyRepository managedPolicies = new ManagedPolicies(this);
    private final InlinePolicyRepository inlinePolicies = new InlinePolicies(this);
    private final AttachmentRepository attachments = new Attachments(this);
    private final InstanceProfileRepository instanceProfiles = new InstanceProfiles(this);
    private final MfaDeviceRepository mfaDevices = new MfaDevices(this);
    private final SettingsRepository settings = new Settings(this);
    private final GroupRepository groups = new Groups(this);
    private final OidcProviderRepository oidcProviders = new OidcProviders(this);
    private final SamlProviderRepository samlProviders = new SamlProviders(this);
    private final LoginProfileRepository loginProfiles = new LoginProfiles(this);

    @Override
    public AccountRepository accounts() {
      return accounts;
    }

    @Override
    public RoleRepository roles() {
      return roles;
    }

    @Override
    public UserRepository users() {
      return users;
    }

    @Override
    public AccessKeyRepository accessKeys() {
      return accessKeys;
    }

    @Override
    public ManagedPolicyRepository managedPolicies() {
      return managedPolicies;
    }

    @Override
    public InlinePolicyRepository inlinePolicies() {
      return inlinePolicies;
    }

    @Override
    public AttachmentRepository attachments() {
      return attachments;
    }

    @Override
    public InstanceProfileRepository instanceProfiles() {
      return instanceProfiles;
    }

    @Override
    public MfaDeviceRepository mfaDevices() {
      return mfaDevices;
    }

    @Override
    public SettingsRepository settings() {
      return settings;
    }

    @Override
    public GroupRepository groups() {
      return groups;
    }

    @Override
    public OidcProviderRepository oidcProviders() {
      return oidcProviders;
    }

    @Override
    public SamlProviderRepository samlProviders() {
      return samlProviders;
    }

    @Override
    public LoginProfileRepository loginProfiles() {
      return loginProfiles;
    }
  }

  private static <T> List<T> sorted(
      java.util.Collection<T> values, Predicate<T> filter, Comparator<T> order) {
    List<T> out = new ArrayList<>();
    for (T v : values) {
      if (filter.test(v)) {
        out.add(v);
      }
    }
    out.sort(order);
    return out;
  }

  private static <T> Optional<T> first(java.util.Collection<T> values, Predicate<T> filter) {
    for (T v : values) {
      if (filter.test(v)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- accounts

  private record Accounts(Tx tx) implements AccountRepository {
    @Override
    public void insert(Account account) {
      Objects.requireNonNull(account, "account is null");
      State s = tx.writing();
      if (s.accounts.containsKey(account.id())) {
        throw new DuplicateKeyException("account " + account.id() + " exists");
      }
      s.accounts.put(account.id(), account);
    }

    @Override
    public Optional<Account> find(String accountId) {
      return Optional.ofNullable(tx.reading().accounts.get(accountId));
    }

    @Override
    public List<Account> list() {
      return sorted(tx.reading().accounts.values(), a -> true, Comparator.comparing(Account::id));
    }

    @Override
    public Optional<String> alias(String accountId) {
      return Optional.ofNullable(tx.reading().aliases.get(accountId));
    }

    @Override
    public void setAlias(String accountId, String alias) {
      Objects.requireNonNull(alias, "alias is null");
      State s = tx.writing();
      for (Map.Entry<String, String> e : s.aliases.entrySet()) {
        if (e.getValue().equals(alias) && !e.getKey().equals(accountId)) {
          throw new DuplicateKeyException("account alias " + alias + " exists");
        }
      }
      s.requireAccount(accountId);
      s.aliases.put(accountId, alias);
    }

    @Override
    public boolean deleteAlias(String accountId, String alias) {
      State s = tx.writing();
      if (alias != null && alias.equals(s.aliases.get(accountId))) {
        s.aliases.remove(accountId);
        return true;
      }
      return false;
    }

    @Override
    public Optional<PasswordPolicy> passwordPolicy(String accountId) {
      return Optional.ofNullable(tx.reading().passwordPolicies.get(accountId));
    }

    @Override
    public void putPasswordPolicy(String accountId, PasswordPolicy policy) {
      Objects.requireNonNull(policy, "policy is null");
      State s = tx.writing();
      s.requireAccount(accountId);
      s.passwordPolicies.put(accountId, policy);
    }

    @Override
    public boolean deletePasswordPolicy(String accountId) {
      return tx.writing().passwordPolicies.remove(accountId) != null;
    }

    @Override
    public int count(String accountId, Counted what) {
      State s = tx.reading();
      Predicate<String> mine = id -> Objects.equals(id, accountId);
      long n =
          switch (what) {
            case ROLES -> s.roles.values().stream().filter(r -> mine.test(r.accountId())).count();
            case USERS -> s.users.values().stream().filter(u -> mine.test(u.accountId())).count();
            case GROUPS -> s.groups.values().stream().filter(g -> mine.test(g.accountId())).count();
            case MANAGED_POLICIES ->
                s.policies.values().stream().filter(p -> mine.test(p.accountId())).count();
            case INSTANCE_PROFILES ->
                s.instanceProfiles.values().stream().filter(p -> mine.test(p.accountId())).count();
            case OIDC_PROVIDERS ->
                s.oidcProviders.keySet().stream().filter(k -> mine.test(k.accountId())).count();
            case SAML_PROVIDERS ->
                s.samlProviders.keySet().stream().filter(k -> mine.test(k.accountId())).count();
          };
      return (int) n;
    }

    @Override
    public Map<String, Integer> quotas(String accountId) {
      Map<String, Integer> out = new LinkedHashMap<>();
      tx.reading().quotas.entrySet().stream()
          .filter(e -> e.getKey().accountId().equals(accountId))
          .sorted(Map.Entry.comparingByKey(Comparator.comparing(AccountName::name)))
          .forEach(e -> out.put(e.getKey().name(), e.getValue()));
      return out;
    }

    @Override
    public void putQuota(String accountId, String name, Integer value) {
      Objects.requireNonNull(name, "name is null");
      State s = tx.writing();
      AccountName key = new AccountName(accountId, name);
      if (value == null) {
        s.quotas.remove(key);
        return;
      }
      if (value < 0) {
        throw new IllegalArgumentException("a quota is not negative: " + name + " = " + value);
      }
      s.requireAccount(accountId);
      s.quotas.put(key, value);
    }
  }

  // ---------------------------------------------------------------- roles and users

  private record Roles(Tx tx) implements RoleRepository {
    @Override
    public void insert(Role role) {
      Objects.requireNonNull(role, "role is null");
      State s = tx.writing();
      if (s.roles.containsKey(role.roleId())
          || named(s, role.accountId(), role.name()).isPresent()) {
        throw duplicate(role);
      }
      s.roles.put(role.roleId(), role);
    }

    private static Optional<Role> named(State s, String accountId, String name) {
      String key = lower(name);
      return first(
          s.roles.values(), r -> r.accountId().equals(accountId) && lower(r.name()).equals(key));
    }

    @Override
    public Optional<Role> findByName(String accountId, String name) {
      return named(tx.reading(), accountId, name);
    }

    @Override
    public Optional<Role> findById(String roleId) {
      return Optional.ofNullable(tx.reading().roles.get(roleId));
    }

    @Override
    public List<Role> list(String accountId, String pathPrefix) {
      return sorted(
          tx.reading().roles.values(),
          r -> r.accountId().equals(accountId) && underPath(r.path(), pathPrefix),
          byName(Role::name));
    }

    @Override
    public List<Role> list(String accountId, String pathPrefix, int offset, int limit) {
      List<Role> all = list(accountId, pathPrefix);
      if (offset >= all.size() || limit <= 0) {
        return List.of();
      }
      return List.copyOf(all.subList(Math.max(0, offset), Math.min(all.size(), offset + limit)));
    }

    @Override
    public void update(Role role) {
      Objects.requireNonNull(role, "role is null");
      State s = tx.writing();
      if (!s.roles.containsKey(role.roleId())) {
        throw new IllegalStateException("no role has the id " + role.roleId());
      }
      Optional<Role> clash = named(s, role.accountId(), role.name());
      if (clash.isPresent() && !clash.get().roleId().equals(role.roleId())) {
        throw duplicate(role);
      }
      s.roles.put(role.roleId(), role);
    }

    @Override
    public boolean delete(String accountId, String name) {
      State s = tx.writing();
      Optional<Role> role = named(s, accountId, name);
      role.ifPresent(r -> s.roles.remove(r.roleId()));
      return role.isPresent();
    }

    @Override
    public int countWithBoundary(String accountId, String policyArn) {
      return (int)
          tx.reading().roles.values().stream()
              .filter(
                  r ->
                      r.accountId().equals(accountId)
                          && Objects.equals(r.permissionsBoundaryArn(), policyArn)
                          && policyArn != null)
              .count();
    }

    private static DuplicateKeyException duplicate(Role role) {
      return new DuplicateKeyException("Role with name " + role.name() + " already exists.");
    }
  }

  private record Users(Tx tx) implements UserRepository {
    @Override
    public void insert(User user) {
      Objects.requireNonNull(user, "user is null");
      State s = tx.writing();
      if (s.users.containsKey(user.userId())
          || named(s, user.accountId(), user.name()).isPresent()) {
        throw duplicate(user);
      }
      s.users.put(user.userId(), user);
    }

    static Optional<User> named(State s, String accountId, String name) {
      String key = lower(name);
      return first(
          s.users.values(), u -> u.accountId().equals(accountId) && lower(u.name()).equals(key));
    }

    @Override
    public Optional<User> findByName(String accountId, String name) {
      return named(tx.reading(), accountId, name);
    }

    @Override
    public Optional<User> findById(String userId) {
      return Optional.ofNullable(tx.reading().users.get(userId));
    }

    @Override
    public List<User> list(String accountId, String pathPrefix) {
      return sorted(
          tx.reading().users.values(),
          u -> u.accountId().equals(accountId) && underPath(u.path(), pathPrefix),
          byName(User::name));
    }

    @Override
    public void update(User user) {
      Objects.requireNonNull(user, "user is null");
      State s = tx.writing();
      if (!s.users.containsKey(user.userId())) {
        throw new IllegalStateException("no user has the id " + user.userId());
      }
      Optional<User> clash = named(s, user.accountId(), user.name());
      if (clash.isPresent() && !clash.get().userId().equals(user.userId())) {
        throw duplicate(user);
      }
      s.users.put(user.userId(), user);
    }

    @Override
    public boolean delete(String accountId, String name) {
      State s = tx.writing();
      Optional<User> user = named(s, accountId, name);
      user.ifPresent(
          u -> {
            s.users.remove(u.userId());
            s.members.keySet().removeIf(m -> m.userId().equals(u.userId()));
          });
      return user.isPresent();
    }

    @Override
    public int countWithBoundary(String accountId, String policyArn) {
      return (int)
          tx.reading().users.values().stream()
              .filter(
                  u ->
                      u.accountId().equals(accountId)
                          && Objects.equals(u.permissionsBoundaryArn(), policyArn)
                          && policyArn != null)
              .count();
    }

    private static DuplicateKeyException duplicate(User user) {
      return new DuplicateKeyException("User with name " + user.name() + " already exists.");
    }
  }

  // ---------------------------------------------------------------- access keys

  private record AccessKeys(Tx tx) implements AccessKeyRepository {
    @Override
    public void insert(AccessKey key) {
      Objects.requireNonNull(key, "key is null");
      State s = tx.writing();
      if (s.accessKeys.containsKey(key.accessKeyId())) {
        throw new DuplicateKeyException("access key " + key.accessKeyId() + " exists");
      }
      s.accessKeys.put(key.accessKeyId(), new StoredKey(s.next(), key));
    }

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
      return Optional.ofNullable(tx.reading().accessKeys.get(accessKeyId)).map(StoredKey::key);
    }

    @Override
    public List<AccessKey> listForUser(String accountId, String userName) {
      String user = lower(userName);
      return sorted(
              tx.reading().accessKeys.values(),
              k ->
                  k.key().accountId().equals(accountId)
                      && Objects.equals(lower(k.key().userName()), user),
              Comparator.comparing((StoredKey k) -> k.key().createDate())
                  .thenComparingLong(StoredKey::seq))
          .stream()
          .map(StoredKey::key)
          .toList();
    }

    @Override
    public void setActive(String accessKeyId, boolean active) {
      State s = tx.writing();
      StoredKey stored = s.accessKeys.get(accessKeyId);
      if (stored == null) {
        throw new IllegalStateException("no access key has the id " + accessKeyId);
      }
      AccessKey k = stored.key();
      s.accessKeys.put(
          accessKeyId,
          new StoredKey(
              stored.seq(),
              new AccessKey(
                  k.accessKeyId(),
                  k.accountId(),
                  k.userName(),
                  k.encryptedSecret(),
                  active,
                  k.createDate())));
    }

    @Override
    public boolean delete(String accessKeyId) {
      State s = tx.writing();
      s.keyUses.remove(accessKeyId);
      return s.accessKeys.remove(accessKeyId) != null;
    }

    @Override
    public Optional<AccessKeyUse> lastUsed(String accessKeyId) {
      State s = tx.reading();
      return s.accessKeys.containsKey(accessKeyId)
          ? Optional.ofNullable(s.keyUses.get(accessKeyId))
          : Optional.empty();
    }

    @Override
    public void recordUse(String accessKeyId, AccessKeyUse use) {
      Objects.requireNonNull(use, "use is null");
      State s = tx.writing();
      if (s.accessKeys.containsKey(accessKeyId)) {
        s.keyUses.put(accessKeyId, use);
      }
    }

    @Override
    public void renameUser(String accountId, String from, String to) {
      State s = tx.writing();
      String key = lower(from);
      for (StoredKey stored : List.copyOf(s.accessKeys.values())) {
        AccessKey k = stored.key();
        if (k.accountId().equals(accountId)
            && k.userName() != null
            && lower(k.userName()).equals(key)) {
          s.accessKeys.put(
              k.accessKeyId(),
              new StoredKey(
                  stored.seq(),
                  new AccessKey(
                      k.accessKeyId(),
                      k.accountId(),
                      to,
                      k.encryptedSecret(),
                      k.active(),
                      k.createDate())));
        }
      }
    }
  }

  // ---------------------------------------------------------------- managed policies and versions

  private record ManagedPolicies(Tx tx) implements ManagedPolicyRepository {
    @Override
    public void insert(ManagedPolicy policy) {
      Objects.requireNonNull(policy, "policy is null");
      State s = tx.writing();
      if (clashes(s, policy, null)) {
        throw duplicate(policy);
      }
      s.policies.put(policy.policyId(), policy);
    }

    /** Whether another policy (not {@code except}) has the id, the ARN or the account and name. */
    private static boolean clashes(State s, ManagedPolicy policy, String except) {
      String name = lower(policy.name());
      for (ManagedPolicy p : s.policies.values()) {
        if (p.policyId().equals(except)) {
          continue;
        }
        if (p.policyId().equals(policy.policyId())
            || p.arn().equals(policy.arn())
            || (p.accountId().equals(policy.accountId()) && lower(p.name()).equals(name))) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Optional<ManagedPolicy> findByArn(String arn) {
      return first(tx.reading().policies.values(), p -> p.arn().equals(arn));
    }

    @Override
    public List<ManagedPolicy> list(String accountId, String pathPrefix) {
      return sorted(
          tx.reading().policies.values(),
          p -> p.accountId().equals(accountId) && underPath(p.path(), pathPrefix),
          byName(ManagedPolicy::name));
    }

    @Override
    public void update(ManagedPolicy policy) {
      Objects.requireNonNull(policy, "policy is null");
      State s = tx.writing();
      ManagedPolicy old = s.policies.get(policy.policyId());
      if (old == null) {
        throw new IllegalStateException("no managed policy has the id " + policy.policyId());
      }
      if (clashes(s, policy, policy.policyId())) {
        throw duplicate(policy);
      }
      s.policies.put(policy.policyId(), policy);
      if (!old.arn().equals(policy.arn())) { // ON UPDATE CASCADE
        for (Map.Entry<VersionKey, Version> e : List.copyOf(s.versions.entrySet())) {
          if (e.getKey().policyArn().equals(old.arn())) {
            PolicyVersion v = e.getValue().version();
            s.versions.remove(e.getKey());
            s.versions.put(
                new VersionKey(policy.arn(), v.versionId()),
                new Version(
                    e.getValue().seq(),
                    new PolicyVersion(policy.arn(), v.versionId(), v.document(), v.createDate())));
          }
        }
      }
    }

    @Override
    public boolean delete(String arn) {
      State s = tx.writing();
      Optional<ManagedPolicy> policy = first(s.policies.values(), p -> p.arn().equals(arn));
      policy.ifPresent(
          p -> {
            s.policies.remove(p.policyId());
            s.versions.keySet().removeIf(k -> k.policyArn().equals(arn));
          });
      return policy.isPresent();
    }

    @Override
    public void insertVersion(PolicyVersion version) {
      Objects.requireNonNull(version, "version is null");
      State s = tx.writing();
      VersionKey key = new VersionKey(version.policyArn(), version.versionId());
      if (s.versions.containsKey(key)) {
        throw new DuplicateKeyException(
            "policy " + version.policyArn() + " has a version " + version.versionId());
      }
      s.versions.put(key, new Version(s.next(), version));
    }

    @Override
    public Optional<PolicyVersion> findVersion(String policyArn, String versionId) {
      return Optional.ofNullable(tx.reading().versions.get(new VersionKey(policyArn, versionId)))
          .map(Version::version);
    }

    @Override
    public List<PolicyVersion> listVersions(String policyArn) {
      return sorted(
              tx.reading().versions.values(),
              v -> v.version().policyArn().equals(policyArn),
              Comparator.comparing((Version v) -> v.version().createDate())
                  .thenComparingLong(Version::seq)
                  .reversed())
          .stream()
          .map(Version::version)
          .toList();
    }

    @Override
    public boolean deleteVersion(String policyArn, String versionId) {
      return tx.writing().versions.remove(new VersionKey(policyArn, versionId)) != null;
    }

    private static DuplicateKeyException duplicate(ManagedPolicy policy) {
      return new DuplicateKeyException(
          "A policy called " + policy.name() + " already exists. Duplicate names are not allowed.");
    }
  }

  // ---------------------------------------------------------------- inline policies and
  // attachments

  private record InlinePolicies(Tx tx) implements InlinePolicyRepository {
    @Override
    public void put(InlinePolicy policy) {
      Objects.requireNonNull(policy, "policy is null");
      OwnerKey owner =
          new OwnerKey(policy.accountId(), policy.ownerType(), lower(policy.ownerName()));
      tx.writing().inline.put(new InlineKey(owner, policy.name()), policy);
    }

    @Override
    public Optional<InlinePolicy> find(
        String accountId, PrincipalType ownerType, String ownerName, String policyName) {
      return Optional.ofNullable(
          tx.reading()
              .inline
              .get(
                  new InlineKey(new OwnerKey(accountId, ownerType, lower(ownerName)), policyName)));
    }

    @Override
    public List<InlinePolicy> list(String accountId, PrincipalType ownerType, String ownerName) {
      OwnerKey owner = new OwnerKey(accountId, ownerType, lower(ownerName));
      List<InlineKey> keys =
          sorted(
              tx.reading().inline.keySet(),
              k -> k.owner().equals(owner),
              Comparator.comparing(InlineKey::name));
      return keys.stream().map(tx.state.inline::get).toList();
    }

    @Override
    public boolean delete(
        String accountId, PrincipalType ownerType, String ownerName, String policyName) {
      return tx.writing()
              .inline
              .remove(
                  new InlineKey(new OwnerKey(accountId, ownerType, lower(ownerName)), policyName))
          != null;
    }

    @Override
    public void renameOwner(String accountId, PrincipalType ownerType, String from, String to) {
      State s = tx.writing();
      OwnerKey old = new OwnerKey(accountId, ownerType, lower(from));
      OwnerKey renamed = new OwnerKey(accountId, ownerType, lower(to));
      Map<InlineKey, InlinePolicy> moved = new HashMap<>();
      for (Map.Entry<InlineKey, InlinePolicy> e : List.copyOf(s.inline.entrySet())) {
        if (e.getKey().owner().equals(old)) {
          s.inline.remove(e.getKey());
          InlinePolicy p = e.getValue();
          moved.put(
              new InlineKey(renamed, p.name()),
              new InlinePolicy(p.accountId(), p.ownerType(), to, p.name(), p.document()));
        }
      }
      for (InlineKey key : moved.keySet()) {
        if (s.inline.containsKey(key)) {
          throw new IllegalStateException(
              "renaming " + from + " to " + to + ": " + to + " has an inline policy " + key.name());
        }
      }
      s.inline.putAll(moved);
    }
  }

  private record Attachments(Tx tx) implements AttachmentRepository {
    @Override
    public void attach(
        String accountId, PrincipalType ownerType, String ownerName, String policyArn) {
      Objects.requireNonNull(ownerName, "ownerName is null");
      State s = tx.writing();
      AttachmentKey key =
          new AttachmentKey(new OwnerKey(accountId, ownerType, lower(ownerName)), policyArn);
      if (!s.attachments.containsKey(
          key)) { // attaching again keeps the first attachment and its place
        s.attachments.put(key, new Attachment(s.next(), ownerName));
      }
    }

    @Override
    public boolean detach(
        String accountId, PrincipalType ownerType, String ownerName, String policyArn) {
      return tx.writing()
              .attachments
              .remove(
                  new AttachmentKey(
                      new OwnerKey(accountId, ownerType, lower(ownerName)), policyArn))
          != null;
    }

    @Override
    public List<String> list(String accountId, PrincipalType ownerType, String ownerName) {
      OwnerKey owner = new OwnerKey(accountId, ownerType, lower(ownerName));
      State s = tx.reading();
      return sorted(
              s.attachments.keySet(),
              k -> k.owner().equals(owner),
              Comparator.comparingLong(k -> s.attachments.get(k).seq()))
          .stream()
          .map(AttachmentKey::policyArn)
          .toList();
    }

    @Override
    public int count(String accountId, String policyArn) {
      return (int)
          tx.reading().attachments.keySet().stream()
              .filter(
                  k -> k.owner().accountId().equals(accountId) && k.policyArn().equals(policyArn))
              .count();
    }

    @Override
    public List<Owner> listOwners(String accountId, String policyArn) {
      State s = tx.reading();
      List<Owner> owners = new ArrayList<>();
      for (Map.Entry<AttachmentKey, Attachment> e : s.attachments.entrySet()) {
        AttachmentKey k = e.getKey();
        if (k.owner().accountId().equals(accountId) && k.policyArn().equals(policyArn)) {
          owners.add(new Owner(k.owner().type(), e.getValue().ownerName()));
        }
      }
      // by type name (GROUP, ROLE, USER), as the SQLite store orders the stored names
      owners.sort(
          Comparator.comparing((Owner o) -> o.type().name()).thenComparing(byName(Owner::name)));
      return owners;
    }

    @Override
    public void detachAll(String accountId, PrincipalType ownerType, String ownerName) {
      OwnerKey owner = new OwnerKey(accountId, ownerType, lower(ownerName));
      tx.writing().attachments.keySet().removeIf(k -> k.owner().equals(owner));
    }

    @Override
    public void renameOwner(String accountId, PrincipalType ownerType, String from, String to) {
      State s = tx.writing();
      OwnerKey old = new OwnerKey(accountId, ownerType, lower(from));
      OwnerKey renamed = new OwnerKey(accountId, ownerType, lower(to));
      Map<AttachmentKey, Attachment> moved = new HashMap<>();
      for (Map.Entry<AttachmentKey, Attachment> e : List.copyOf(s.attachments.entrySet())) {
        if (e.getKey().owner().equals(old)) {
          s.attachments.remove(e.getKey());
          moved.put(
              new AttachmentKey(renamed, e.getKey().policyArn()),
              new Attachment(e.getValue().seq(), to));
        }
      }
      for (AttachmentKey key : moved.keySet()) {
        if (s.attachments.containsKey(key)) {
          throw new IllegalStateException(
              "renaming "
                  + from
                  + " to "
                  + to
                  + ": "
                  + to
                  + " has "
                  + key.policyArn()
                  + " attached");
        }
      }
      s.attachments.putAll(moved);
    }
  }

  // ---------------------------------------------------------------- settings

  private record Settings(Tx tx) implements SettingsRepository {
    @Override
    public Optional<byte[]> get(String name) {
      Objects.requireNonNull(name, "name is null");
      return Optional.ofNullable(tx.reading().settings.get(name)).map(byte[]::clone);
    }

    @Override
    public void put(String name, byte[] value) {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(value, "value is null");
      tx.writing().settings.put(name, value.clone());
    }
  }

  // ---------------------------------------------------------------- instance profiles, MFA devices

  private record InstanceProfiles(Tx tx) implements InstanceProfileRepository {
    @Override
    public void insert(InstanceProfile p) {
      Objects.requireNonNull(p, "profile is null");
      State s = tx.writing();
      if (s.instanceProfiles.containsKey(p.instanceProfileId())
          || named(s, p.accountId(), p.name()).isPresent()) {
        throw duplicate(p);
      }
      s.instanceProfiles.put(p.instanceProfileId(), p);
    }

    private static Optional<InstanceProfile> named(State s, String accountId, String name) {
      String key = lower(name);
      return first(
          s.instanceProfiles.values(),
          p -> p.accountId().equals(accountId) && lower(p.name()).equals(key));
    }

    @Override
    public Optional<InstanceProfile> findByName(String accountId, String name) {
      return named(tx.reading(), accountId, name);
    }

    @Override
    public List<InstanceProfile> list(String accountId, String pathPrefix) {
      return sorted(
          tx.reading().instanceProfiles.values(),
          p -> p.accountId().equals(accountId) && underPath(p.path(), pathPrefix),
          byName(InstanceProfile::name));
    }

    @Override
    public List<InstanceProfile> listForRole(String accountId, String roleName) {
      String role = lower(roleName);
      return sorted(
          tx.reading().instanceProfiles.values(),
          p ->
              p.accountId().equals(accountId)
                  && p.roleName() != null
                  && lower(p.roleName()).equals(role),
          byName(InstanceProfile::name));
    }

    /** Replaces the name, path, role and tags (the account and create date stay, as in SQLite). */
    @Override
    public void update(InstanceProfile p) {
      Objects.requireNonNull(p, "profile is null");
      State s = tx.writing();
      InstanceProfile old = s.instanceProfiles.get(p.instanceProfileId());
      if (old == null) {
        throw new IllegalStateException("no instance profile has the id " + p.instanceProfileId());
      }
      Optional<InstanceProfile> clash = named(s, old.accountId(), p.name());
      if (clash.isPresent() && !clash.get().instanceProfileId().equals(p.instanceProfileId())) {
        throw duplicate(p);
      }
      s.instanceProfiles.put(
          p.instanceProfileId(),
          new InstanceProfile(
              old.accountId(),
              old.instanceProfileId(),
              p.name(),
              p.path(),
              p.roleName(),
              p.tags(),
              old.createDate()));
    }

    @Override
    public boolean delete(String accountId, String name) {
      State s = tx.writing();
      Optional<InstanceProfile> p = named(s, accountId, name);
      p.ifPresent(found -> s.instanceProfiles.remove(found.instanceProfileId()));
      return p.isPresent();
    }

    private static DuplicateKeyException duplicate(InstanceProfile p) {
      return new DuplicateKeyException("Instance Profile " + p.name() + " already exists.");
    }
  }

  private record MfaDevices(Tx tx) implements MfaDeviceRepository {
    @Override
    public void insert(MfaDevice d) {
      Objects.requireNonNull(d, "device is null");
      State s = tx.writing();
      String key = lower(d.serialNumber());
      if (s.mfaDevices.containsKey(key)) {
        throw new DuplicateKeyException("MFA device " + d.serialNumber() + " already exists.");
      }
      s.mfaDevices.put(key, d);
    }

    @Override
    public Optional<MfaDevice> find(String serialNumber) {
      return Optional.ofNullable(tx.reading().mfaDevices.get(lower(serialNumber)));
    }

    @Override
    public List<MfaDevice> listVirtual(String accountId, AssignmentStatus status) {
      Predicate<MfaDevice> wanted =
          switch (status) {
            case ASSIGNED -> d -> d.userName() != null;
            case UNASSIGNED -> d -> d.userName() == null;
            case ANY -> d -> true;
          };
      return sorted(
          tx.reading().mfaDevices.values(),
          d -> d.accountId().equals(accountId) && wanted.test(d),
          byName(MfaDevice::serialNumber));
    }

    @Override
    public List<MfaDevice> listForUser(String accountId, String userName) {
      String user = lower(userName);
      return sorted(
          tx.reading().mfaDevices.values(),
          d ->
              d.accountId().equals(accountId)
                  && d.userName() != null
                  && lower(d.userName()).equals(user),
          Comparator.comparing(MfaDevice::enableDate).thenComparing(d -> lower(d.serialNumber())));
    }

    /** Replaces the user, enable date, last step and tags (the rest stays, as in SQLite). */
    @Override
    public void update(MfaDevice d) {
      Objects.requireNonNull(d, "device is null");
      State s = tx.writing();
      String key = lower(d.serialNumber());
      MfaDevice old = s.mfaDevices.get(key);
      if (old == null) {
        throw new IllegalStateException("no MFA device has the serial number " + d.serialNumber());
      }
      s.mfaDevices.put(
          key,
          new MfaDevice(
              old.accountId(),
              old.serialNumber(),
              old.path(),
              old.name(),
              old.encryptedSeed(),
              d.userName(),
              d.enableDate(),
              d.lastUsedStep(),
              d.tags(),
              old.createDate()));
    }

    @Override
    public boolean delete(String serialNumber) {
      return tx.writing().mfaDevices.remove(lower(serialNumber)) != null;
    }

    @Override
    public void renameUser(String accountId, String from, String to) {
      State s = tx.writing();
      String user = lower(from);
      for (Map.Entry<String, MfaDevice> e : List.copyOf(s.mfaDevices.entrySet())) {
        MfaDevice d = e.getValue();
        if (d.accountId().equals(accountId)
            && d.userName() != null
            && lower(d.userName()).equals(user)) {
          s.mfaDevices.put(e.getKey(), d.enable(to, d.enableDate(), d.lastUsedStep()));
        }
      }
    }
  }

  // ---------------------------------------------------------------- groups

  private record Groups(Tx tx) implements GroupRepository {
    @Override
    public void insert(Group g) {
      Objects.requireNonNull(g, "group is null");
      State s = tx.writing();
      if (s.groups.containsKey(g.groupId()) || named(s, g.accountId(), g.name()).isPresent()) {
        throw duplicate(g);
      }
      s.groups.put(g.groupId(), g);
    }

    private static Optional<Group> named(State s, String accountId, String name) {
      String key = lower(name);
      return first(
          s.groups.values(), g -> g.accountId().equals(accountId) && lower(g.name()).equals(key));
    }

    @Override
    public Optional<Group> findByName(String accountId, String name) {
      return named(tx.reading(), accountId, name);
    }

    @Override
    public List<Group> list(String accountId, String pathPrefix) {
      return sorted(
          tx.reading().groups.values(),
          g -> g.accountId().equals(accountId) && underPath(g.path(), pathPrefix),
          byName(Group::name));
    }

    /** Replaces the name and path (the account and create date stay, as in SQLite). */
    @Override
    public void update(Group g) {
      Objects.requireNonNull(g, "group is null");
      State s = tx.writing();
      Group old = s.groups.get(g.groupId());
      if (old == null) {
        throw new IllegalStateException("no group has the id " + g.groupId());
      }
      Optional<Group> clash = named(s, old.accountId(), g.name());
      if (clash.isPresent() && !clash.get().groupId().equals(g.groupId())) {
        throw duplicate(g);
      }
      s.groups.put(g.groupId(), old.renamed(g.name(), g.path()));
    }

    @Override
    public boolean delete(String accountId, String name) {
      State s = tx.writing();
      Optional<Group> g = named(s, accountId, name);
      g.ifPresent(
          found -> {
            s.groups.remove(found.groupId());
            s.members.keySet().removeIf(m -> m.groupId().equals(found.groupId()));
          });
      return g.isPresent();
    }

    @Override
    public boolean addMember(String accountId, String groupName, String userName) {
      State s = tx.writing();
      Optional<Group> group = named(s, accountId, groupName);
      Optional<User> user = Users.named(s, accountId, userName);
      if (group.isEmpty() || user.isEmpty()) {
        throw new IllegalStateException(
            "no "
                + (group.isEmpty() ? "group " + groupName : "user " + userName)
                + " in the account "
                + accountId);
      }
      Member m = new Member(group.get().groupId(), user.get().userId());
      if (s.members.containsKey(m)) {
        return false;
      }
      s.members.put(m, s.next());
      return true;
    }

    @Override
    public boolean removeMember(String accountId, String groupName, String userName) {
      State s = tx.writing();
      Optional<Group> group = named(s, accountId, groupName);
      Optional<User> user = Users.named(s, accountId, userName);
      return group.isPresent()
          && user.isPresent()
          && s.members.remove(new Member(group.get().groupId(), user.get().userId())) != null;
    }

    @Override
    public List<String> listMembers(String accountId, String groupName) {
      State s = tx.reading();
      Optional<Group> group = named(s, accountId, groupName);
      if (group.isEmpty()) {
        return List.of();
      }
      List<User> users = new ArrayList<>();
      for (Member m : s.members.keySet()) {
        if (m.groupId().equals(group.get().groupId())) {
          users.add(s.users.get(m.userId()));
        }
      }
      users.sort(byName(User::name));
      return users.stream().map(User::name).toList();
    }

    @Override
    public List<Group> listGroupsForUser(String accountId, String userName) {
      State s = tx.reading();
      Optional<User> user = Users.named(s, accountId, userName);
      if (user.isEmpty()) {
        return List.of();
      }
      List<Group> groups = new ArrayList<>();
      for (Member m : s.members.keySet()) {
        if (m.userId().equals(user.get().userId())) {
          groups.add(s.groups.get(m.groupId()));
        }
      }
      groups.sort(byName(Group::name));
      return groups;
    }

    private static DuplicateKeyException duplicate(Group g) {
      return new DuplicateKeyException("Group with name " + g.name() + " already exists.");
    }
  }

  // ---------------------------------------------------------------- identity providers

  private record OidcProviders(Tx tx) implements OidcProviderRepository {
    @Override
    public void insert(OidcProvider p) {
      Objects.requireNonNull(p, "provider is null");
      State s = tx.writing();
      AccountName key = new AccountName(p.accountId(), p.url());
      if (s.oidcProviders.containsKey(key)) {
        throw new DuplicateKeyException(
            "Provider with url https://" + p.url() + " already exists.");
      }
      s.oidcProviders.put(key, p);
    }

    @Override
    public Optional<OidcProvider> find(String accountId, String url) {
      return Optional.ofNullable(tx.reading().oidcProviders.get(new AccountName(accountId, url)));
    }

    @Override
    public List<OidcProvider> list(String accountId) {
      return sorted(
          tx.reading().oidcProviders.values(),
          p -> p.accountId().equals(accountId),
          Comparator.comparing(OidcProvider::url));
    }

    /** Replaces the client ids, thumbprints and tags (the create date stays, as in SQLite). */
    @Override
    public void update(OidcProvider p) {
      Objects.requireNonNull(p, "provider is null");
      State s = tx.writing();
      AccountName key = new AccountName(p.accountId(), p.url());
      OidcProvider old = s.oidcProviders.get(key);
      if (old == null) {
        throw new IllegalStateException("no OIDC provider " + p.arn());
      }
      s.oidcProviders.put(
          key,
          old.withClientIds(p.clientIds()).withThumbprints(p.thumbprints()).withTags(p.tags()));
    }

    @Override
    public boolean delete(String accountId, String url) {
      return tx.writing().oidcProviders.remove(new AccountName(accountId, url)) != null;
    }
  }

  private record SamlProviders(Tx tx) implements SamlProviderRepository {
    @Override
    public void insert(SamlProvider p) {
      Objects.requireNonNull(p, "provider is null");
      State s = tx.writing();
      AccountName key = new AccountName(p.accountId(), p.name());
      if (s.samlProviders.containsKey(key)) {
        throw new DuplicateKeyException("SAMLProvider " + p.name() + " already exists.");
      }
      s.samlProviders.put(key, p);
    }

    @Override
    public Optional<SamlProvider> find(String accountId, String name) {
      return Optional.ofNullable(tx.reading().samlProviders.get(new AccountName(accountId, name)));
    }

    @Override
    public List<SamlProvider> list(String accountId) {
      return sorted(
          tx.reading().samlProviders.values(),
          p -> p.accountId().equals(accountId),
          Comparator.comparing(SamlProvider::name));
    }

    /** Replaces the metadata, its validUntil and the tags (the create date stays, as in SQLite). */
    @Override
    public void update(SamlProvider p) {
      Objects.requireNonNull(p, "provider is null");
      State s = tx.writing();
      AccountName key = new AccountName(p.accountId(), p.name());
      SamlProvider old = s.samlProviders.get(key);
      if (old == null) {
        throw new IllegalStateException("no SAML provider " + p.arn());
      }
      s.samlProviders.put(
          key, old.withMetadata(p.metadataDocument(), p.validUntil()).withTags(p.tags()));
    }

    @Override
    public boolean delete(String accountId, String name) {
      return tx.writing().samlProviders.remove(new AccountName(accountId, name)) != null;
    }
  }

  // ---------------------------------------------------------------- login profiles

  private record LoginProfiles(Tx tx) implements LoginProfileRepository {
    @Override
    public void insert(LoginProfile p) {
      Objects.requireNonNull(p, "profile is null");
      State s = tx.writing();
      AccountName key = new AccountName(p.accountId(), lower(p.userName()));
      if (s.loginProfiles.containsKey(key)) {
        throw new DuplicateKeyException("login profile of " + p.userName() + " exists");
      }
      s.loginProfiles.put(key, p);
    }

    @Override
    public Optional<LoginProfile> find(String accountId, String userName) {
      return Optional.ofNullable(
          tx.reading().loginProfiles.get(new AccountName(accountId, lower(userName))));
    }

    /**
     * Replaces the password hash and the reset flag (the user's name as stored and the create date
     * stay).
     */
    @Override
    public void update(LoginProfile p) {
      Objects.requireNonNull(p, "profile is null");
      State s = tx.writing();
      AccountName key = new AccountName(p.accountId(), lower(p.userName()));
      LoginProfile old = s.loginProfiles.get(key);
      if (old == null) {
        throw new IllegalStateException("user " + p.userName() + " has no login profile");
      }
      s.loginProfiles.put(
          key,
          new LoginProfile(
              old.accountId(),
              old.userName(),
              p.passwordHash(),
              p.passwordResetRequired(),
              old.createDate()));
    }

    @Override
    public boolean delete(String accountId, String userName) {
      return tx.writing().loginProfiles.remove(new AccountName(accountId, lower(userName))) != null;
    }

    @Override
    public void renameUser(String accountId, String from, String to) {
      State s = tx.writing();
      AccountName old = new AccountName(accountId, lower(from));
      LoginProfile p = s.loginProfiles.remove(old);
      if (p != null) {
        AccountName key = new AccountName(accountId, lower(to));
        if (s.loginProfiles.containsKey(key)) {
          throw new IllegalStateException(
              "renaming " + from + " to " + to + ": " + to + " has a login profile");
        }
        s.loginProfiles.put(
            key,
            new LoginProfile(
                p.accountId(), to, p.passwordHash(), p.passwordResetRequired(), p.createDate()));
      }
    }
  }
}
