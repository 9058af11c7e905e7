package com.waqup.common.web;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import com.waqup.common.client.Deadline;
import com.waqup.common.error.ErrorCodes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request that carries its caller's {@link Deadline} ({@value Deadline#HEADER}, set by the gateway and by
 * {@code InternalClient}) is refused with a 504 {@code GATEWAY_TIMEOUT} envelope when that moment has passed: its
 * caller no longer waits, so no work is done for it. Otherwise the deadline holds for the request's thread, and the
 * calls it makes to other services wait no longer than the time left. A request without one has no deadline here.
 */
class DeadlineFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DeadlineFilter.class);

    private final JsonMapper json;

    DeadlineFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant deadline = Deadline.parse(request.getHeader(Deadline.HEADER));
        if (deadline != null && !deadline.isAfter(Instant.now())) {
            log.info("refused {} {}: its caller's deadline passed {} ms ago", request.getMethod(), request.getRequestURI(),
                    Instant.now().toEpochMilli() - deadline.toEpochMilli());
            FilterEnvelopes.write(json, request, response, 504, ErrorCodes.forStatus(504), ErrorCodes.messageForStatus(504),
                    Map.of());
            return;
        }
        try (Deadline.Scope ignored = Deadline.enter(deadline)) {
            chain.doFilter(request, response);
        }
    }
}
