package com.waqup.common.error;

/** Error codes and client-safe messages shared by every service and the gateway. */
public final class ErrorCodes {

    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ErrorCodes() {
    }

    /** The generic code for a status that no more specific code describes. */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> NOT_FOUND;
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 416 -> "RANGE_NOT_SATISFIABLE";
            case 422 -> "UNPROCESSABLE_ENTITY";
            case 429 -> "RATE_LIMITED";
            case 431 -> "REQUEST_HEADERS_TOO_LARGE";
            case 501 -> "NOT_IMPLEMENTED";
            case 502 -> "BAD_GATEWAY";
            case 503 -> "SERVICE_UNAVAILABLE";
            case 504 -> "GATEWAY_TIMEOUT";
            default -> status >= 500 ? INTERNAL_ERROR : "BAD_REQUEST";
        };
    }

    /** A client-safe message for a status; never derived from an exception. */
    public static String messageForStatus(int status) {
        return switch (status) {
            case 400 -> "The request is invalid";
            case 401 -> "Authentication is required";
            case 403 -> "You are not allowed to do this";
            case 404 -> "The requested resource was not found";
            case 405 -> "This method is not supported for this resource";
            case 406 -> "The requested representation is not available";
            case 409 -> "The request conflicts with the current state";
            case 413 -> "The request is too large";
            case 414 -> "The request URI is too long";
            case 415 -> "This content type is not supported; send application/json";
            case 416 -> "The requested range is outside the resource";
            case 429 -> "Too many requests; retry later";
            case 431 -> "The request headers are too large";
            case 501 -> "This method is not supported";
            case 502, 504 -> "An upstream service did not answer in time";
            case 503 -> "The service is temporarily unavailable";
            default -> status >= 500 ? "An unexpected error occurred" : "The request could not be processed";
        };
    }
}
