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
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A dependency that does not answer (PostgreSQL, Redis: no connection, a command timed out, no transaction could be
 * started, the connection cut under a transaction) is the client's fast 503 {@code SERVICE_UNAVAILABLE} with
 * {@code Retry-After}, not a 500: the request was fine and may simply be repeated. Its bounded timeouts (Hikari 3 s,
 * Redis 2 s) keep the answer fast. Text that PostgreSQL refuses to store (a path the input checks of
 * {@link StorableTextFilter} and the JSON reader did not cover) is a 400, not a 500.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class DependencyFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(DependencyFailureHandler.class);
    /** Seconds a client is asked to wait before repeating a request a dependency could not serve. */
    static final long RETRY_AFTER_SECONDS = 5;
    /** PostgreSQL: character_not_in_repertoire (a NUL), untranslatable_character. */
    private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");
    /** PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now. */
    private static final Set<String> CONNECTION_ENDED = Set.of("57P01", "57P02", "57P03");
    /** What Hikari's stand-in for a connection that is already closed throws (without an SQL state). */
    private static final String HIKARI_CLOSED = "Connection is closed";

    @ExceptionHandler({ DataAccessResourceFailureException.class, QueryTimeoutException.class,
            TransientDataAccessResourceException.class, CannotCreateTransactionException.class })
    ResponseEntity<Object> unavailable(Exception ex, HttpServletRequest request) {
        log.warn("dependency unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.toString());
        return serviceUnavailable(request);
    }

    /**
     * A transaction whose database connection was cut under it (PostgreSQL restarting): the statement fails, then the
     * rollback or the commit fails too, and that second failure ({@link TransactionSystemException}, or JPA's
     * {@link UncategorizedDataAccessException} "Unable to rollback") is what arrives here. Nothing was committed that
     * the client could not repeat; it is the database being unavailable, not a bug.
     */
    @ExceptionHandler({ TransactionSystemException.class, UncategorizedDataAccessException.class })
    ResponseEntity<Object> transactionFailed(RuntimeException ex, HttpServletRequest request) {
        if (connectionLost(ex)) {
            log.warn("database connection lost on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.toString());
            return serviceUnavailable(request);
        }
        return internalError(ex, request);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException ex, HttpServletRequest request) {
        if (UNSTORABLE_TEXT.contains(sqlState(ex))) {
            return ErrorEnvelopeHandler.envelope(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, "The request has invalid fields",
                    Map.of("fields", Map.of("body", StorableText.MESSAGE)), new HttpHeaders(), request);
        }
        return internalError(ex, request);
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
        return connectionLost(failure);
    }

    /**
     * Whether {@code failure} comes from a database connection that was lost: a {@link SQLException} of class 08
     * (connection exception) or an administrator's shutdown (57P01–57P03: a restart, a terminated backend), or the
     * pool's own "Connection is closed" (Hikari, no SQL state) when a rollback or commit finds the connection gone;
     * for a failed rollback, also the statement failure it replaced.
     */
    static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (HIKARI_CLOSED.equals(sql.getMessage()) || sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || CONNECTION_ENDED.contains(sql.getSQLState())))) {
                return true;
            }
            if (t instanceof TransactionSystemException tse && tse.getApplicationException() != null
                    && tse.getApplicationException() != t && connectionLost(tse.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<Object> internalError(Exception ex, HttpServletRequest request) {
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return ErrorEnvelopeHandler.envelope(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL_ERROR,
                ErrorCodes.messageForStatus(500), Map.of(), new HttpHeaders(), request);
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
