package com.waqup.gateway.edge;

import com.waqup.common.correlation.CorrelationId;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Accepts a well-formed {@code X-Correlation-Id} from the client or generates one, sends it downstream,
 * echoes it on the response and keeps it in the Reactor context, from where it reaches the MDC of every log
 * line written while handling the request.
 */
@Component
class CorrelationIdWebFilter implements WebFilter, Ordered {

    static final String ATTRIBUTE = CorrelationIdWebFilter.class.getName() + ".id";

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(new MdcAccessor());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = CorrelationId.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(CorrelationId.HEADER));
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(h -> h.set(CorrelationId.HEADER, id)).build();
        exchange.getAttributes().put(ATTRIBUTE, id);
        // set just before the response is written, replacing a downstream's echo of the header
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(CorrelationId.HEADER, id);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build())
                .contextWrite(ctx -> ctx.put(CorrelationId.MDC_KEY, id));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    static String of(ServerWebExchange exchange) {
        Object id = exchange.getAttribute(ATTRIBUTE);
        return id instanceof String s ? s : CorrelationId.generate();
    }

    /** Moves the correlation id between the Reactor context and the logging MDC. */
    static final class MdcAccessor implements ThreadLocalAccessor<String> {

        @Override
        public Object key() {
            return CorrelationId.MDC_KEY;
        }

        @Override
        public String getValue() {
            return MDC.get(CorrelationId.MDC_KEY);
        }

        @Override
        public void setValue(String value) {
            MDC.put(CorrelationId.MDC_KEY, value);
        }

        @Override
        public void setValue() {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }
}
