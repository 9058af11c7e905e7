package com.waqup.common.http;

import com.waqup.common.correlation.CorrelationId;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/** Every {@link RestClient} built from Boot's builder passes the current correlation id on. */
@AutoConfiguration
@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
public class RestClientAutoConfiguration {

    @Bean
    RestClientCustomizer correlationIdPropagation() {
        return builder -> builder.requestInterceptor(correlationIdInterceptor());
    }

    /** Sets {@code X-Correlation-Id} to the id of the work in progress, unless the request already has one. */
    public static ClientHttpRequestInterceptor correlationIdInterceptor() {
        return (request, body, execution) -> {
            String id = CorrelationId.current();
            if (id != null && !request.getHeaders().containsHeader(CorrelationId.HEADER)) {
                request.getHeaders().set(CorrelationId.HEADER, id);
            }
            return execution.execute(request, body);
        };
    }
}
