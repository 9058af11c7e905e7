package com.waqup.library.content;

import java.util.UUID;

import com.waqup.common.privacy.ErasedUsers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who was erased, by a hash of the id only: the {@code content.ready} consumer asks before adding an item, so a
 * creation that was in flight during an erasure does not come back (docs/privacy.md).
 */
@Component
public class ErasedPeople {

    private final JdbcTemplate jdbc;

    ErasedPeople(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean contains(UUID userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from erased_user where user_hash = ?)",
                Boolean.class, ErasedUsers.hash(userId)));
    }

    public void add(UUID userId) {
        jdbc.update("insert into erased_user (user_hash, erased_at) values (?, now()) on conflict do nothing", ErasedUsers.hash(userId));
    }
}
