package com.waqup.common.web;

import java.io.IOException;
import java.util.Map;

import com.waqup.common.error.ErrorEnvelope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** The error envelope written by a servlet filter, before Spring MVC (and its exception handler) sees the request. */
final class FilterEnvelopes {

    private FilterEnvelopes() {
    }

    static void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response, int status, String code,
            String message, Map<String, Object> details) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ErrorEnvelope.of(code, message, details, CorrelationIdFilter.of(request)));
    }
}
