package com.waqup.generation.job;

import com.waqup.common.security.ServiceTokenClient;
import com.waqup.generation.config.GenerationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class JobConfiguration {

    /**
     * credit-service's client: Boot's builder (JSON conventions, correlation id), this service's token, and
     * bounded waits so a dead or hung credit-service is a quick 503, never a hung request.
     */
    @Bean
    CreditHolds creditHolds(RestClient.Builder builder, ObjectProvider<ClientHttpRequestFactoryBuilder<?>> factories,
            ServiceTokenClient serviceToken, GenerationProperties properties) {
        HttpClientSettings timeouts = HttpClientSettings.defaults()
                .withTimeouts(properties.creditConnectTimeout(), properties.creditReadTimeout());
        RestClient http = builder.baseUrl(properties.creditServiceUrl().toString())
                .requestFactory(factories.getIfAvailable(ClientHttpRequestFactoryBuilder::detect).build(timeouts))
                .requestInterceptor(serviceToken.interceptor())
                .build();
        return new CreditHolds(http);
    }

    @Bean
    EstimatedTime estimatedTime(GenerationProperties properties) {
        return new EstimatedTime(properties.estimate());
    }
}
