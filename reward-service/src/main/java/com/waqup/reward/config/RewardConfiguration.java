package com.waqup.reward.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RewardProperties.class)
class RewardConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
