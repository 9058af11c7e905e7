package com.waqup.creator.profile;

import java.util.List;
import java.util.UUID;

import com.waqup.common.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Creator profiles: the creator's own ({@code /me}, creator role) and the public view any signed-in person reads. */
@RestController
@RequestMapping("/api/v1/creators")
class ProfileController {

    private final ProfileService profiles;

    ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    record ProfileRequest(String displayName, String bio, String avatarUrl,
            @Size(max = ProfileService.LINKS_MAX) List<ProfileService.Link> links) {
    }

    @GetMapping("/me")
    ProfileService.Profile mine(AuthenticatedUser user) {
        return profiles.mine(Creators.require(user));
    }

    @PutMapping("/me")
    ProfileService.Profile save(AuthenticatedUser user, @Valid @RequestBody ProfileRequest body) {
        return profiles.save(Creators.require(user), body.displayName(), body.bio(), body.avatarUrl(), body.links());
    }

    @GetMapping("/{id}")
    ProfileService.PublicProfile publicView(@PathVariable UUID id) {
        return profiles.publicView(id);
    }
}
