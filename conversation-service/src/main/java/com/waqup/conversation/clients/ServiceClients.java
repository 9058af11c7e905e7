package com.waqup.conversation.clients;

import java.time.Duration;

import com.waqup.common.security.ServiceTokenClient;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** RestClients for /internal calls: the service token, the correlation id (common-lib), short timeouts. */
final class ServiceClients {

    private ServiceClients() {
    }

    static RestClient internal(RestClient.Builder builder, ServiceTokenClient tokens, String baseUrl, Duration readTimeout) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(Duration.ofSeconds(2));
        factory.setReadTimeout(readTimeout);
        return builder.clone().baseUrl(baseUrl).requestFactory(factory).requestInterceptor(tokens.interceptor()).build();
    }
}
