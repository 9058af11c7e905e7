package com.waqup.payment.sandbox;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.security.AuthenticatedUser;
import com.waqup.common.security.Roles;
import com.waqup.payment.checkout.CheckoutService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The offline sandbox's pages (public, through the gateway's {@code /sandbox/**}): the checkout page, Pay (a form
 * POST, 303 to the success URL once the signed webhook is in) and Cancel (the session expires, 303 to the cancel URL);
 * and the operator actions (admin only, {@code /api/v1/admin/payments/sandbox/...}) that renew or cancel a
 * subscription and refund a payment. All 404 unless the sandbox is on (docs/payments.md).
 */
@Hidden
@RestController
class SandboxController {

    /** No script at all; the stylesheet from this service; forms post here and redirect to the allowed origins. */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' %s; base-uri 'none'; frame-ancestors 'none'";
    static final String CSS = """
            body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1d2230}
            .banner{background:#fff4d6;border:1px solid #e8c15a;padding:.5rem .75rem;border-radius:.4rem;font-size:.9rem}
            .item{font-size:1.2rem;margin:1.5rem 0 .25rem}.price{font-size:2rem;font-weight:600;margin:0 0 1.5rem}
            label{display:block;margin:.75rem 0 .25rem;font-size:.9rem}input{width:100%;padding:.5rem;box-sizing:border-box}
            button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem;cursor:pointer}.pay{background:#3b5bdb;color:#fff;border:0;border-radius:.3rem}
            .cancel{background:none;border:0;color:#555;text-decoration:underline}.error{color:#b00020}
            """;

    private final SandboxService sandbox;

    SandboxController(SandboxService sandbox) {
        this.sandbox = sandbox;
    }

    private static String h(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }

    private ResponseEntity<String> html(HttpStatus status, String body, CheckoutService.SessionView s) {
        String origins = s == null ? "" : origin(s.successUrl()) + " " + origin(s.cancelUrl());
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", CSP.formatted(origins.strip()))
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff")
                // the page's own Origin on its Pay/Cancel forms (no-referrer would make browsers send "Origin: null")
                .header("Referrer-Policy", "same-origin").body(body);
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (RuntimeException e) {
            return "";
        }
    }

    static String price(CheckoutService.SessionView s) {
        String amount = BigDecimal.valueOf(s.amountMinor(), 2).toPlainString() + " " + s.currency().toUpperCase(Locale.ROOT);
        return s.interval() == null ? amount : amount + " / " + s.interval();
    }

    @GetMapping(value = "/sandbox/assets/checkout.css", produces = "text/css")
    ResponseEntity<String> css() {
        if (!sandbox.enabled()) {
            throw DomainException.notFound("NOT_FOUND", "The payment sandbox is off");
        }
        return ResponseEntity.ok().contentType(MediaType.valueOf("text/css")).body(CSS);
    }

    @GetMapping("/sandbox/checkout/{sessionId}")
    ResponseEntity<String> page(@PathVariable String sessionId) {
        CheckoutService.SessionView s = sandbox.session(sessionId);
        return html(HttpStatus.OK, page(s, null), s);
    }

    String page(CheckoutService.SessionView s, String error) {
        String id = h(s.id());
        StringBuilder b = new StringBuilder(2048);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>waQup sandbox checkout</title><link rel=\"stylesheet\" href=\"/sandbox/assets/checkout.css\"></head><body>")
                .append("<p class=\"banner\">Sandbox checkout: no real money moves. This page stands in for Stripe Checkout while no Stripe key is configured.</p>")
                .append("<p class=\"item\">").append(h(s.title())).append("</p>")
                .append("<p class=\"price\">").append(h(price(s))).append("</p>");
        if (!"open".equals(s.status())) {
            b.append("<p>This checkout is ").append(h(s.status())).append(".</p></body></html>");
            return b.toString();
        }
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(h(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/sandbox/checkout/").append(id).append("/pay\">")
                .append("<label for=\"card_number\">Card number (test card)</label>")
                .append("<input id=\"card_number\" name=\"card_number\" inputmode=\"numeric\" autocomplete=\"off\" value=\"4242 4242 4242 4242\">")
                .append("<label for=\"expiry\">Expiry</label><input id=\"expiry\" name=\"expiry\" value=\"12 / 34\" autocomplete=\"off\">")
                .append("<label for=\"cvc\">CVC</label><input id=\"cvc\" name=\"cvc\" value=\"123\" autocomplete=\"off\">")
                .append("<button class=\"pay\" type=\"submit\">Pay ").append(h(price(s))).append("</button></form>")
                .append("<form method=\"post\" action=\"/sandbox/checkout/").append(id).append("/cancel\">")
                .append("<button class=\"cancel\" type=\"submit\">Cancel and go back</button></form>")
                .append("<p><small>4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined.</small></p></body></html>");
        return b.toString();
    }

    @PostMapping("/sandbox/checkout/{sessionId}/pay")
    ResponseEntity<String> pay(@PathVariable String sessionId,
            @RequestParam(name = "card_number", required = false) String cardNumber) {
        SandboxService.Outcome outcome = sandbox.pay(sessionId, cardNumber == null ? SandboxService.SUCCEEDING_CARD : cardNumber);
        if (outcome.declined() != null) {
            CheckoutService.SessionView s = sandbox.session(sessionId);
            // the page again with the reason, as 200: the gateway turns a non-JSON error status into a JSON envelope
            return html(HttpStatus.OK, page(s, outcome.declined()), s);
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, outcome.redirect()).build();
    }

    @PostMapping("/sandbox/checkout/{sessionId}/cancel")
    ResponseEntity<Void> cancel(@PathVariable String sessionId) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, sandbox.cancel(sessionId)).build();
    }

    // ---- operator actions (admin) --------------------------------------------------------------------------

    private static void admin(AuthenticatedUser user) {
        if (!user.hasRole(Roles.ADMIN)) {
            throw new DomainException(ErrorKind.FORBIDDEN, "FORBIDDEN", "Only an operator may do this");
        }
    }

    @PostMapping("/api/v1/admin/payments/sandbox/subscriptions/{id}/renew")
    Map<String, Object> renew(AuthenticatedUser user, @PathVariable UUID id) {
        admin(user);
        return sandbox.renew(id);
    }

    @PostMapping("/api/v1/admin/payments/sandbox/subscriptions/{id}/cancel")
    Map<String, Object> cancelSubscription(AuthenticatedUser user, @PathVariable UUID id) {
        admin(user);
        return sandbox.cancelSubscription(id);
    }

    record RefundRequest(@PositiveOrZero Long amountMinor) {
    }

    @PostMapping("/api/v1/admin/payments/sandbox/payments/{id}/refund")
    Map<String, Object> refund(AuthenticatedUser user, @PathVariable UUID id,
            @RequestBody(required = false) @jakarta.validation.Valid RefundRequest body) {
        admin(user);
        return sandbox.refund(id, body == null ? null : body.amountMinor());
    }
}
