package com.waqup.common.client;

import com.waqup.common.security.ServiceTokenClient;
import com.waqup.common.security.ServletSecurityAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * {@link InternalClients} for every service that has a service token (every servlet service), guarded by
 * {@link InternalCallPolicy} ({@code waqup.internal-calls.*}) with its meters in the service's registry.
 */
@AutoConfiguration(after = ServletSecurityAutoConfiguration.class,
        afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass(RestClient.class)
@ConditionalOnBean(ServiceTokenClient.class)
@EnableConfigurationProperties({ InternalServicesProperties.class, InternalCallPolicy.class })
public class InternalClientAutoConfiguration {

    @Bean
    InternalClients internalClients(RestClient.Builder builder, ServiceTokenClient tokens,
            InternalServicesProperties properties, InternalCallPolicy policy, ObjectProvider<MeterRegistry> meters) {
        return new InternalClients(builder, tokens, properties, policy, meters.getIfAvailable());
    }
}
