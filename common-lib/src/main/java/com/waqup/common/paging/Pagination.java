package com.waqup.common.paging;

/** The seed's pagination object, placed beside a list's own array (e.g. {@code content_items}). */
public record Pagination(int page, int limit, long total, int pages, boolean hasNext, boolean hasPrev) {

    public static Pagination of(PageQuery query, long total) {
        int pages = total == 0 ? 0 : (int) ((total + query.limit() - 1) / query.limit());
        return new Pagination(query.page(), query.limit(), total, pages, query.page() < pages, query.page() > 1);
    }
}
