package dev.rolegate.protocol;

import dev.rolegate.core.iam.InstanceProfileService;
import dev.rolegate.core.iam.MfaService;
import dev.rolegate.core.iam.PolicyService;
import dev.rolegate.core.iam.RoleService;
import dev.rolegate.core.iam.UserService;
import dev.rolegate.core.sts.StsService;

/** The use cases the operations call. */
public record Services(
    RoleService roles, PolicyService policies, UserService users, InstanceProfileService instanceProfiles, StsService sts,
    MfaService mfa) {}
