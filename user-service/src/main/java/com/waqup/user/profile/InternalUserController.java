package com.waqup.user.profile;

import com.waqup.common.security.InternalScope;
import com.waqup.common.security.ServiceGrants;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** For other services (service token only): a person's profile and preferences, e.g. for personalization. */
@RestController
class InternalUserController {

    private final ProfileService profiles;

    InternalUserController(ProfileService profiles) {
        this.profiles = profiles;
    }

    @InternalScope(ServiceGrants.USERS_READ)
    @GetMapping("/internal/users/{id}")
    ProfileView user(@PathVariable UUID id) {
        return profiles.get(id);
    }
}
