package com.waqup.payment.checkout;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.waqup.common.error.DomainException;
import com.waqup.payment.config.PaymentProperties;
import org.springframework.stereotype.Component;

/**
 * No open redirect: a checkout's success and cancel URLs must be absolute http(s) URLs on an allowed origin
 * ({@code PAYMENTS_REDIRECT_ORIGINS}, by default the platform's public URL), without user info. Missing ones default
 * to the public URL's {@code /?checkout=success|cancel}.
 */
@Component
class RedirectPolicy {

    private final List<String> origins;
    private final String publicUrl;

    RedirectPolicy(PaymentProperties properties) {
        List<String> configured = properties.redirectOrigins().stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.origins = (configured.isEmpty() ? List.of(properties.publicUrl().toString()) : configured).stream()
                .map(o -> origin(URI.create(o))).toList();
        String url = properties.publicUrl().toString();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    record Redirects(String successUrl, String cancelUrl) {
    }

    Redirects check(String successUrl, String cancelUrl) {
        Map<String, String> problems = new LinkedHashMap<>();
        String success = successUrl == null || successUrl.isBlank() ? publicUrl + "/?checkout=success" : successUrl.strip();
        String cancel = cancelUrl == null || cancelUrl.isBlank() ? publicUrl + "/?checkout=cancel" : cancelUrl.strip();
        problem(success).ifPresent(p -> problems.put("success_url", p));
        problem(cancel).ifPresent(p -> problems.put("cancel_url", p));
        if (!problems.isEmpty()) {
            throw DomainException.invalidFields(problems);
        }
        return new Redirects(success, cancel);
    }

    private java.util.Optional<String> problem(String url) {
        if (url.length() > 2000) {
            return java.util.Optional.of("must be at most 2000 characters");
        }
        try {
            // Stripe puts the session id where {CHECKOUT_SESSION_ID} stands (braces are no valid URL character)
            URI uri = new URI(url.replace("{CHECKOUT_SESSION_ID}", "cs_placeholder"));
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return java.util.Optional.of("must be an absolute URL");
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                return java.util.Optional.of("must be an http(s) URL");
            }
            if (!origins.contains(origin(uri))) {
                return java.util.Optional.of("must point to one of " + String.join(", ", origins));
            }
            return java.util.Optional.empty();
        } catch (URISyntaxException e) {
            return java.util.Optional.of("must be a valid URL");
        }
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port == -1) {
            port = scheme.equals("https") ? 443 : 80;
        }
        return scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
    }
}
