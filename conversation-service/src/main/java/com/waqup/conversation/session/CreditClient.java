package com.waqup.conversation.session;

import java.util.UUID;

import com.waqup.common.client.InternalCallException;
import com.waqup.common.client.InternalClient;
import com.waqup.common.client.InternalClients;
import com.waqup.conversation.config.ConversationProperties;
import com.waqup.conversation.dialogue.ContentType;
import com.waqup.conversation.dialogue.Dialogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What a creation costs the person and what they have, from credit-service (shown at confirmation). */
@Component
public class CreditClient {

    private static final Logger log = LoggerFactory.getLogger(CreditClient.class);
    private final InternalClient credit;
    private final ConversationProperties properties;

    CreditClient(InternalClients clients, ConversationProperties properties) {
        this.credit = clients.client("credit");
        this.properties = properties;
    }

    /** The part of credit-service's quote this service reads. */
    record CreditQuote(Integer required, Integer available) {
    }

    /** The quote; if credit-service cannot answer, the configured cost and an unknown balance. */
    public Dialogue.Quote quote(UUID userId, ContentType type) {
        try {
            CreditQuote quote = credit.get(CreditQuote.class, "/internal/credits/quote?user_id={u}&content_type={t}", userId,
                    type.code());
            if (quote != null && quote.required() != null && quote.available() != null) {
                return new Dialogue.Quote(quote.required(), quote.available());
            }
        } catch (InternalCallException e) {
            log.warn("credit quote for {} unavailable: {}", userId, e.getMessage());
        }
        return new Dialogue.Quote(properties.fallbackCosts().getOrDefault(type.code(), 1), null);
    }
}
