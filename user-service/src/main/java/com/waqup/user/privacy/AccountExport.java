package com.waqup.user.privacy;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.waqup.common.client.InternalCallException;
import com.waqup.common.client.InternalClient;
import com.waqup.common.client.InternalClients;
import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.user.profile.ProfileService;
import com.waqup.user.tier.PaidTier;

/**
 * The account export (docs/privacy.md): the profile from here and every participating service's part from its
 * {@code GET /internal/users/{id}/export}, in one JSON document. All or nothing: an export that silently missed a
 * service would break the promise, so a service that cannot answer makes it a 503 the person can retry.
 */
@Service
public class AccountExport {

    private static final Logger log = LoggerFactory.getLogger(AccountExport.class);

    private final ProfileService profiles;
    private final Map<String, InternalClient> participants = new TreeMap<>();
    private final Clock clock;

    private final PaidTier paidTier;

    AccountExport(ProfileService profiles, PrivacyProperties properties, InternalClients clients, Clock clock,
            PaidTier paidTier) {
        this.paidTier = paidTier;
        this.profiles = profiles;
        this.clock = clock;
        properties.participants().forEach(name -> participants.put(name, clients.client(name, properties.exportTimeout())));
    }

    /** A participant's part, as common-lib's export endpoint answers it. */
    record Part(Object data) {
    }

    public Map<String, Object> export(UUID userId) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("exported_at", clock.instant());
        document.put("user", profiles.get(userId));
        document.put("paid_access", paidTier.export(userId));
        Map<String, Object> services = new LinkedHashMap<>();
        participants.forEach((name, client) -> services.put(name, part(name, client, userId)));
        document.put("services", services);
        return document;
    }

    private Object part(String name, InternalClient client, UUID userId) {
        try {
            Part part = client.get(Part.class, "/internal/users/{id}/export", userId);
            if (part != null) {
                return part.data();
            }
            log.warn("export of {} from {} failed: an empty answer", userId, name);
        } catch (InternalCallException e) {
            log.warn("export of {} from {} failed: {}", userId, name, e.getMessage());
        }
        throw new DomainException(ErrorKind.UNAVAILABLE, "EXPORT_UNAVAILABLE",
                "Your export cannot be assembled right now; please try again shortly", Map.of("service", name))
                .retryAfter(Duration.ofSeconds(10));
    }
}
