package com.waqup.gateway.docs;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/**
 * Serves every service's OpenAPI document through the gateway at {@code /docs/{service}/v3/api-docs}, so the
 * gateway's Swagger UI lists all of them and "try it out" goes through the gateway.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiDocsRoutes.GatewayServices.class)
class ApiDocsRoutes {

    @Bean
    RouteLocator apiDocsRouteLocator(RouteLocatorBuilder builder, GatewayServices services) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        services.services().forEach((name, uri) -> routes.route("docs-" + name, r -> r
                .path("/docs/" + name + "/v3/api-docs")
                .filters(f -> f.setPath("/v3/api-docs"))
                .uri(uri)));
        return routes.build();
    }

    /** The downstream services by name, with their base URLs. */
    @ConfigurationProperties("waqup.gateway")
    @Validated
    record GatewayServices(@jakarta.validation.constraints.NotEmpty Map<String, String> services) {
    }
}
