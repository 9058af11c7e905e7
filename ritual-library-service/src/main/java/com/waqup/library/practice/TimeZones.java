package com.waqup.library.practice;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.security.ServiceTokenClient;
import com.waqup.library.content.ContentErrors;
import com.waqup.library.config.LibraryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The time zone a person's days are counted in: the {@code time_zone} query parameter if given (an IANA name,
 * 400 otherwise), else the {@code time_zone} preference from user-service ({@code GET /internal/users/{id}} with
 * this service's token), else UTC when user-service cannot answer or has none.
 */
@Component
class TimeZones {

    static final ZoneId UTC = ZoneId.of("UTC");
    private static final Logger log = LoggerFactory.getLogger(TimeZones.class);
    private final RestClient users;

    TimeZones(RestClient.Builder builder, ServiceTokenClient tokens, LibraryProperties properties) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(Duration.ofSeconds(1));
        factory.setReadTimeout(Duration.ofSeconds(2));
        this.users = builder.clone().baseUrl(properties.userServiceUrl()).requestFactory(factory)
                .requestInterceptor(tokens.interceptor()).build();
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
            Map<?, ?> profile = users.get().uri("/internal/users/{id}", userId).retrieve().body(Map.class);
            if (profile != null && profile.get("preferences") instanceof Map<?, ?> p && p.get("time_zone") instanceof String tz
                    && !tz.isBlank()) {
                return ZoneId.of(tz);
            }
        } catch (RestClientException | IllegalStateException | DateTimeException e) {
            log.warn("time zone of {} unavailable, counting days in UTC: {}", userId, e.toString());
        }
        return UTC;
    }
}
