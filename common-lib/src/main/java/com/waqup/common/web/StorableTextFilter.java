package com.waqup.common.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.waqup.common.error.ErrorCodes;
import com.waqup.common.json.StorableText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Query parameters and path segments get the same rule as JSON strings ({@link StorableText}): a {@code %00} in a
 * search term or a folder name is a 400 {@code VALIDATION_FAILED} naming the parameter (or {@code path}), never a
 * PostgreSQL error. The query string is decoded here (never {@code getParameter}, which would read a form body).
 */
class StorableTextFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    StorableTextFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        String query = request.getQueryString();
        if (query != null && query.indexOf('%') >= 0) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (name == null || value == null) {
                    continue; // not percent-decodable: left to the container and the binder
                }
                if (!StorableText.isStorable(name) || !StorableText.isStorable(value)) {
                    fields.putIfAbsent(StorableText.isStorable(name) ? name : "query", StorableText.MESSAGE);
                }
            }
        }
        String uri = request.getRequestURI();
        if (uri != null && uri.indexOf('%') >= 0 && !StorableText.isStorable(decode(uri.replace("+", "%2B")))) {
            fields.put("path", StorableText.MESSAGE);
        }
        if (!fields.isEmpty()) {
            FilterEnvelopes.write(json, request, response, 400, ErrorCodes.VALIDATION_FAILED, "The request has invalid fields",
                    Map.of("fields", fields));
            return;
        }
        chain.doFilter(request, response);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
