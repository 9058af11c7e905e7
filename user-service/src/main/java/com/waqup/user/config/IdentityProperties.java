package com.waqup.user.config;

import java.time.Duration;
import java.util.List;

import com.waqup.common.security.ServiceCredentials;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
 * @param serviceClientMasterKey the key every service's own secret is derived from (common-lib's ServiceCredentials);
 *                               which service may call what is common-lib's ServiceGrants
 * @param keyRotationInterval    an active signing key older than this is rotated automatically
 * @param throttle               login throttling
 * @param trustedProxies         addresses or CIDR ranges of the proxies (the gateway) whose {@code X-Forwarded-For}
 *                               entry names the client; from anyone else the TCP peer is the client
 */
@ConfigurationProperties("waqup.identity")
@Validated
public record IdentityProperties(
        @NotNull @DefaultValue("15m") Duration accessTokenTtl,
        @NotNull @DefaultValue("7d") Duration refreshTokenTtl,
        @NotNull @DefaultValue("5m") Duration serviceTokenTtl,
        @NotBlank @DefaultValue(ServiceCredentials.LOCAL_DEV_MASTER_KEY) String serviceClientMasterKey,
        @NotNull @DefaultValue("30d") Duration keyRotationInterval,
        @NotNull @DefaultValue Throttle throttle,
        @NotNull @DefaultValue({ "127.0.0.1/32", "::1/128" }) List<String> trustedProxies) {

    /**
     * Failed logins are counted, within {@code window}, for each account from each client address, for each client
     * address over all accounts, and for each account over all clients. Past a threshold each further failure imposes
     * a wait that doubles (1 s, 2 s, 4 s, …) up to the maximum, then the count expires. One client's failures slow
     * down only that client (on that account after {@code accountFailures}, on every account after {@code ipFailures});
     * only many clients together ({@code accountFailuresAllClients}, a distributed guess at one password) slow an
     * account down for everyone, and then for at most {@code maxAccountDelay} at a time, never locking it out.
     */
    public record Throttle(
            @Min(1) @DefaultValue("5") int accountFailures,
            @Min(1) @DefaultValue("20") int ipFailures,
            @NotNull @DefaultValue("15m") Duration window,
            @NotNull @DefaultValue("5m") Duration maxAccountDelay,
            @NotNull @DefaultValue("15m") Duration maxIpDelay,
            @Min(1) @DefaultValue("50") int accountFailuresAllClients) {
    }
}
