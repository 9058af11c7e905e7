package com.waqup.common.test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.waqup.common.client.InternalCallPolicy;
import com.waqup.common.client.InternalClient;
import com.waqup.common.client.InternalClients;
import com.waqup.common.client.InternalServicesProperties;
import com.waqup.common.http.RestClientAutoConfiguration;
import com.waqup.common.security.ServiceTokenClient;
import com.waqup.common.security.WaqupSecurityProperties;
import org.springframework.web.client.RestClient;

/**
 * An {@link InternalClient} outside a Spring context, for unit tests of a service's client class against a real
 * socket: the correlation id as in a service, a service token from {@link TestTokens}' issuer.
 */
public final class TestInternalClients {

    private TestInternalClients() {
    }

    /** The client of {@code service} at {@code url}: connect timeout 2 s, the given read timeout. */
    public static InternalClient client(String service, String url, Duration readTimeout) {
        return client(service, url, readTimeout, InternalCallPolicy.defaults());
    }

    /** The client of {@code service} at {@code url} guarded by {@code policy} (circuit breaker, bulkhead, retry). */
    public static InternalClient client(String service, String url, Duration readTimeout, InternalCallPolicy policy) {
        RestClient.Builder builder = RestClient.builder().requestInterceptor(RestClientAutoConfiguration.correlationIdInterceptor());
        WaqupSecurityProperties security = new WaqupSecurityProperties(TestTokens.shared().jwksUri(), TestTokens.ISSUER,
                "waqup-api", "waqup-internal", List.of(), new WaqupSecurityProperties.ServiceClient(
                        TestTokens.shared().serviceTokenUri(), "test-secret", Duration.ofSeconds(60)), Duration.ofSeconds(5));
        ServiceTokenClient tokens = new ServiceTokenClient(RestClient.builder(), security, "test-service", Clock.systemUTC());
        return new InternalClients(builder, tokens, new InternalServicesProperties(Map.of(service,
                new InternalServicesProperties.Endpoint(url, Duration.ofSeconds(2), readTimeout))), policy, null).client(service);
    }
}
