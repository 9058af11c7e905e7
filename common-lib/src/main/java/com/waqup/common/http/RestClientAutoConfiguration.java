package com.waqup.common.http;

import com.waqup.common.correlation.CorrelationId;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/** Every {@link RestClient} built from Boot's builder passes the current correlation id on. */
@AutoConfiguration
@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
public class RestClientAutoConfiguration {

    @Bean
    RestClientCustomizer correlationIdPropagation() {
        return builder -> builder.requestInterceptor((request, body, execution) -> {
            String id = CorrelationId.current();
            if (id != null && !request.getHeaders().containsHeader(CorrelationId.HEADER)) {
                request.getHeaders().set(CorrelationId.HEADER, id);
            }
            return execution.execute(request, body);
        });
    }
}
