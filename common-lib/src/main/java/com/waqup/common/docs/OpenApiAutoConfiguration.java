package com.waqup.common.docs;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.waqup.common.paging.PageQuery;
import com.waqup.common.security.AuthenticatedUser;
import com.waqup.common.security.WaqupSecurityProperties;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Each service's OpenAPI document describes the API as a client meets it through the gateway: only the public
 * routes ({@code springdoc.paths-to-match=/api/**}), JSON property names as they are on the wire (snake_case: the
 * schemas are read with a snake_case naming strategy, like the application's own JSON), no parameter for what the
 * server resolves itself (the authenticated person, {@link AuthenticatedUser}), {@code page}/{@code limit} for a
 * {@link PageQuery}, operations grouped by domain, error responses and the bearer scheme ({@link ApiDocsCustomizer}).
 * The server URL is relative, so the gateway's Swagger UI (which serves every document under {@code /docs/{service}})
 * sends "Try it out" calls through the gateway, never straight to a service port.
 */
@AutoConfiguration
@ConditionalOnClass({ OpenAPI.class, SpringDocUtils.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ ApiDocsProperties.class, WaqupSecurityProperties.class })
public class OpenApiAutoConfiguration {

    public OpenApiAutoConfiguration() {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedUser.class, PageQuery.class);
    }

    @Bean
    @ConditionalOnMissingBean(OpenAPI.class)
    OpenAPI waqupOpenApi(@Value("${spring.application.name:waqup}") String name) {
        return new OpenAPI()
                .info(new Info().title("waQup " + name).version("v1")
                        .description("Part of the waQup API, served through the gateway. JSON property names are snake_case. "
                                + "Errors use the envelope {\"error\": {code, message, details, trace_id}}; lists carry "
                                + "{page, limit, total, pages, has_next, has_prev}. Authorize with the access token from "
                                + "POST /api/v1/auth/login."))
                .servers(List.of(new Server().url("/").description("through the gateway")))
                .components(ApiErrors.components());
    }

    /** Schemas read as the application writes JSON: snake_case names (swagger-core reads types with Jackson 2). */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .openapi31(true);
    }

    @Bean
    ApiDocsCustomizer waqupApiDocsCustomizer(ApiDocsProperties properties, WaqupSecurityProperties security) {
        return new ApiDocsCustomizer(properties, security.publicPaths());
    }
}
