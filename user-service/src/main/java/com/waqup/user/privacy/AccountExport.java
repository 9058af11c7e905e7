package com.waqup.user.privacy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.waqup.common.error.ApiException;
import com.waqup.common.security.ServiceTokenClient;
import com.waqup.user.profile.ProfileService;

/**
 * The account export (docs/privacy.md): the profile from here and every participating service's part from its
 * {@code GET /internal/users/{id}/export}, in one JSON document. All or nothing: an export that silently missed a
 * service would break the promise, so a service that cannot answer makes it a 503 the person can retry.
 */
@Service
public class AccountExport {

    private static final Logger log = LoggerFactory.getLogger(AccountExport.class);

    private final ProfileService profiles;
    private final Map<String, RestClient> participants = new TreeMap<>();
    private final Clock clock;

    AccountExport(ProfileService profiles, PrivacyProperties properties, RestClient.Builder builder, ServiceTokenClient tokens,
            Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(java.time.Duration.ofSeconds(2));
        factory.setReadTimeout(properties.exportTimeout());
        properties.participants().forEach((name, url) -> participants.put(name,
                builder.clone().baseUrl(url).requestFactory(factory).requestInterceptor(tokens.interceptor()).build()));
    }

    public Map<String, Object> export(UUID userId) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("exported_at", clock.instant());
        document.put("user", profiles.get(userId));
        Map<String, Object> services = new LinkedHashMap<>();
        participants.forEach((name, http) -> services.put(name, part(name, http, userId)));
        document.put("services", services);
        return document;
    }

    private Object part(String name, RestClient http, UUID userId) {
        try {
            Map<?, ?> body = http.get().uri("/internal/users/{id}/export", userId).retrieve().body(Map.class);
            if (body == null) {
                throw new IllegalStateException("empty export");
            }
            return body.get("data");
        } catch (RestClientException | IllegalStateException e) {
            log.warn("export of {} from {} failed: {}", userId, name, e.toString());
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "EXPORT_UNAVAILABLE",
                    "Your export cannot be assembled right now; please try again shortly", Map.of("service", name))
                    .withHeader("Retry-After", "10");
        }
    }
}
