package com.waqup.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.EventContracts;
import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What reward-service's ITs share: the producers' golden events with a scenario's values, delivered twice (a
 * redelivery) and awaited until handled, the API as a creator or an administrator, and the ledger invariant checked
 * after every test for every creator it touched.
 */
public abstract class RewardITSupport extends ServiceITSupport {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    protected RabbitTemplate rabbit;
    @Autowired
    protected AmqpAdmin amqp;
    @Autowired
    protected JdbcTemplate jdbc;

    protected final List<UUID> creators = new ArrayList<>();

    protected UUID creator() {
        UUID c = UUID.randomUUID();
        creators.add(c);
        return c;
    }

    protected static Map<String, Object> golden(String type, Map<String, Object> overrides) {
        Map<String, Object> data = JSON.convertValue(EventContracts.golden(type), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        data.putAll(overrides);
        return data;
    }

    protected static Map<String, Object> with(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            m.put((String) keyValues[i], v instanceof UUID || v instanceof Instant ? v.toString() : v);
        }
        return m;
    }

    /** Publishes the event twice with one event id and waits until the service has handled it; returns the id. */
    protected UUID deliver(String type, Map<String, Object> data) {
        UUID eventId = UUID.randomUUID();
        EventProbe.publish(rabbit, eventId, type, data);
        EventProbe.publish(rabbit, eventId, type, data);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ?", Integer.class, eventId) == 1);
        return eventId;
    }

    protected UUID purchase(UUID payment, UUID buyer, UUID creator, UUID pack, long amountMinor) {
        return deliver("payment.succeeded", golden("payment.succeeded", with("payment_id", payment, "user_id", buyer,
                "creator_id", creator, "pack_id", pack, "price_type", "one_time", "amount_minor", amountMinor,
                "provider", "sandbox")));
    }

    protected UUID refund(UUID payment, UUID refundId, UUID buyer, UUID creator, UUID pack, long amountMinor, long refunded) {
        return deliver("payment.refunded", golden("payment.refunded", with("payment_id", payment, "refund_id", refundId,
                "user_id", buyer, "creator_id", creator, "pack_id", pack, "amount_minor", amountMinor, "refunded_minor", refunded,
                "provider", "sandbox")));
    }

    protected void packPublished(UUID pack, UUID creator) {
        deliver("pack.published", golden("pack.published", with("pack_id", pack, "creator_id", creator)));
    }

    protected UUID practice(UUID user, UUID pack, Instant completedAt) {
        UUID practiceEvent = UUID.randomUUID();
        deliver("practice.completed", golden("practice.completed", with("practice_event_id", practiceEvent, "user_id", user,
                "pack_id", pack, "completed_at", completedAt, "started_at", completedAt.minusSeconds(600))));
        return practiceEvent;
    }

    protected long available(UUID creator) {
        List<Long> rows = jdbc.queryForList("select available from token_account where creator_id = ?", Long.class, creator);
        return rows.isEmpty() ? 0 : rows.getFirst();
    }

    protected String asCreator(UUID creator) {
        return bearer(TestTokens.shared().user(creator, "user", "creator"));
    }

    protected String asAdmin() {
        return bearer(TestTokens.shared().user(UUID.randomUUID(), "user", "admin"));
    }

    protected JsonNode ok(Http.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
        return r.json();
    }

    /** available == Σ entries ≥ 0 and held == Σ pending payouts, for every creator the test touched. */
    @AfterEach
    void ledgerInvariantHolds() {
        for (UUID c : creators) {
            List<Map<String, Object>> rows = jdbc.queryForList("select a.available, a.held,"
                    + " (select coalesce(sum(amount), 0) from token_entry e where e.creator_id = a.creator_id) as entries,"
                    + " (select coalesce(sum(amount), 0) from payout p where p.creator_id = a.creator_id and p.status = 'pending')"
                    + " as pending from token_account a where a.creator_id = ?", c);
            for (Map<String, Object> row : rows) {
                assertThat(((Number) row.get("available")).longValue()).isEqualTo(((Number) row.get("entries")).longValue())
                        .isNotNegative();
                assertThat(((Number) row.get("held")).longValue()).isEqualTo(((Number) row.get("pending")).longValue());
            }
        }
    }
}
