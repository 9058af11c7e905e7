package com.waqup.credit.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.waqup.common.privacy.PersonalData;

/**
 * A person's credits for the account export and erasure (docs/privacy.md): the account, every ledger entry and every
 * hold. Erasure takes the account's row lock first, like every value-moving command, so it cannot interleave with one.
 */
@Component
class CreditPersonalData implements PersonalData {

    private final JdbcTemplate jdbc;

    CreditPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object export(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> account = jdbc.queryForList("""
                select available, held, free_tier_granted, free_tier_used, last_entry_at, created_at
                  from credit_account where user_id = ?""", userId);
        data.put("account", account.isEmpty() ? null : account.getFirst());
        data.put("transactions", jdbc.queryForList("""
                select id, type, amount, balance_after, hold_id, content_type, content_id, pack_id, reason, created_at
                  from ledger_entry where user_id = ? order by created_at, id""", userId));
        data.put("holds", jdbc.queryForList("""
                select id, job_id, amount, status, content_type, content_id, created_at, expires_at, resolved_at, release_reason, refunded
                  from credit_hold where user_id = ? order by created_at, id""", userId));
        data.put("purchase_refunds", jdbc.queryForList("""
                select refund_id, payment_id, credits, reversed, created_at, applied_at
                  from purchase_refund where user_id = ? order by created_at, refund_id""", userId));
        return data;
    }

    @Override
    public Erasure erase(UUID userId) {
        jdbc.queryForList("select user_id from credit_account where user_id = ? for update", userId);
        long rows = jdbc.update("delete from ledger_entry where user_id = ?", userId);
        rows += jdbc.update("delete from credit_hold where user_id = ?", userId);
        rows += jdbc.update("delete from purchase_refund where user_id = ?", userId);
        rows += jdbc.update("delete from credit_account where user_id = ?", userId);
        return Erasure.rows(rows);
    }
}
