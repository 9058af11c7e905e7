package com.waqup.common.web;

import java.util.LinkedHashMap;
import java.util.Map;

import com.waqup.common.error.DomainException;
import com.waqup.common.paging.PageQuery;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Binds and validates {@code page} and {@code limit} into a {@link PageQuery}; bad values are a 400. */
public class PageQueryArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return PageQuery.class.equals(parameter.getParameterType());
    }

    @Override
    public PageQuery resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Map<String, Object> errors = new LinkedHashMap<>();
        int page = parse(request.getParameter("page"), PageQuery.DEFAULT_PAGE, "page", errors);
        int limit = parse(request.getParameter("limit"), PageQuery.DEFAULT_LIMIT, "limit", errors);
        if (errors.isEmpty() && page < 1) {
            errors.put("page", "must be at least 1");
        }
        if (errors.isEmpty() && (limit < 1 || limit > PageQuery.MAX_LIMIT)) {
            errors.put("limit", "must be between 1 and " + PageQuery.MAX_LIMIT);
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalidFields(errors);
        }
        return new PageQuery(page, limit);
    }

    private static int parse(String raw, int fallback, String name, Map<String, Object> errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            errors.put(name, "must be an integer");
            return fallback;
        }
    }
}
