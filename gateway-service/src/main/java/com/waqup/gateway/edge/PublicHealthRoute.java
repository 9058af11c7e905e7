package com.waqup.gateway.edge;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /actuator/health} on the public port: the gateway's overall status and nothing else ({@code {"status":
 * "UP"}}, 200, or 503 when it is not up), for whoever checks from outside. Components, versions, disk paths and sizes
 * are shown only on the management port, which is not exposed.
 */
@Configuration(proxyBeanMethods = false)
class PublicHealthRoute {

    @Bean
    RouterFunction<ServerResponse> publicHealth(ObjectProvider<HealthEndpoint> health) {
        return RouterFunctions.route(RequestPredicates.GET("/actuator/health"), request -> {
            HealthEndpoint endpoint = health.getIfAvailable();
            if (endpoint == null) {
                return ServerResponse.notFound().build();
            }
            return Mono.fromCallable(() -> endpoint.health().getStatus()).subscribeOn(Schedulers.boundedElastic())
                    .flatMap(status -> ServerResponse.status(Status.UP.equals(status) ? 200 : 503)
                            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", status.getCode())));
        });
    }
}
