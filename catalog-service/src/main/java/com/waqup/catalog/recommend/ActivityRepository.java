package com.waqup.catalog.recommend;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The person's activity the catalog learns from: their finished items and finished practices. */
@Repository
class ActivityRepository {

    private final JdbcTemplate jdbc;

    ActivityRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Item(UUID contentId, UUID userId, String contentType, String title, String intent, List<String> tags,
            Instant createdAt) {
    }

    record Practice(UUID practiceEventId, UUID userId, UUID ritualId, String contentType, UUID packId, Instant completedAt) {
    }

    /** A practice joined with what is known of what was practised: the person's own item, or a pack's item. */
    record PracticedThing(String contentType, String intent, List<String> tags, UUID packId) {
    }

    boolean addItem(Item item) {
        return jdbc.update("""
                insert into person_item (content_id, user_id, content_type, title, intent, tags, created_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (content_id) do update set content_type = excluded.content_type, title = excluded.title,
                    intent = excluded.intent, tags = excluded.tags
                where person_item.user_id = excluded.user_id""",
                item.contentId(), item.userId(), item.contentType(), item.title(), item.intent(),
                item.tags().toArray(String[]::new), Timestamp.from(item.createdAt())) == 1;
    }

    boolean addPractice(Practice p) {
        return jdbc.update("""
                insert into person_practice (practice_event_id, user_id, ritual_id, content_type, pack_id, completed_at)
                values (?, ?, ?, ?, ?, ?) on conflict (practice_event_id) do nothing""",
                p.practiceEventId(), p.userId(), p.ritualId(), p.contentType(), p.packId(), Timestamp.from(p.completedAt())) == 1;
    }

    List<Item> items(UUID userId, int limit) {
        return jdbc.query("select * from person_item where user_id = ? order by created_at desc limit ?",
                (rs, n) -> new Item(rs.getObject("content_id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getString("content_type"), rs.getString("title"), rs.getString("intent"),
                        strings(rs.getArray("tags")), rs.getTimestamp("created_at").toInstant()), userId, limit);
    }

    /** The person's latest practices, each with the tags and intent of what they practised when the catalog knows it. */
    List<PracticedThing> practiced(UUID userId, int limit) {
        return jdbc.query("""
                select p.content_type, p.pack_id, i.intent,
                       coalesce(i.tags, pi.tags, pk.tags, '{}') as tags
                from (select * from person_practice where user_id = ? order by completed_at desc limit ?) p
                left join person_item i on i.content_id = p.ritual_id and i.user_id = p.user_id
                left join pack_item pi on pi.item_id = p.ritual_id and pi.pack_id = p.pack_id
                left join pack pk on pk.id = p.pack_id""",
                (rs, n) -> new PracticedThing(rs.getString("content_type"), rs.getString("intent"),
                        strings(rs.getArray("tags")), rs.getObject("pack_id", UUID.class)), userId, limit);
    }

    /** Packs the person has practised from: they have them. */
    List<UUID> practicedPacks(UUID userId) {
        return jdbc.queryForList("select distinct pack_id from person_practice where user_id = ? and pack_id is not null",
                UUID.class, userId);
    }

    List<Practice> practices(UUID userId) {
        return jdbc.query("select * from person_practice where user_id = ? order by completed_at",
                (rs, n) -> new Practice(rs.getObject("practice_event_id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getObject("ritual_id", UUID.class), rs.getString("content_type"), rs.getObject("pack_id", UUID.class),
                        rs.getTimestamp("completed_at").toInstant()), userId);
    }

    int erase(UUID userId) {
        return jdbc.update("delete from person_item where user_id = ?", userId)
                + jdbc.update("delete from person_practice where user_id = ?", userId);
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
