package com.waqup.conversation.clients;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.security.ServiceTokenClient;
import com.waqup.conversation.config.ConversationProperties;
import com.waqup.conversation.dialogue.ContentType;
import com.waqup.conversation.dialogue.Dialogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** What a creation costs the person and what they have, from credit-service (shown at confirmation). */
@Component
public class CreditClient {

    private static final Logger log = LoggerFactory.getLogger(CreditClient.class);
    private final RestClient http;
    private final ConversationProperties properties;

    CreditClient(RestClient.Builder builder, ServiceTokenClient tokens, ConversationProperties properties) {
        this.http = ServiceClients.internal(builder, tokens, properties.creditServiceUrl(), Duration.ofSeconds(2));
        this.properties = properties;
    }

    /** The quote; if credit-service cannot answer, the configured cost and an unknown balance. */
    public Dialogue.Quote quote(UUID userId, ContentType type) {
        try {
            Map<?, ?> quote = http.get().uri("/internal/credits/quote?user_id={u}&content_type={t}", userId, type.code())
                    .retrieve().body(Map.class);
            if (quote != null && quote.get("required") instanceof Number required && quote.get("available") instanceof Number available) {
                return new Dialogue.Quote(required.intValue(), available.intValue());
            }
        } catch (RestClientException | IllegalStateException e) {
            log.warn("credit quote for {} unavailable: {}", userId, e.toString());
        }
        return new Dialogue.Quote(properties.fallbackCosts().getOrDefault(type.code(), 1), null);
    }
}
