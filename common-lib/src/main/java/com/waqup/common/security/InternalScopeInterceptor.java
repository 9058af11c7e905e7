package com.waqup.common.security;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Default deny for {@code /internal/**}: the handler must declare its {@link InternalScope}, and the service token must
 * carry that scope (authority {@code SCOPE_<scope>}, from the token's {@code scope} claim). Otherwise 403
 * {@code INSUFFICIENT_SCOPE} in the error envelope; the handler never runs.
 */
public class InternalScopeInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !request.getRequestURI().startsWith("/internal/")) {
            return true;
        }
        InternalScope declared = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), InternalScope.class);
        if (declared == null) {
            declared = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), InternalScope.class);
        }
        if (declared == null) {
            throw refused("This internal route is not open to any service");
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String needed = JwtAuthorities.scopeAuthority(declared.value());
        boolean granted = auth != null && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(needed::equals);
        if (!granted) {
            throw refused("This service may not call this route");
        }
        return true;
    }

    private static DomainException refused(String message) {
        return new DomainException(ErrorKind.FORBIDDEN, "INSUFFICIENT_SCOPE", message);
    }
}
