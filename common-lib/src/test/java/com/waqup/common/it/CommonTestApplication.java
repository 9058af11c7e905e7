package com.waqup.common.it;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A minimal service built only from common-lib's auto-configuration, with a probe controller: what every
 * waQup service gets by depending on common-lib, exercised on a real server and real infrastructure.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ ProbeController.class, ProbeListener.class })
public class CommonTestApplication {

    @Bean
    FilterRegistrationBean<FailingFilter> failingFilter() {
        return new FilterRegistrationBean<>(new FailingFilter());
    }
}
