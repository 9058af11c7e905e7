package com.waqup.credit.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.ServiceITSupport;
import com.waqup.credit.ledger.LedgerService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The operator's credit grant (./waqup admin grant-credits) against the real credit-service and PostgreSQL. */
class OperatorGrantIT extends ServiceITSupport {

    @Autowired
    OperatorCommands operator;
    @Autowired
    LedgerService ledger;
    @Autowired
    JdbcTemplate jdbc;

    void assertLedgerInvariant(UUID user) {
        Map<String, Object> row = jdbc.queryForMap("select a.available, a.held,"
                + " (select coalesce(sum(amount), 0) from ledger_entry e where e.user_id = a.user_id) as entries,"
                + " (select coalesce(sum(amount), 0) from credit_hold h where h.user_id = a.user_id and h.status = 'open') as open_holds"
                + " from credit_account a where a.user_id = ?", user);
        assertThat(((Number) row.get("available")).longValue()).isEqualTo(((Number) row.get("entries")).longValue()).isNotNegative();
        assertThat(((Number) row.get("held")).longValue()).isEqualTo(((Number) row.get("open_holds")).longValue());
    }

    List<Map<String, Object>> entries(UUID user) {
        return jdbc.queryForList("select type, amount, balance_after, reason, idempotency_key from ledger_entry where user_id = ?"
                + " order by created_at", user);
    }

    @Test
    void shouldWriteOneGrantEntryWithTheReasonAndRaiseTheBalance() {
        UUID user = UUID.randomUUID();

        int code = operator.execute("grant-credits", user.toString(), "25", "demo data", "");

        assertThat(code).isZero();
        assertThat(ledger.balance(user).available()).isEqualTo(25);
        List<Map<String, Object>> rows = entries(user);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).containsEntry("type", "grant").containsEntry("amount", 25).containsEntry("balance_after", 25)
                .containsEntry("reason", "operator: demo data");
        assertThat((String) rows.getFirst().get("idempotency_key")).startsWith("operator:");
        assertLedgerInvariant(user);
    }

    @Test
    void shouldGrantOncePerKeyHoweverOftenTheCommandRuns() {
        UUID user = UUID.randomUUID();
        String key = "seed-demo:" + user;

        assertThat(operator.execute("grant-credits", user.toString(), "10", "demo data", key)).isZero();
        assertThat(operator.execute("grant-credits", user.toString(), "10", "demo data", key)).isZero();

        assertThat(ledger.balance(user).available()).isEqualTo(10);
        assertThat(entries(user)).hasSize(1);
        assertLedgerInvariant(user);
    }

    @Test
    void shouldGrantAgainWithoutAKeyOnTopOfWhatTheAccountHas() {
        UUID user = UUID.randomUUID();

        assertThat(operator.execute("grant-credits", user.toString(), "3", "first", null)).isZero();
        assertThat(operator.execute("grant-credits", user.toString(), "4", "second", " ")).isZero();

        assertThat(ledger.balance(user).available()).isEqualTo(7);
        assertThat(entries(user)).extracting(r -> r.get("balance_after")).containsExactly(3, 7);
        assertLedgerInvariant(user);
    }

    @Test
    void shouldRefuseInvalidArgumentsWithoutTouchingTheLedger() {
        UUID user = UUID.randomUUID();

        assertThat(operator.execute("grant-credits", "not-a-uuid", "5", "demo", "")).isEqualTo(2);
        assertThat(operator.execute("grant-credits", user.toString(), "0", "demo", "")).isEqualTo(2);
        assertThat(operator.execute("grant-credits", user.toString(), "-3", "demo", "")).isEqualTo(2);
        assertThat(operator.execute("grant-credits", user.toString(), "10001", "demo", "")).isEqualTo(2);
        assertThat(operator.execute("grant-credits", user.toString(), "five", "demo", "")).isEqualTo(2);
        assertThat(operator.execute("grant-credits", user.toString(), "5", "  ", "")).isEqualTo(2);
        assertThat(operator.execute("take-credits", user.toString(), "5", "demo", "")).isEqualTo(2);

        assertThat(entries(user)).isEmpty();
        assertThat(ledger.balance(user).available()).isZero();
    }
}
