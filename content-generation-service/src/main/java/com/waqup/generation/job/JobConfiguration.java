package com.waqup.generation.job;

import com.waqup.generation.config.GenerationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class JobConfiguration {

    @Bean
    EstimatedTime estimatedTime(GenerationProperties properties) {
        return new EstimatedTime(properties.estimate());
    }
}
