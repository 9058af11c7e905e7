package com.waqup.catalog.access;

import java.util.UUID;

import com.waqup.catalog.config.CatalogProperties;
import com.waqup.common.client.InternalCallException;
import com.waqup.common.client.InternalClients;
import com.waqup.common.error.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may open a pack: ritual-library owns pack access (creator, free claims, purchases), the catalog asks it
 * ({@code GET /internal/packs/{pack_id}/access?user_id=}) through common-lib's internal client. The creator needs no
 * call. When ritual-library cannot answer, the question fails with 503 {@code ACCESS_UNAVAILABLE} rather than
 * guessing (a wrong "no" would offer to sell a pack the person owns; a wrong "yes" would let anyone review it).
 */
@Component
public class PackAccess {

    private static final Logger log = LoggerFactory.getLogger(PackAccess.class);

    private final InternalClients clients;
    private final CatalogProperties properties;

    PackAccess(InternalClients clients, CatalogProperties properties) {
        this.clients = clients;
        this.properties = properties;
    }

    /** ritual-library's answer, as the contract shapes it. */
    record Answer(UUID packId, UUID userId, Boolean hasAccess, String source) {
    }

    /** Whether {@code userId} has access to {@code packId}, created by {@code creatorId}. */
    public boolean hasAccess(UUID packId, UUID creatorId, UUID userId) {
        if (userId.equals(creatorId)) {
            return true;
        }
        try {
            Answer answer = clients.client(properties.accessService())
                    .get(Answer.class, "/internal/packs/{pack_id}/access?user_id={user_id}", packId, userId);
            return answer != null && Boolean.TRUE.equals(answer.hasAccess());
        } catch (InternalCallException e) {
            log.warn("pack access of {} to {} unknown: {}", userId, packId, e.getMessage());
            throw DomainException.unavailable("ACCESS_UNAVAILABLE",
                    "Pack access cannot be checked right now; try again shortly");
        }
    }
}
