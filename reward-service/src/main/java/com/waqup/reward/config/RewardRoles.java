package com.waqup.reward.config;

import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.security.AuthenticatedUser;
import com.waqup.common.security.Roles;

/**
 * The role checks of the rewards routes (the service's own, beside the gateway's): {@code /api/v1/rewards/**} needs
 * the creator role, {@code /api/v1/admin/rewards/**} the admin role.
 */
public final class RewardRoles {

    private RewardRoles() {
    }

    /** The caller's id if the token carries the creator role; otherwise 403 {@code CREATOR_ROLE_REQUIRED}. */
    public static UUID require(AuthenticatedUser user) {
        if (!user.hasRole(Roles.CREATOR)) {
            throw new DomainException(ErrorKind.FORBIDDEN, "CREATOR_ROLE_REQUIRED",
                    "Only creators earn tokens: become one with POST /api/v1/users/me/creator and use the token it returns");
        }
        return user.id();
    }

    /** The caller's id if the token carries the admin role; otherwise 403 {@code FORBIDDEN}. */
    public static UUID requireAdmin(AuthenticatedUser user) {
        if (!user.hasRole(Roles.ADMIN)) {
            throw new DomainException(ErrorKind.FORBIDDEN, "FORBIDDEN", "Only administrators may settle payouts");
        }
        return user.id();
    }
}
