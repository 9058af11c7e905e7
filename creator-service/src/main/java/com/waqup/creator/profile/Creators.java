package com.waqup.creator.profile;

import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.security.AuthenticatedUser;
import com.waqup.common.security.Roles;

/**
 * The creator role check of every {@code /api/v1/creators/me/**} endpoint (the gateway checks it too; this is the
 * service's own defence in depth). The role comes from the access token's {@code roles} claim: a person who just
 * became a creator ({@code POST /api/v1/users/me/creator}) uses the fresh token that call returned.
 */
public final class Creators {

    private Creators() {
    }

    /** The caller's id if the token carries the creator role; otherwise 403 {@code CREATOR_ROLE_REQUIRED}. */
    public static UUID require(AuthenticatedUser user) {
        if (!user.hasRole(Roles.CREATOR)) {
            throw new DomainException(ErrorKind.FORBIDDEN, "CREATOR_ROLE_REQUIRED",
                    "Only creators may do this: become one with POST /api/v1/users/me/creator and use the token it returns");
        }
        return user.id();
    }
}
