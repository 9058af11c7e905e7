package com.waqup.common.web;

import java.util.List;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Servlet services: correlation-id filter, error envelope (MVC and container errors), pagination binding, the bounded
 * request body ({@link RequestSizeFilter}), storable text in query strings ({@link StorableTextFilter}), the caller's
 * deadline ({@link DeadlineFilter}) and a 503 for a dependency that does not answer ({@link DependencyFailureHandler}).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebLimitsProperties.class)
public class ServletWebAutoConfiguration {

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR,
                DispatcherType.ASYNC);
        return registration;
    }

    /** Right after the correlation id (so a refusal carries it), before security: nothing reads a body past the limit. */
    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(WebLimitsProperties limits, JsonMapper json) {
        FilterRegistrationBean<RequestSizeFilter> registration = new FilterRegistrationBean<>(new RequestSizeFilter(limits, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<StorableTextFilter> storableTextFilter(JsonMapper json) {
        FilterRegistrationBean<StorableTextFilter> registration = new FilterRegistrationBean<>(new StorableTextFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** After the correlation id (a refusal carries it), before security and any work: see {@link DeadlineFilter}. */
    @Bean
    FilterRegistrationBean<DeadlineFilter> deadlineFilter(JsonMapper json) {
        FilterRegistrationBean<DeadlineFilter> registration = new FilterRegistrationBean<>(new DeadlineFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    @Bean
    @ConditionalOnClass(name = {
            "org.springframework.dao.DataAccessException", "org.springframework.transaction.CannotCreateTransactionException" })
    DependencyFailureHandler dependencyFailureHandler() {
        return new DependencyFailureHandler();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorEnvelopeHandler.class)
    ErrorEnvelopeHandler errorEnvelopeHandler() {
        return new ErrorEnvelopeHandler();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    EnvelopeErrorController envelopeErrorController() {
        return new EnvelopeErrorController();
    }

    @Bean
    WebMvcConfigurer pageQueryConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new PageQueryArgumentResolver());
            }
        };
    }
}
