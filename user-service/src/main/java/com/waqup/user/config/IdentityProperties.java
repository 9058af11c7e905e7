package com.waqup.user.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Identity settings (see docs/identity.md).
 *
 * @param accessTokenTtl         lifetime of an access JWT
 * @param refreshTokenTtl        lifetime of a refresh token
 * @param serviceTokenTtl        lifetime of a service JWT
 * @param serviceClients         the service names allowed to obtain a service token
 * @param keyRotationInterval    an active signing key older than this is rotated automatically
 * @param throttle               login throttling
 */
@ConfigurationProperties("waqup.identity")
@Validated
public record IdentityProperties(
        @NotNull @DefaultValue("15m") Duration accessTokenTtl,
        @NotNull @DefaultValue("7d") Duration refreshTokenTtl,
        @NotNull @DefaultValue("5m") Duration serviceTokenTtl,
        @DefaultValue({ "gateway-service", "user-service", "conversation-service", "content-generation-service", "audio-generation-service",
                "ritual-library-service", "credit-service", "creator-service", "catalog-service", "payment-service",
                "reward-service" }) List<String> serviceClients,
        @NotNull @DefaultValue("30d") Duration keyRotationInterval,
        @NotNull @DefaultValue Throttle throttle) {

    /**
     * Failed logins are counted per account and per client IP within {@code window}; past the threshold each
     * further failure imposes a wait that doubles (1 s, 2 s, 4 s, …) up to the maximum, then the count expires.
     * So an attacker can slow a real user's logins down for at most {@code maxAccountDelay}, never lock them out.
     */
    public record Throttle(
            @Min(1) @DefaultValue("5") int accountFailures,
            @Min(1) @DefaultValue("20") int ipFailures,
            @NotNull @DefaultValue("15m") Duration window,
            @NotNull @DefaultValue("5m") Duration maxAccountDelay,
            @NotNull @DefaultValue("15m") Duration maxIpDelay) {
    }
}
