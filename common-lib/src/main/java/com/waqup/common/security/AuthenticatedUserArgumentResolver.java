package com.waqup.common.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Binds {@link AuthenticatedUser} from the verified JWT of the current request. */
public class AuthenticatedUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return AuthenticatedUser.class.equals(parameter.getParameterType());
    }

    @Override
    public AuthenticatedUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken jwt)) {
            throw DomainException.unauthenticated("UNAUTHORIZED", "Authentication is required");
        }
        UUID id;
        try {
            id = UUID.fromString(jwt.getToken().getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.unauthenticated("INVALID_TOKEN", "The access token is invalid");
        }
        List<String> roles = jwt.getToken().getClaimAsStringList("roles");
        String tier = jwt.getToken().getClaimAsString("tier");
        return new AuthenticatedUser(id, roles == null ? Set.of() : Set.copyOf(new HashSet<>(roles)),
                tier == null ? "free" : tier, jwt.getToken().getTokenValue());
    }
}
