package com.waqup.generation.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GenerationProperties.class)
class GenerationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
