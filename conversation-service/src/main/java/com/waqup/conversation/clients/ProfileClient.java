package com.waqup.conversation.clients;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.security.ServiceTokenClient;
import com.waqup.conversation.config.ConversationProperties;
import com.waqup.conversation.dialogue.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** The person's voice, pace and tone preferences from user-service; platform defaults if it cannot answer. */
@Component
public class ProfileClient {

    private static final Logger log = LoggerFactory.getLogger(ProfileClient.class);
    private static final Session.Defaults PLATFORM = new Session.Defaults(null, "moderate", "warm");
    private final RestClient http;

    ProfileClient(RestClient.Builder builder, ServiceTokenClient tokens, ConversationProperties properties) {
        this.http = ServiceClients.internal(builder, tokens, properties.userServiceUrl(), Duration.ofSeconds(2));
    }

    public Session.Defaults defaultsFor(UUID userId) {
        try {
            Map<?, ?> profile = http.get().uri("/internal/users/{id}", userId).retrieve().body(Map.class);
            if (profile != null && profile.get("preferences") instanceof Map<?, ?> p) {
                return new Session.Defaults((String) p.get("voice_id"),
                        p.get("pace") instanceof String pace ? pace : PLATFORM.pace(),
                        p.get("tone") instanceof String tone ? tone : PLATFORM.tone());
            }
        } catch (RestClientException | IllegalStateException e) {
            log.warn("profile of {} unavailable, using platform defaults: {}", userId, e.toString());
        }
        return PLATFORM;
    }
}
