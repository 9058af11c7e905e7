package com.waqup.common.web;

import java.util.Map;

import com.waqup.common.error.ErrorCodes;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}): errors raised outside Spring MVC (a filter, the
 * security chain, the container) get the same envelope as everything else, never Boot's default body.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class EnvelopeErrorController implements ErrorController {

    @RequestMapping
    ResponseEntity<Object> error(HttpServletRequest request) {
        PayloadTooLargeException tooLarge = PayloadTooLargeException.in(
                (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        if (tooLarge != null) { // a body read outside Spring MVC (a filter) went over the limit
            return ErrorEnvelopeHandler.envelope(HttpStatus.CONTENT_TOO_LARGE, ErrorCodes.forStatus(413),
                    "The request body is larger than " + tooLarge.maxBytes() + " bytes", Map.of("max_bytes", tooLarge.maxBytes()),
                    new HttpHeaders(), request);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpStatus.INTERNAL_SERVER_ERROR.value();
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR.value();
        }
        return ErrorEnvelopeHandler.envelope(HttpStatus.valueOf(status), ErrorCodes.forStatus(status),
                ErrorCodes.messageForStatus(status), Map.of(), new HttpHeaders(), request);
    }
}
