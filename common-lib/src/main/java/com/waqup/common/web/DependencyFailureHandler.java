package com.waqup.common.web;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import com.waqup.common.error.ErrorCodes;
import com.waqup.common.json.StorableText;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A dependency that does not answer (PostgreSQL, Redis: no connection, a command timed out, no transaction could be
 * started) is the client's fast 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After}, not a 500: the request was
 * fine and may simply be repeated. Its bounded timeouts (Hikari 3 s, Redis 2 s) keep the answer fast. Text that
 * PostgreSQL refuses to store (a path the input checks of {@link StorableTextFilter} and the JSON reader did not
 * cover) is a 400, not a 500.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class DependencyFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(DependencyFailureHandler.class);
    /** Seconds a client is asked to wait before repeating a request a dependency could not serve. */
    static final long RETRY_AFTER_SECONDS = 5;
    /** PostgreSQL: character_not_in_repertoire (a NUL), untranslatable_character. */
    private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

    @ExceptionHandler({ DataAccessResourceFailureException.class, QueryTimeoutException.class,
            TransientDataAccessResourceException.class, CannotCreateTransactionException.class })
    ResponseEntity<Object> unavailable(Exception ex, HttpServletRequest request) {
        log.warn("dependency unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.toString());
        return serviceUnavailable(request);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException ex, HttpServletRequest request) {
        if (UNSTORABLE_TEXT.contains(sqlState(ex))) {
            return ErrorEnvelopeHandler.envelope(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, "The request has invalid fields",
                    Map.of("fields", Map.of("body", StorableText.MESSAGE)), new HttpHeaders(), request);
        }
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return ErrorEnvelopeHandler.envelope(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL_ERROR,
                ErrorCodes.messageForStatus(500), Map.of(), new HttpHeaders(), request);
    }

    /**
     * Whether {@code failure} means a dependency did not answer (what this handler answers 503 for), for code outside
     * Spring MVC that must say the same (a WebSocket frame).
     */
    public static boolean isDependencyUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
                    || t instanceof TransientDataAccessResourceException || t instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return false;
    }

    /** 503 with {@code Retry-After}, for any place that finds a dependency unavailable. */
    static ResponseEntity<Object> serviceUnavailable(HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
        return ErrorEnvelopeHandler.envelope(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.forStatus(503),
                ErrorCodes.messageForStatus(503), Map.of("retry_after", RETRY_AFTER_SECONDS), headers, request);
    }

    private static String sqlState(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }
}
