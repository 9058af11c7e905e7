package com.waqup.common.docs;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Each service's OpenAPI document names the service and uses a relative server URL, so the gateway's
 * Swagger UI (which serves every document under {@code /docs/{service}}) sends "try it out" calls through
 * the gateway, never straight to a service port.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class OpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(OpenAPI.class)
    OpenAPI waqupOpenApi(@Value("${spring.application.name:waqup}") String name) {
        return new OpenAPI()
                .info(new Info().title("waQup " + name).version("v1")
                        .description("Part of the waQup API. Errors use the envelope {\"error\": {code, message, details, trace_id}}; "
                                + "lists carry {page, limit, total, pages, has_next, has_prev}."))
                .servers(List.of(new Server().url("/").description("through the gateway")));
    }
}
