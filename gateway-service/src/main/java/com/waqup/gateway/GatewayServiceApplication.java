package com.waqup.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The only public entry of waQup: routing, correlation ids, error envelope, aggregated API docs.
 * <p>
 * Reactor's automatic context propagation is deliberately not enabled: it restores thread locals around every
 * operator of every request (~10 % of the gateway's CPU in the JFR profile of docs/performance.md) only so that log
 * lines written on Netty threads carry the MDC. The gateway logs rarely (5xx, Redis trouble) and puts the correlation
 * id into the MDC explicitly where it does.
 */
@SpringBootApplication
public class GatewayServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayServiceApplication.class, args);
    }
}
