package com.waqup.common.paging;

/**
 * Validated {@code page} (1-based) and {@code limit} query parameters, bound on any controller method
 * parameter of this type. Defaults 1 and 20; {@code limit} at most {@value #MAX_LIMIT}.
 */
public record PageQuery(int page, int limit) {

    public static final int DEFAULT_PAGE = 1;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public PageQuery {
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageQuery defaults() {
        return new PageQuery(DEFAULT_PAGE, DEFAULT_LIMIT);
    }

    /** Rows to skip for this page. */
    public long offset() {
        return (long) (page - 1) * limit;
    }
}
