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

/**
 * The servlet container's error page ({@code /error}): errors raised outside Spring MVC (a filter, the
 * security chain, the container) get the same envelope as everything else, never Boot's default body.
 */
@org.springframework.web.bind.annotation.RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class EnvelopeErrorController implements ErrorController {

    @RequestMapping
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpStatus.INTERNAL_SERVER_ERROR.value();
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR.value();
        }
        return ApiExceptionHandler.envelope(HttpStatus.valueOf(status), ErrorCodes.forStatus(status),
                ErrorCodes.messageForStatus(status), Map.of(), new HttpHeaders(), request);
    }
}
