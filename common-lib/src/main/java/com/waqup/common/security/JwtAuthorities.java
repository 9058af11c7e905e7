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
 * and never {@code service}; a service token (audience {@code waqup-internal}) grants only {@code service}.
 * So a user token can never reach {@code /internal/**}, and a service token never the public API.
 */
public final class JwtAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final String audience;
    private final String internalAudience;

    public JwtAuthorities(String audience, String internalAudience) {
        this.audience = audience;
        this.internalAudience = internalAudience;
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        List<String> audiences = jwt.getAudience() == null ? List.of() : jwt.getAudience();
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (roles == null) {
            return authorities;
        }
        if (audiences.contains(internalAudience) && roles.contains(Roles.SERVICE)) {
            authorities.add(new SimpleGrantedAuthority(Roles.authority(Roles.SERVICE)));
        } else if (audiences.contains(audience)) {
            for (String role : roles) {
                if (!Roles.SERVICE.equals(role)) {
                    authorities.add(new SimpleGrantedAuthority(Roles.authority(role)));
                }
            }
        }
        return authorities;
    }
}
