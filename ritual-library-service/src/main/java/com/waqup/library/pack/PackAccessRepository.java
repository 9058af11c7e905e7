package com.waqup.library.pack;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.waqup.library.content.ContentService;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL for {@code pack}, {@code pack_item_version} and {@code pack_grant}. */
@Repository
class PackAccessRepository {

    private final NamedParameterJdbcTemplate jdbc;

    PackAccessRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record PackRow(UUID id, UUID creatorId, int revision, String status) {
    }

    record Grant(UUID userId, UUID packId, String source, UUID paymentId, Integer revision, Instant grantedAt,
            UUID subscriptionId, Instant accessUntil, Instant revokedAt) {

        boolean activeAt(Instant now) {
            return revokedAt == null && (accessUntil == null || accessUntil.isAfter(now));
        }

        /** A claim or a purchase that is not revoked: nothing a subscription does can add to it. */
        boolean permanent() {
            return revokedAt == null && accessUntil == null;
        }
    }

    Optional<PackRow> pack(UUID id) {
        return jdbc.query("select * from pack where id = :id", Map.of("id", id), (rs, n) -> new PackRow(
                rs.getObject("id", UUID.class), rs.getObject("creator_id", UUID.class), rs.getInt("revision"),
                rs.getString("status"))).stream().findFirst();
    }

    Optional<PackRow> lockPack(UUID id) {
        return jdbc.query("select * from pack where id = :id for update", Map.of("id", id), (rs, n) -> new PackRow(
                rs.getObject("id", UUID.class), rs.getObject("creator_id", UUID.class), rs.getInt("revision"),
                rs.getString("status"))).stream().findFirst();
    }

    /**
     * Records a revision: the pack row follows the highest revision seen (events may arrive out of order), and an
     * archived pack stays archived.
     */
    void upsertPack(UUID id, UUID creatorId, int revision, String title, Instant now) {
        jdbc.update("insert into pack (id, creator_id, revision, status, title, updated_at) values (:id, :creator, :revision,"
                + " 'published', :title, :now) on conflict (id) do update set"
                + " title = case when excluded.revision >= pack.revision then excluded.title else pack.title end,"
                + " revision = greatest(pack.revision, excluded.revision), updated_at = excluded.updated_at",
                new MapSqlParameterSource("id", id).addValue("creator", creatorId).addValue("revision", revision)
                        .addValue("title", title).addValue("now", Timestamp.from(now)));
    }

    void archivePack(UUID id, UUID creatorId, int revision, Instant now) {
        jdbc.update("insert into pack (id, creator_id, revision, status, title, updated_at) values (:id, :creator, :revision,"
                + " 'archived', '', :now) on conflict (id) do update set status = 'archived', updated_at = excluded.updated_at,"
                + " revision = greatest(pack.revision, excluded.revision)",
                new MapSqlParameterSource("id", id).addValue("creator", creatorId).addValue("revision", revision)
                        .addValue("now", Timestamp.from(now)));
    }

    boolean hasRevision(UUID packId, int revision) {
        Integer n = jdbc.queryForObject("select count(*) from pack_item_version where pack_id = :pack and revision = :revision",
                Map.of("pack", packId, "revision", revision), Integer.class);
        return n != null && n > 0;
    }

    void insertItem(UUID packId, int revision, PackItemVersion item) {
        jdbc.update("insert into pack_item_version (pack_id, revision, item_id, position, title, content_type, practice_type,"
                + " duration, tags, content_text, audio_key, audio_format, audio_size_bytes, personalizable) values (:pack,"
                + " :revision, :item, :position, :title, :type, :practice, :duration, cast(:tags as text[]), :text, :key,"
                + " :format, :size, :personalizable)"
                + " on conflict do nothing", new MapSqlParameterSource("pack", packId).addValue("revision", revision)
                        .addValue("item", item.itemId()).addValue("position", item.position()).addValue("title", item.title())
                        .addValue("type", item.contentType()).addValue("practice", item.practiceType())
                        .addValue("duration", item.duration()).addValue("tags", item.tags().toArray(String[]::new))
                        .addValue("text", item.contentText()).addValue("key", item.audioKey())
                        .addValue("format", item.audioFormat()).addValue("size", item.audioSizeBytes())
                        .addValue("personalizable", item.personalizable()));
    }

    /** One item of one revision, as stored. */
    record PackItemVersion(UUID itemId, int position, String title, String contentType, String practiceType, int duration,
            List<String> tags, String contentText, String audioKey, String audioFormat, Long audioSizeBytes,
            boolean personalizable) {

        ContentService.PackItem forLibrary(int revision) {
            return new ContentService.PackItem(itemId, contentType, title, contentText, duration, tags, audioKey, audioFormat,
                    audioSizeBytes, revision);
        }
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static PackItemVersion item(ResultSet rs) throws SQLException {
        return new PackItemVersion(rs.getObject("item_id", UUID.class), rs.getInt("position"), rs.getString("title"),
                rs.getString("content_type"), rs.getString("practice_type"), rs.getInt("duration"), tags(rs.getArray("tags")),
                rs.getString("content_text"), rs.getString("audio_key"), rs.getString("audio_format"),
                (Long) rs.getObject("audio_size_bytes"), rs.getBoolean("personalizable"));
    }

    List<PackItemVersion> items(UUID packId, int revision) {
        return jdbc.query("select * from pack_item_version where pack_id = :pack and revision = :revision order by position",
                Map.of("pack", packId, "revision", revision), (rs, n) -> item(rs));
    }

    /** The highest revision whose items are known here, if any. */
    Optional<Integer> latestKnownRevision(UUID packId) {
        return Optional.ofNullable(jdbc.queryForObject("select max(revision) from pack_item_version where pack_id = :pack",
                Map.of("pack", packId), Integer.class));
    }

    // ---- grants ---------------------------------------------------------------------------------------------

    private static Grant grant(ResultSet rs) throws SQLException {
        Timestamp t = rs.getTimestamp("granted_at");
        return new Grant(rs.getObject("user_id", UUID.class), rs.getObject("pack_id", UUID.class), rs.getString("source"),
                rs.getObject("payment_id", UUID.class), (Integer) rs.getObject("revision"), t.toInstant(),
                rs.getObject("subscription_id", UUID.class), instant(rs.getTimestamp("access_until")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    Optional<Grant> lockGrant(UUID userId, UUID packId) {
        return jdbc.query("select * from pack_grant where user_id = :user and pack_id = :pack for update",
                Map.of("user", userId, "pack", packId), (rs, n) -> grant(rs)).stream().findFirst();
    }

    /** {@code true} if this grant is new; a subscription's grant carries its paid period's end. */
    boolean insertGrant(UUID userId, UUID packId, String source, UUID paymentId, UUID subscriptionId, Instant accessUntil,
            Instant now) {
        return jdbc.update("insert into pack_grant (user_id, pack_id, source, payment_id, subscription_id, access_until,"
                + " granted_at) values (:user, :pack, :source, :payment, :subscription, :until, :now) on conflict do nothing",
                new MapSqlParameterSource("user", userId).addValue("pack", packId).addValue("source", source)
                        .addValue("payment", paymentId).addValue("subscription", subscriptionId)
                        .addValue("until", accessUntil == null ? null : Timestamp.from(accessUntil))
                        .addValue("now", Timestamp.from(now))) == 1;
    }

    /** Replaces what the grant rests on (a new purchase or subscription after a revoked or ended one). */
    void regrant(UUID userId, UUID packId, String source, UUID paymentId, UUID subscriptionId, Instant accessUntil) {
        jdbc.update("update pack_grant set source = :source, payment_id = :payment, subscription_id = :subscription,"
                + " access_until = :until, revoked_at = null where user_id = :user and pack_id = :pack",
                new MapSqlParameterSource("user", userId).addValue("pack", packId).addValue("source", source)
                        .addValue("payment", paymentId).addValue("subscription", subscriptionId)
                        .addValue("until", accessUntil == null ? null : Timestamp.from(accessUntil)));
    }

    /** A subscription's access lasts to the later of the period ends known. */
    void extend(UUID userId, UUID packId, UUID subscriptionId, Instant accessUntil) {
        jdbc.update("update pack_grant set subscription_id = coalesce(subscription_id, :subscription),"
                + " access_until = greatest(access_until, :until) where user_id = :user and pack_id = :pack",
                new MapSqlParameterSource("user", userId).addValue("pack", packId).addValue("subscription", subscriptionId)
                        .addValue("until", Timestamp.from(accessUntil)));
    }

    /** Remembers a refund; {@code false} if it was known already. */
    boolean insertRefund(UUID paymentId, UUID userId, UUID packId, UUID subscriptionId, Instant refundedAt) {
        return jdbc.update("insert into pack_refund (payment_id, user_id, pack_id, subscription_id, refunded_at) values"
                + " (:payment, :user, :pack, :subscription, :at) on conflict do nothing",
                new MapSqlParameterSource("payment", paymentId).addValue("user", userId).addValue("pack", packId)
                        .addValue("subscription", subscriptionId).addValue("at", Timestamp.from(refundedAt))) == 1;
    }

    /** Whether this payment (or, when given, any payment of this subscription) was refunded. */
    boolean refunded(UUID paymentId, UUID subscriptionId) {
        Boolean r = jdbc.queryForObject("select exists (select 1 from pack_refund where payment_id = :payment"
                + " or (cast(:subscription as uuid) is not null and subscription_id = :subscription))",
                new MapSqlParameterSource("payment", paymentId).addValue("subscription", subscriptionId), Boolean.class);
        return Boolean.TRUE.equals(r);
    }

    /** Revokes the paid grant resting on this payment or subscription (a free claim is never revoked by a refund). */
    int revoke(UUID userId, UUID packId, UUID paymentId, UUID subscriptionId, Instant at) {
        return jdbc.update("update pack_grant set revoked_at = :at where user_id = :user and pack_id = :pack"
                + " and source <> 'claim' and revoked_at is null and (payment_id = :payment"
                + " or (cast(:subscription as uuid) is not null and subscription_id = :subscription))",
                new MapSqlParameterSource("user", userId).addValue("pack", packId).addValue("payment", paymentId)
                        .addValue("subscription", subscriptionId).addValue("at", Timestamp.from(at)));
    }

    Optional<Grant> grant(UUID userId, UUID packId) {
        return jdbc.query("select * from pack_grant where user_id = :user and pack_id = :pack",
                Map.of("user", userId, "pack", packId), (rs, n) -> grant(rs)).stream().findFirst();
    }

    void setGrantRevision(UUID userId, UUID packId, int revision) {
        jdbc.update("update pack_grant set revision = :revision where user_id = :user and pack_id = :pack",
                Map.of("user", userId, "pack", packId, "revision", revision));
    }

    /** Grants whose items are not in the library yet (the pack's revision was not known when they were made). */
    List<Grant> waitingGrants(UUID packId) {
        return jdbc.query("select * from pack_grant where pack_id = :pack and revision is null for update",
                Map.of("pack", packId), (rs, n) -> grant(rs));
    }

    List<Grant> grantsOf(UUID userId) {
        return jdbc.query("select * from pack_grant where user_id = :user order by granted_at", Map.of("user", userId),
                (rs, n) -> grant(rs));
    }
}
