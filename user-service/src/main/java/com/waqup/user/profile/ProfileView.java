package com.waqup.user.profile;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.waqup.user.account.Account;
import com.waqup.user.account.Preferences;

/** What {@code GET /api/v1/users/me} shows (and what is cached in Redis as {@code user:{id}:profile}). */
public record ProfileView(UUID id, String email, PreferencesView preferences, List<String> roles, String tier,
        Instant createdAt) {

    public record PreferencesView(String voiceId, String pace, String tone, String language, String backgroundSound,
            String timeZone) {

        static PreferencesView of(Preferences p) {
            return new PreferencesView(p.voiceId(), p.pace(), p.tone(), p.language(), p.backgroundSound(), p.timeZone());
        }
    }

    /** The same view with the tier the person's payments give them (the cached view holds the account's own). */
    public ProfileView withTier(String effectiveTier) {
        return effectiveTier.equals(tier) ? this : new ProfileView(id, email, preferences, roles, effectiveTier, createdAt);
    }

    public static ProfileView of(Account account) {
        return new ProfileView(account.id(), account.email(), PreferencesView.of(account.preferences()),
                List.copyOf(account.roles()), account.tier(), account.createdAt());
    }
}
