package com.waqup.gateway.edge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The security headers of everything the gateway answers ({@code waqup.gateway.headers.*}), one policy per kind of
 * content ({@link SecurityHeadersWebFilter} picks it by path).
 *
 * @param contentSecurityPolicy     for the API (JSON, error envelopes, the OpenAPI documents): nothing may be loaded,
 *                                  framed or submitted from a response
 * @param docsContentSecurityPolicy for Swagger UI ({@code /swagger-ui/**}, {@code /webjars/**}): its own scripts,
 *                                  styles (it sets inline styles), images (also {@code data:}) and calls to this origin
 * @param hsts                      when {@code Strict-Transport-Security} is sent: {@code tls} (the request arrived over
 *                                  TLS, directly or, behind {@code trusted-proxy-hops}, with {@code X-Forwarded-Proto:
 *                                  https}), {@code always} (behind an Ingress that terminates TLS and says nothing), or
 *                                  {@code off}
 * @param hstsMaxAge                its {@code max-age}
 * @param hstsIncludeSubdomains     whether it covers sub-domains too
 */
@ConfigurationProperties("waqup.gateway.headers")
public record SecurityHeadersProperties(
        @DefaultValue("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'") String contentSecurityPolicy,
        @DefaultValue("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
                + "form-action 'self'") String docsContentSecurityPolicy,
        @DefaultValue("tls") Hsts hsts,
        @DefaultValue("365d") Duration hstsMaxAge,
        @DefaultValue("true") boolean hstsIncludeSubdomains) {

    public enum Hsts { TLS, ALWAYS, OFF }
}
