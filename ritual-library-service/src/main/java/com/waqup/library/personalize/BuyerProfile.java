package com.waqup.library.personalize;

import java.util.UUID;

import com.waqup.common.client.InternalCallException;
import com.waqup.common.client.InternalClient;
import com.waqup.common.client.InternalClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The buyer's preferred voice and pace from user-service ({@code GET /internal/users/{id}}, service token). When
 * user-service cannot answer, the personalization goes on with none (content-generation's defaults for the type).
 */
@Component
class BuyerProfile {

    private static final Logger log = LoggerFactory.getLogger(BuyerProfile.class);
    private final InternalClient users;

    BuyerProfile(InternalClients clients) {
        this.users = clients.client("user");
    }

    /** The part of user-service's profile this reads. */
    record Profile(Preferences preferences) {

        record Preferences(String voiceId, String pace) {
        }
    }

    record Preferred(String voiceId, String pace) {

        static final Preferred NONE = new Preferred(null, null);
    }

    Preferred of(UUID userId) {
        try {
            Profile profile = users.get(Profile.class, "/internal/users/{id}", userId);
            if (profile == null || profile.preferences() == null) {
                return Preferred.NONE;
            }
            return new Preferred(blankToNull(profile.preferences().voiceId()), blankToNull(profile.preferences().pace()));
        } catch (InternalCallException e) {
            log.warn("preferences of {} unavailable, personalizing with the defaults: {}", userId, e.getMessage());
            return Preferred.NONE;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
