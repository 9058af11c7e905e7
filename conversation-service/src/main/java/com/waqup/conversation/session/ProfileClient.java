package com.waqup.conversation.session;

import java.util.UUID;

import com.waqup.common.client.InternalCallException;
import com.waqup.common.client.InternalClient;
import com.waqup.common.client.InternalClients;
import com.waqup.conversation.dialogue.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The person's voice, pace and tone preferences from user-service; platform defaults if it cannot answer. No pace
 * when they never chose one: content-generation then uses the default of the kind of practice.
 */
@Component
public class ProfileClient {

    private static final Logger log = LoggerFactory.getLogger(ProfileClient.class);
    private static final Session.Defaults PLATFORM = new Session.Defaults(null, null, "warm");
    private final InternalClient users;

    ProfileClient(InternalClients clients) {
        this.users = clients.client("user");
    }

    /** The part of user-service's profile this service reads. */
    record Profile(Preferences preferences) {

        record Preferences(String voiceId, String pace, String tone) {
        }
    }

    public Session.Defaults defaultsFor(UUID userId) {
        try {
            Profile profile = users.get(Profile.class, "/internal/users/{id}", userId);
            if (profile != null && profile.preferences() != null) {
                Profile.Preferences p = profile.preferences();
                return new Session.Defaults(p.voiceId(), p.pace(),
                        p.tone() != null ? p.tone() : PLATFORM.tone());
            }
        } catch (InternalCallException e) {
            log.warn("profile of {} unavailable, using platform defaults: {}", userId, e.getMessage());
        }
        return PLATFORM;
    }
}
