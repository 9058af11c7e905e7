package com.waqup.generation.credit;

import com.waqup.common.client.InternalClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CreditConfiguration {

    /** credit-service's holds ({@code waqup.services.credit}: its URL and bounded waits). */
    @Bean
    CreditHolds creditHolds(InternalClients clients) {
        return new CreditHolds(clients.client("credit"));
    }
}
