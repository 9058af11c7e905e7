package com.waqup.gateway.docs;

import com.waqup.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves every service's OpenAPI document through the gateway at {@code /docs/{service}/v3/api-docs}, so the
 * gateway's Swagger UI lists all of them and "try it out" goes through the gateway.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsRoutes {

    @Bean
    RouteLocator apiDocsRouteLocator(RouteLocatorBuilder builder, GatewayProperties services) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        services.services().forEach((name, uri) -> routes.route("docs-" + name, r -> r
                .path("/docs/" + name + "/v3/api-docs")
                .filters(f -> f.setPath("/v3/api-docs"))
                .uri(uri)));
        return routes.build();
    }
}
