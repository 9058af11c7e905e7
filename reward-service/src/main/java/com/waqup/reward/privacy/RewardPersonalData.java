package com.waqup.reward.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.privacy.ErasedUsers;
import com.waqup.common.privacy.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A person's reward data for the account export and erasure (docs/privacy.md). As a creator: their token account,
 * every token entry and payout request. As a buyer or practitioner: the purchases and practices that earned someone
 * tokens. Erasure deletes the account and the person's id everywhere, but keeps what accounting needs (amounts,
 * dates, the kind of entry) under the hashed id, and remembers the hash so nothing is earned for them later.
 */
@Component
class RewardPersonalData implements PersonalData {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RewardPersonalData(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Object export(UUID userId) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> account = jdbc.queryForList("select available, held, updated_at from token_account"
                + " where creator_id = ?", userId);
        data.put("token_account", account.isEmpty() ? null : account.getFirst());
        data.put("token_entries", jdbc.queryForList("""
                select id, type, amount, balance_after, source_event_type, source_event_id, pack_id, payment_id, payout_id,
                       created_at
                  from token_entry where creator_id = ? order by created_at, id""", userId));
        data.put("payouts", jdbc.queryForList("""
                select id, amount, status, requested_at, resolved_at, reason
                  from payout where creator_id = ? order by requested_at, id""", userId));
        data.put("purchases_rewarded", jdbc.queryForList("""
                select payment_id, pack_id, amount_minor, created_at
                  from purchase_reward where buyer_id = ? order by created_at""", userId));
        data.put("practices_rewarded", jdbc.queryForList("""
                select practice_event_id, pack_id, day, status, created_at
                  from practice_reward where user_id = ? order by created_at""", userId));
        return data;
    }

    @Override
    public Erasure erase(UUID userId) {
        String hash = ErasedUsers.hash(userId);
        jdbc.queryForList("select creator_id from token_account where creator_id = ? for update", userId);
        long rows = jdbc.update("insert into erased_creator (creator_hash, erased_at) values (?, ?) on conflict do nothing",
                hash, Timestamp.from(clock.instant()));
        rows += jdbc.update("update token_entry set creator_id = null, creator_hash = ? where creator_id = ?", hash, userId);
        rows += jdbc.update("update payout set creator_id = null, creator_hash = ?, idempotency_key = null where creator_id = ?",
                hash, userId);
        rows += jdbc.update("update purchase_reward set creator_id = null, creator_hash = ? where creator_id = ?", hash, userId);
        rows += jdbc.update("update purchase_reward set buyer_id = null where buyer_id = ?", userId);
        rows += jdbc.update("update practice_reward set user_id = null where user_id = ?", userId);
        rows += jdbc.update("delete from pack_owner where creator_id = ?", userId);
        rows += jdbc.update("delete from token_account where creator_id = ?", userId);
        return Erasure.rows(rows);
    }
}
