package com.waqup.common.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.waqup.common.security.ServiceTokenClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * The one way a service calls another service's {@code /internal/**} endpoints. {@code client("credit")} is an
 * {@link InternalClient} for {@code waqup.services.credit}: base URL and timeouts from there, a {@link RestClient}
 * from Boot's builder (the platform's JSON, the correlation id, client metrics), this service's token on every
 * request ({@link ServiceTokenClient}), and the other service's error envelope decoded into an
 * {@link InternalCallException}. A name that is not configured fails at once, naming the property to set.
 */
public class InternalClients {

    private final RestClient.Builder builder;
    private final ServiceTokenClient tokens;
    private final InternalServicesProperties properties;
    private final ConcurrentMap<String, InternalClient> clients = new ConcurrentHashMap<>();

    public InternalClients(RestClient.Builder builder, ServiceTokenClient tokens, InternalServicesProperties properties) {
        this.builder = builder;
        this.tokens = tokens;
        this.properties = properties;
    }

    /** The client of {@code waqup.services.<service>}, with its configured timeouts. */
    public InternalClient client(String service) {
        return clients.computeIfAbsent(service, name -> {
            InternalServicesProperties.Endpoint endpoint = endpoint(name);
            return build(name, endpoint.url(), endpoint.connectTimeout(), endpoint.readTimeout());
        });
    }

    /** The client of {@code waqup.services.<service>}, waiting up to {@code readTimeout} for answers (a longer call). */
    public InternalClient client(String service, Duration readTimeout) {
        InternalServicesProperties.Endpoint endpoint = endpoint(service);
        return build(service, endpoint.url(), endpoint.connectTimeout(), readTimeout);
    }

    private InternalServicesProperties.Endpoint endpoint(String service) {
        InternalServicesProperties.Endpoint endpoint = properties.services().get(service);
        if (endpoint == null || !StringUtils.hasText(endpoint.url())) {
            throw new IllegalStateException("waqup.services." + service + ".url is not set: this service calls " + service
                    + " and needs its base URL in application.yml");
        }
        return endpoint;
    }

    private InternalClient build(String service, String url, Duration connectTimeout, Duration readTimeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(readTimeout);
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return new InternalClient(service, builder.clone().baseUrl(base).requestFactory(factory)
                .requestInterceptor(tokens.interceptor(service)).build());
    }
}
