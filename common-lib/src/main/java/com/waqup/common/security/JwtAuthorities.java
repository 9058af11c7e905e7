package com.waqup.common.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a verified JWT into authorities. A user token (audience {@code waqup-api}) grants its user roles
 * and never {@code service}; a service token grants {@code service} and its scopes ({@code SCOPE_<scope>}) only at the
 * service it is for (audience {@code waqup-internal:<this service>}). So a user token can never reach
 * {@code /internal/**}, a service token never the public API, and a token for one service opens nothing at another.
 */
public final class JwtAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final String audience;
    private final String internalAudience;

    /**
     * @param audience         the audience of user tokens
     * @param internalAudience the audience of service tokens for this service ({@link #internalAudience(String, String)}),
     *                         or null where no service token is accepted (the gateway)
     */
    public JwtAuthorities(String audience, String internalAudience) {
        this.audience = audience;
        this.internalAudience = internalAudience;
    }

    /** {@code waqup-internal:credit-service}: the audience of a service token for {@code service}. */
    public static String internalAudience(String prefix, String service) {
        return prefix + ":" + ServiceGrants.serviceName(service);
    }

    /** The authority a token's scope becomes. */
    public static String scopeAuthority(String scope) {
        return "SCOPE_" + scope;
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        List<String> audiences = jwt.getAudience() == null ? List.of() : jwt.getAudience();
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (roles == null) {
            return authorities;
        }
        if (roles.contains(Roles.SERVICE)) {
            if (internalAudience != null && audiences.contains(internalAudience)) {
                authorities.add(new SimpleGrantedAuthority(Roles.authority(Roles.SERVICE)));
                String scope = jwt.getClaimAsString("scope");
                if (scope != null) {
                    for (String s : scope.trim().split("\\s+")) {
                        if (!s.isEmpty()) {
                            authorities.add(new SimpleGrantedAuthority(scopeAuthority(s)));
                        }
                    }
                }
            }
        } else if (audiences.contains(audience)) {
            for (String role : roles) {
                authorities.add(new SimpleGrantedAuthority(Roles.authority(role)));
            }
        }
        return authorities;
    }
}
