package com.waqup.audio.privacy;

import java.util.UUID;

import com.waqup.common.privacy.ErasedUsers;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The person's lock and tombstone: the erasure and every job claim take the same transaction-scoped advisory lock on
 * the person, and an erased person is remembered by {@link ErasedUsers#hash} only (table {@code erased_user}), so a
 * request still queued when they were erased renders nothing (docs/privacy.md).
 */
public final class ErasedPeople {

    private ErasedPeople() {
    }

    /** A transaction-scoped advisory lock on the person. */
    public static void lock(JdbcTemplate jdbc, UUID userId) {
        jdbc.queryForList("select pg_advisory_xact_lock(?)", userId.getMostSignificantBits() ^ userId.getLeastSignificantBits());
    }

    public static boolean contains(JdbcTemplate jdbc, UUID userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from erased_user where user_hash = ?)",
                Boolean.class, ErasedUsers.hash(userId)));
    }

    static void add(JdbcTemplate jdbc, UUID userId) {
        jdbc.update("insert into erased_user (user_hash) values (?) on conflict do nothing", ErasedUsers.hash(userId));
    }
}
