package com.waqup.user.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorCodes;
import com.waqup.common.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The seed's User APIs for the caller's own profile, plus becoming a creator. */
@RestController
@RequestMapping("/api/v1/users/me")
class ProfileController {

    /** Fields of the account a person can see but never change here. */
    private static final Set<String> READ_ONLY = Set.of("id", "email", "roles", "tier", "balance", "credit_balance",
            "created_at", "password");

    private final ProfileService profiles;

    ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    /** Only known preferences with known values; {@code null} or absent leaves a preference unchanged. */
    record PreferencesUpdate(
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+", message = "must be a voice id from GET /api/v1/voices") String voiceId,
            @Pattern(regexp = "slower|slow|moderate|fast|faster", message = "must be one of slower, slow, moderate, fast, faster") String pace,
            @Pattern(regexp = "warm|calm|gentle|neutral|grounded|energetic", message = "must be one of warm, calm, gentle, neutral, grounded, energetic") String tone,
            @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "must be a language tag such as en or en-US") String language,
            @Pattern(regexp = "none|rain|ocean|forest|pink_noise|brown_noise|drone|singing_bowl", message = "must be one of none, rain, ocean, forest, pink_noise, brown_noise, drone, singing_bowl") String backgroundSound,
            @Size(max = 64) String timeZone,
            @JsonAnySetter Map<String, Object> unknown) {
    }

    record UpdateRequest(@Valid @NotNull PreferencesUpdate preferences, @JsonAnySetter Map<String, Object> other) {
    }

    record UpdateResponse(UUID id, ProfileView.PreferencesView preferences) {
    }

    record CreatorResponse(UUID id, List<String> roles, String token) {
    }

    @GetMapping
    ProfileView me(AuthenticatedUser user) {
        return profiles.get(user.id());
    }

    @PutMapping
    UpdateResponse update(AuthenticatedUser user, @Valid @RequestBody UpdateRequest body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (body.other() != null) {
            body.other().keySet().forEach(k -> fields.put(k, READ_ONLY.contains(k) ? "cannot be changed" : "is not a known field"));
        }
        if (body.preferences().unknown() != null) {
            body.preferences().unknown().keySet().forEach(k -> fields.put("preferences." + k, "is not a known preference"));
        }
        if (!fields.isEmpty()) {
            throw DomainException.invalidFields(fields);
        }
        ProfileView view = profiles.updatePreferences(user.id(), body.preferences());
        return new UpdateResponse(view.id(), view.preferences());
    }

    /**
     * Makes the caller a creator (idempotent). The response carries a fresh access token with the new role;
     * the refresh token keeps working and later refreshes carry the role too.
     */
    @PostMapping("/creator")
    CreatorResponse becomeCreator(AuthenticatedUser user) {
        ProfileView view = profiles.becomeCreator(user.id());
        return new CreatorResponse(view.id(), view.roles(), profiles.accessToken(view));
    }
}
