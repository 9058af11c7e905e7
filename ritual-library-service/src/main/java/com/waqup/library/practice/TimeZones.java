package com.waqup.library.practice;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.UUID;

import com.waqup.common.client.InternalCallException;
import com.waqup.common.client.InternalClient;
import com.waqup.common.client.InternalClients;
import com.waqup.library.content.ContentErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The time zone a person's days are counted in: the {@code time_zone} query parameter if given (an IANA name,
 * 400 otherwise), else the {@code time_zone} preference from user-service ({@code GET /internal/users/{id}} with
 * this service's token), else UTC when user-service cannot answer or has none.
 */
@Component
class TimeZones {

    static final ZoneId UTC = ZoneId.of("UTC");
    private static final Logger log = LoggerFactory.getLogger(TimeZones.class);
    private final InternalClient users;

    TimeZones(InternalClients clients) {
        this.users = clients.client("user");
    }

    /** The part of user-service's profile this service reads. */
    record Profile(Preferences preferences) {

        record Preferences(String timeZone) {
        }
    }

    static ZoneId parse(String raw) {
        try {
            return ZoneId.of(raw.trim());
        } catch (DateTimeException e) {
            throw ContentErrors.invalid("time_zone", "must be an IANA time zone such as Europe/Paris");
        }
    }

    ZoneId of(UUID userId, String requested) {
        if (requested != null && !requested.isBlank()) {
            return parse(requested);
        }
        try {
            Profile profile = users.get(Profile.class, "/internal/users/{id}", userId);
            String zone = profile != null && profile.preferences() != null ? profile.preferences().timeZone() : null;
            if (zone != null && !zone.isBlank()) {
                return ZoneId.of(zone);
            }
        } catch (InternalCallException | DateTimeException e) {
            log.warn("time zone of {} unavailable, counting days in UTC: {}", userId, e.getMessage());
        }
        return UTC;
    }
}
