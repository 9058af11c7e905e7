package com.waqup.gateway.web;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The web app the gateway serves at {@code /} (the built {@code web/} module) and the audio it fronts at
 * {@code /media/**}.
 *
 * @param directory             the built app ({@code web/dist}: {@code index.html}, hashed {@code assets/}, the service
 *                              worker, the manifest, icons); relative paths are resolved against the working directory
 * @param contentSecurityPolicy the {@code Content-Security-Policy} of every file of the app: everything from this origin
 *                              only, no inline script, no framing
 * @param apiPrefixes           paths that are never the app: an unknown one stays a 404 in the error envelope instead of
 *                              falling back to {@code index.html}
 * @param mediaUpstream         the object store (or CDN) whose pre-signed audio URLs the app plays through
 *                              {@code /media/**} on this origin (the signature is still checked by the store); empty
 *                              turns the route off
 */
@ConfigurationProperties("waqup.web")
@Validated
public record WebAppProperties(
        @NotNull @DefaultValue("web/dist") Path directory,
        @NotBlank @DefaultValue(DEFAULT_CSP) String contentSecurityPolicy,
        @NotNull @DefaultValue({ "/api/", "/ws/", "/actuator", "/internal", "/docs/", "/v3/", "/swagger-ui", "/webjars/",
                "/sandbox/", "/media/", "/.well-known/", "/service-auth/" }) List<String> apiPrefixes,
        URI mediaUpstream) {

    public static final String DEFAULT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; connect-src 'self'; "
            + "manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** Whether {@code path} is one the app may answer (a file of it, or a client route falling back to index.html). */
    boolean isAppPath(String path) {
        for (String prefix : apiPrefixes) {
            if (path.startsWith(prefix) || path.equals(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)) {
                return false;
            }
        }
        return true;
    }
}
