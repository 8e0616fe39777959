package dev.rolegate.core.port;

/** The repositories of one transaction. */
public interface Repositories {
  AccountRepository accounts();

  RoleRepository roles();

  UserRepository users();

  AccessKeyRepository accessKeys();

  ManagedPolicyRepository managedPolicies();

  InlinePolicyRepository inlinePolicies();

  AttachmentRepository attachments();

  InstanceProfileRepository instanceProfiles();

  MfaDeviceRepository mfaDevices();

  SettingsRepository settings();

  GroupRepository groups();

  OidcProviderRepository oidcProviders();

  SamlProviderRepository samlProviders();

  LoginProfileRepository loginProfiles();
}
