package com.waqup.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestTokens;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Helpers of the paid-checkout ITs: packs announced by creator-service's events, checkouts, Stripe-signed webhooks. */
abstract class PaymentITSupport extends ServiceITSupport {

    /** The sandbox's webhook secret (the default while no Stripe key is set). */
    static final String SECRET = "whsec_waqup_local_sandbox";
    static final String SUCCESS = "http://127.0.0.1:8080/paid?session={CHECKOUT_SESSION_ID}";
    static final String CANCEL = "http://127.0.0.1:8080/not-paid";

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin amqp;
    @Autowired
    JdbcTemplate jdbc;

    UUID pack(UUID creator, String priceType, long minor, String title) {
        UUID pack = UUID.randomUUID();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pack_id", pack.toString());
        d.put("revision", 1);
        d.put("creator_id", creator.toString());
        d.put("creator_name", "Sarah");
        d.put("title", title);
        d.put("price_type", priceType);
        d.put("price_amount_minor", minor);
        d.put("currency", "usd");
        d.put("subscription_interval", "subscription".equals(priceType) ? "monthly" : null);
        d.put("items", List.of());
        EventProbe.publish(rabbit, "pack.published", d);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from pack_offer where pack_id = ?", Integer.class, pack) == 1);
        return pack;
    }

    Http.Response post(UUID user, String path, String body) {
        return Http.post(url(path), body, "Authorization", bearer(TestTokens.shared().user(user)), "Content-Type",
                "application/json");
    }

    Http.Response checkout(UUID user, UUID pack, String priceType) {
        return post(user, "/api/v1/payments/checkout", """
                {"pack_id": "%s", "price_type": "%s", "success_url": "%s", "cancel_url": "%s"}"""
                .formatted(pack, priceType, SUCCESS, CANCEL));
    }

    /** Opens a checkout and answers its session id. */
    String session(UUID user, UUID pack, String priceType) {
        Http.Response r = checkout(user, pack, priceType);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("session_id").asString();
    }

    Http.Response pay(String sessionId) {
        return Http.post(url("/sandbox/checkout/" + sessionId + "/pay"), "card_number=4242+4242+4242+4242&expiry=12%2F34&cvc=123",
                "Content-Type", "application/x-www-form-urlencoded");
    }

    int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    /** {@code Stripe-Signature} as Stripe computes it. */
    static String signature(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + timestamp + ",v1="
                    + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Http.Response webhook(String payload, String signature) {
        return signature == null
                ? Http.post(url("/api/v1/payments/webhook"), payload, "Content-Type", "application/json")
                : Http.post(url("/api/v1/payments/webhook"), payload, "Content-Type", "application/json; charset=utf-8",
                        "Stripe-Signature", signature);
    }

    Http.Response signed(String payload) {
        return webhook(payload, signature(payload, SECRET, Instant.now().getEpochSecond()));
    }

    static String event(String id, String type, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "2025-03-31.basil", "created": %d, "livemode": false,
                 "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": "%s",
                 "data": {"object": %s}}""".formatted(id, Instant.now().getEpochSecond(), type, object);
    }

    static String evt() {
        return "evt_test_" + UUID.randomUUID().toString().replace("-", "");
    }
}
