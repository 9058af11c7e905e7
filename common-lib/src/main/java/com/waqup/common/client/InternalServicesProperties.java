package com.waqup.common.client;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services this one calls over {@code /internal/**}, by name ({@code waqup.services.<name>}): the name is the
 * module without {@code -service} ({@code credit}, {@code content-generation}, …). A service's
 * {@code application.yml} lists the ones it calls, each URL behind the deployment's variable:
 * {@code waqup.services.credit.url} set to the {@code CREDIT_SERVICE_URL} placeholder with this machine's port as
 * its default, and {@code read-timeout} where the call must answer sooner than 5 s.
 *
 * @param services name → where and how long to wait
 */
@ConfigurationProperties("waqup")
public record InternalServicesProperties(@DefaultValue({}) Map<String, Endpoint> services) {

    public InternalServicesProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
    }

    /**
     * @param url            the service's base URL (scheme, host, port)
     * @param connectTimeout how long a call may wait for a connection
     * @param readTimeout    how long a call may wait for the answer
     * @param audience       the service's name its tokens are issued for (docs/identity.md "Service identity"); by
     *                       default the name with {@code -service} ({@code credit} → {@code credit-service})
     */
    public record Endpoint(String url, @DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout,
            String audience) {

        @ConstructorBinding
        public Endpoint {
        }

        public Endpoint(String url, Duration connectTimeout, Duration readTimeout) {
            this(url, connectTimeout, readTimeout, null);
        }
    }
}
