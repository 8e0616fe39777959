package dev.rolegate.store.sqlite;

import dev.rolegate.core.port.AccessKeyRepository;
import dev.rolegate.core.port.AccountRepository;
import dev.rolegate.core.port.AttachmentRepository;
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
import dev.rolegate.core.port.UserRepository;

/** The repositories of one SQLite transaction. */
final class SqliteRepositories implements Repositories {
  private final AccountRepository accounts;
  private final RoleRepository roles;
  private final UserRepository users;
  private final AccessKeyRepository accessKeys;
  private final ManagedPolicyRepository managedPolicies;
  private final InlinePolicyRepository inlinePolicies;
  private final AttachmentRepository attachments;
  private final SettingsRepository settings;
  private final InstanceProfileRepository instanceProfiles;
  private final MfaDeviceRepository mfaDevices;
  private final GroupRepository groups;
  private final OidcProviderRepository oidcProviders;
  private final SamlProviderRepository samlProviders;
  private final LoginProfileRepository loginProfiles;

  SqliteRepositories(SqliteTx tx) {
    accounts = new SqliteAccountRepository(tx);
    roles = new SqliteRoleRepository(tx);
    users = new SqliteUserRepository(tx);
    accessKeys = new SqliteAccessKeyRepository(tx);
    managedPolicies = new SqliteManagedPolicyRepository(tx);
    inlinePolicies = new SqliteInlinePolicyRepository(tx);
    attachments = new SqliteAttachmentRepository(tx);
    settings = new SqliteSettingsRepository(tx);
    instanceProfiles = new SqliteInstanceProfileRepository(tx);
    mfaDevices = new SqliteMfaDeviceRepository(tx);
    groups = new SqliteGroupRepository(tx);
    oidcProviders = new SqliteOidcProviderRepository(tx);
    samlProviders = new SqliteSamlProviderRepository(tx);
    loginProfiles = new SqliteLoginProfileRepository(tx);
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
