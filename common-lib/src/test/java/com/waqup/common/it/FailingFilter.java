package com.waqup.common.it;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/** Fails outside Spring MVC, so the servlet container's error dispatch (/error) has to render the envelope. */
class FailingFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().equals("/probe/filter-fails")) {
            throw new IllegalStateException("secret filter detail");
        }
        if (request.getRequestURI().equals("/probe/filter-forbids")) {
            response.sendError(403);
            return;
        }
        chain.doFilter(request, response);
    }
}
