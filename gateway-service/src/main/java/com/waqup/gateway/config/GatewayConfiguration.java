package com.waqup.gateway.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own settings ({@code waqup.gateway.*}), read by the edge filters, the security chain, the rate
 * limiter and the API docs routes alike; they live here, in no one capability, so those packages depend on
 * {@code config} and never on each other for them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {
}
