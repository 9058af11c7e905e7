package com.waqup.library.storage;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    StorageCleanup storageCleanup(JdbcTemplate jdbc, AudioStorage storage, Clock clock) {
        return new StorageCleanup(jdbc, storage, clock);
    }
}
