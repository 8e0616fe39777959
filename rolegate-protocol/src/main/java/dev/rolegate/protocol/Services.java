package dev.rolegate.protocol;

import dev.rolegate.core.iam.BoundaryService;
import dev.rolegate.core.iam.GroupService;
import dev.rolegate.core.iam.InstanceProfileService;
import dev.rolegate.core.iam.MfaService;
import dev.rolegate.core.iam.OidcProviderService;
import dev.rolegate.core.iam.PolicyService;
import dev.rolegate.core.iam.PolicyVersionService;
import dev.rolegate.core.iam.RoleService;
import dev.rolegate.core.iam.TagService;
import dev.rolegate.core.iam.UserService;
import dev.rolegate.core.sts.StsService;
import dev.rolegate.core.sts.WebIdentityService;

/** The use cases the operations call. */
public record Services(
    RoleService roles,
    PolicyService policies,
    UserService users,
    InstanceProfileService instanceProfiles,
    StsService sts,
    MfaService mfa,
    GroupService groups,
    OidcProviderService oidcProviders,
    WebIdentityService webIdentity,
    PolicyVersionService policyVersions,
    TagService tags,
    BoundaryService boundaries,
    dev.rolegate.core.iam.ServiceLinkedRoleService serviceLinkedRoles,
    dev.rolegate.core.iam.SimulationService simulation,
    dev.rolegate.core.iam.SamlProviderService samlProviders,
    dev.rolegate.core.sts.SamlFederationService samlFederation,
    dev.rolegate.core.sts.OutboundFederation outbound,
    dev.rolegate.core.iam.AccountViewService accountViews,
    dev.rolegate.core.iam.AuthorizationDetailsService authorizationDetails,
    dev.rolegate.core.iam.LoginProfileService loginProfiles) {}
