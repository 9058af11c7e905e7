package com.waqup.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * This service's credential for {@code /internal/**} calls to other services: a short-lived JWT that
 * user-service issues to a service authenticating with its name and the shared service secret. Cached and
 * renewed shortly before it expires. {@link #interceptor()} adds it to a {@link RestClient}.
 */
public class ServiceTokenClient {

    private final RestClient http;
    private final WaqupSecurityProperties.ServiceClient config;
    private final String serviceName;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.EPOCH;

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

    public synchronized String token() {
        if (token == null || clock.instant().isAfter(renewAt)) {
            Map<?, ?> response = http.post().uri(config.tokenUri())
                    .headers(h -> h.setBasicAuth(serviceName, config.secret()))
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                    .retrieve().body(Map.class);
            if (response == null || !(response.get("access_token") instanceof String t)) {
                throw new IllegalStateException("service token endpoint returned no token");
            }
            long expiresIn = response.get("expires_in") instanceof Number n ? n.longValue() : 60;
            token = t;
            renewAt = clock.instant().plusSeconds(expiresIn).minus(config.refreshBefore());
        }
        return token;
    }

    /** Adds {@code Authorization: Bearer <service token>} to every request of the client it is added to. */
    public ClientHttpRequestInterceptor interceptor() {
        return (request, body, execution) -> {
            request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + token());
            return execution.execute(request, body);
        };
    }
}
