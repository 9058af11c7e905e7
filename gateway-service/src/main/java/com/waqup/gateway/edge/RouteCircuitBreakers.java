package com.waqup.gateway.edge;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.waqup.common.error.ErrorCodes;
import com.waqup.gateway.config.GatewayProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One Resilience4j circuit breaker per route (the {@code CircuitBreaker} default filter, named after the route), and
 * its fallback: a service that cannot be reached, does not answer within the route's response timeout, or whose
 * circuit is open is the seed's envelope at once, 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After} (504
 * {@code GATEWAY_TIMEOUT} when it did not answer in time), never a hang. The wait itself is bounded by the route's
 * response timeout (Spring Cloud CircuitBreaker's own time limiter is off), so long-lived WebSocket sessions are not
 * cut. See docs/resilience.md.
 */
@Configuration(proxyBeanMethods = false)
class RouteCircuitBreakers {

    /** Where the circuit breaker filter forwards a failed request ({@code fallbackUri} in application.yml). */
    static final String FALLBACK_PATH = "/gateway-fallback/unavailable";
    /** Seconds a client is asked to wait before repeating a request the service could not serve. */
    static final long RETRY_AFTER_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(RouteCircuitBreakers.class);

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> routeCircuitBreakerDefaults(GatewayProperties properties) {
        GatewayProperties.CircuitBreaker policy = properties.circuitBreaker();
        CircuitBreakerConfig circuitBreaker = policy.circuitBreakerConfig().build();
        // not used while spring.cloud.circuitbreaker.resilience4j.disable-time-limiter is true (application.yml): the
        // route's response timeout bounds the wait; a backstop should it ever be switched on
        TimeLimiterConfig timeLimiter = TimeLimiterConfig.custom().timeoutDuration(Duration.ofMinutes(2)).build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(circuitBreaker).timeLimiterConfig(timeLimiter).build());
    }

    @Bean
    RouterFunction<ServerResponse> circuitBreakerFallback(EnvelopeWriter writer) {
        return RouterFunctions.route(RequestPredicates.path(FALLBACK_PATH), request -> {
            ServerWebExchange exchange = request.exchange();
            Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
            if (failure == null) {
                // asked for directly, not forwarded by a circuit breaker: there is no such public path
                return writer.write(exchange, HttpStatus.NOT_FOUND, ErrorCodes.forStatus(404), ErrorCodes.messageForStatus(404),
                        Map.of()).then(Mono.empty());
            }
            HttpStatus status = timedOut(failure) ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE;
            Object route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            log.warn("route {} answered {} for {} {}: {}", route instanceof org.springframework.cloud.gateway.route.Route r
                    ? r.getId() : "?", status.value(), request.method(), exchange.getRequest().getPath(), failure.toString());
            Map<String, Object> details = Map.of();
            if (status == HttpStatus.SERVICE_UNAVAILABLE) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
                details = Map.of("retry_after", RETRY_AFTER_SECONDS);
            }
            return writer.write(exchange, status, ErrorCodes.forStatus(status.value()),
                    ErrorCodes.messageForStatus(status.value()), details).then(Mono.empty());
        });
    }

    private static boolean timedOut(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof ResponseStatusException rse && rse.getStatusCode().value() == 504) {
                return true;
            }
        }
        return false;
    }
}
