package com.waqup.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * This service's credentials for {@code /internal/**} calls to other services: a short-lived JWT per service called
 * (its audience), which user-service issues to this service authenticating with its name and its own secret, carrying
 * only the scopes this service holds there ({@link ServiceGrants}). Cached per audience and renewed shortly before
 * it expires. {@link #interceptor(String)} adds the token for one service to a {@link RestClient}.
 */
public class ServiceTokenClient {

    private final RestClient http;
    private final WaqupSecurityProperties.ServiceClient config;
    private final String serviceName;
    private final Clock clock;
    private final Map<String, Cached> tokens = new ConcurrentHashMap<>();

    private record Cached(String token, Instant renewAt) {
    }

    public ServiceTokenClient(RestClient.Builder builder, WaqupSecurityProperties properties, String serviceName,
            Clock clock) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(Duration.ofSeconds(2));
        factory.setReadTimeout(Duration.ofSeconds(5));
        this.http = builder.clone().requestFactory(factory).build();
        this.config = properties.serviceClient();
        this.serviceName = serviceName;
        this.clock = clock;
    }

    /** A token for calling {@code service} ({@code credit-service}, or its short name {@code credit}). */
    public String token(String service) {
        String audience = ServiceGrants.serviceName(service);
        Cached cached = tokens.get(audience);
        if (cached != null && !clock.instant().isAfter(cached.renewAt())) {
            return cached.token();
        }
        synchronized (this) {
            cached = tokens.get(audience);
            if (cached != null && !clock.instant().isAfter(cached.renewAt())) {
                return cached.token();
            }
            Map<?, ?> response = http.post().uri(config.tokenUri() + "?audience={audience}", audience)
                    .headers(h -> h.setBasicAuth(serviceName, ServiceCredentials.effective(config.secret(), serviceName)))
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                    .retrieve().body(Map.class);
            if (response == null || !(response.get("access_token") instanceof String t)) {
                throw new IllegalStateException("service token endpoint returned no token");
            }
            long expiresIn = response.get("expires_in") instanceof Number n ? n.longValue() : 60;
            tokens.put(audience, new Cached(t, clock.instant().plusSeconds(expiresIn).minus(config.refreshBefore())));
            return t;
        }
    }

    /** Adds {@code Authorization: Bearer <token for service>} to every request of the client it is added to. */
    public ClientHttpRequestInterceptor interceptor(String service) {
        return (request, body, execution) -> {
            request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + token(service));
            return execution.execute(request, body);
        };
    }
}
