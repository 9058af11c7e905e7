package com.waqup.common.web;

import java.io.IOException;

import com.waqup.common.correlation.CorrelationId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Accepts the caller's {@code X-Correlation-Id} (the gateway always sends one) or generates one, puts it in
 * the MDC for every log line of the request and echoes it on the response.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    public static final String REQUEST_ATTRIBUTE = CorrelationIdFilter.class.getName() + ".id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = CorrelationId.acceptOrGenerate(request.getHeader(CorrelationId.HEADER));
        request.setAttribute(REQUEST_ATTRIBUTE, id);
        response.setHeader(CorrelationId.HEADER, id);
        try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationId.MDC_KEY, id)) {
            chain.doFilter(request, response);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // the error dispatch logs too, and must keep the id
    }

    /** The id of this request, also after the filter's MDC scope ended (error dispatch). */
    static String of(HttpServletRequest request) {
        Object id = request.getAttribute(REQUEST_ATTRIBUTE);
        if (id instanceof String s) {
            return s;
        }
        String current = CorrelationId.current();
        return current != null ? current : CorrelationId.generate();
    }
}
