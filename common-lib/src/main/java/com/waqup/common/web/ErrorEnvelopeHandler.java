package com.waqup.common.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorCodes;
import com.waqup.common.error.ErrorEnvelope;
import com.waqup.common.json.StorableText;
import com.waqup.common.json.UnstorableTextException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Renders every exception a controller can raise as the seed's error envelope. Spring MVC's own exceptions
 * keep their status (and headers such as {@code Allow}); a {@link DomainException} carries its code, and its kind
 * becomes the status ({@link ErrorStatus}: the one mapping);
 * anything else is a 500 with a generic message, the exception only in the log.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ErrorEnvelopeHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorEnvelopeHandler.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> handleDomain(DomainException ex, HttpServletRequest request) {
        HttpStatus status = ErrorStatus.of(ex.kind());
        if (status.is5xxServerError()) {
            log.error("request failed: {} {}", ex.code(), ex.getMessage(), ex);
        }
        HttpHeaders headers = new HttpHeaders();
        if (ex.retryAfter() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
        }
        if (ex.challenge() != null) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, ex.challenge());
        }
        return envelope(status, ex.code(), ex.getMessage(), ex.details(), headers, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        ex.getConstraintViolations().forEach(v -> fields.put(Names.lastNode(v.getPropertyPath().toString()), v.getMessage()));
        return validation(fields, request);
    }

    /**
     * Spring Security's firewall refuses what it finds while the request is read (a form body's parameter name with a
     * NUL or a line break, say): the client's request is at fault, so a 400, never a 500.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> handleRejected(RequestRejectedException ex, HttpServletRequest request) {
        log.info("request rejected on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
        return envelope(HttpStatus.BAD_REQUEST, ErrorCodes.forStatus(400),
                "The request contains characters or names that are not allowed", Map.of(), new HttpHeaders(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return envelope(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL_ERROR,
                ErrorCodes.messageForStatus(500), Map.of(), new HttpHeaders(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            fields.putIfAbsent(Names.snake(error.getField()), error.getDefaultMessage());
        }
        ex.getBindingResult().getGlobalErrors().forEach(e -> fields.putIfAbsent(e.getObjectName(), e.getDefaultMessage()));
        return validation(fields, servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(e -> fields.putIfAbsent(Names.snake(name == null ? "parameter" : name), e.getDefaultMessage()));
        });
        return validation(fields, servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() != null ? ex.getPropertyName() : "parameter";
        String expected = ex.getRequiredType() != null ? Names.typeName(ex.getRequiredType()) : "another type";
        return validation(Map.of(Names.snake(name), "must be " + expected), servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validation(Map.of(ex.getParameterName(), "is required"), servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        PayloadTooLargeException tooLarge = PayloadTooLargeException.in(ex);
        if (tooLarge != null) {
            return envelope(HttpStatus.CONTENT_TOO_LARGE, ErrorCodes.forStatus(413),
                    "The request body is larger than " + tooLarge.maxBytes() + " bytes", Map.of("max_bytes", tooLarge.maxBytes()),
                    new HttpHeaders(), servlet(request));
        }
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof UnstorableTextException unstorable) {
            return validation(Map.of(Names.path(unstorable.getPath()), StorableText.MESSAGE), servlet(request));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = Names.path(mismatch.getPath());
            String expected = mismatch.getTargetType() != null ? Names.typeName(mismatch.getTargetType()) : "another type";
            return validation(Map.of(field, "must be " + expected), servlet(request));
        }
        if (cause instanceof DatabindException databind && !(cause instanceof StreamReadException)
                && !databind.getPath().isEmpty()) {
            return validation(Map.of(Names.path(databind.getPath()), "has an invalid value"), servlet(request));
        }
        String message = cause instanceof JacksonException ? "The request body is not valid JSON"
                : "The request body is missing or not readable";
        return envelope(HttpStatus.BAD_REQUEST, ErrorCodes.MALFORMED_JSON, message, Map.of(), headers, servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        int status = statusCode.value();
        if (status >= 500) {
            log.error("request failed with {}", status, ex);
        }
        return envelope(statusCode, ErrorCodes.forStatus(status), ErrorCodes.messageForStatus(status), Map.of(),
                headers, servlet(request));
    }

    private ResponseEntity<Object> validation(Map<String, Object> fields, HttpServletRequest request) {
        return envelope(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, "The request has invalid fields",
                Map.of("fields", fields), new HttpHeaders(), request);
    }

    static ResponseEntity<Object> envelope(HttpStatusCode status, String code, String message,
            Map<String, Object> details, HttpHeaders headers, HttpServletRequest request) {
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.putAll(headers);
        }
        out.remove(HttpHeaders.CONTENT_TYPE);
        return ResponseEntity.status(status).headers(out).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.of(code, message, details, CorrelationIdFilter.of(request)));
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }
}
