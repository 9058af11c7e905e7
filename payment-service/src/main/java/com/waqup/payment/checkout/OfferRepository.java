package com.waqup.payment.checkout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL for {@code pack_offer} (the projection of pack prices) and {@code payment}. */
@Repository
class OfferRepository {

    private final NamedParameterJdbcTemplate jdbc;

    OfferRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Offer(UUID packId, UUID creatorId, int revision, String status, String priceType, long priceAmountMinor,
            String currency, String subscriptionInterval, String title) {

        boolean onSale() {
            return "published".equals(status);
        }
    }

    void upsert(PackOfferConsumer.PackOffer o) {
        jdbc.update("insert into pack_offer (pack_id, creator_id, revision, status, price_type, price_amount_minor, currency,"
                + " subscription_interval, title, updated_at) values (:pack, :creator, :revision, 'published', :type, :amount,"
                + " :currency, :interval, :title, now()) on conflict (pack_id) do update set revision = excluded.revision,"
                + " price_type = excluded.price_type, price_amount_minor = excluded.price_amount_minor,"
                + " currency = excluded.currency, subscription_interval = excluded.subscription_interval,"
                + " title = excluded.title, updated_at = excluded.updated_at where pack_offer.revision < excluded.revision",
                new MapSqlParameterSource("pack", o.packId()).addValue("creator", o.creatorId())
                        .addValue("revision", o.revision()).addValue("type", o.priceType())
                        .addValue("amount", o.priceAmountMinor()).addValue("currency", o.currency())
                        .addValue("interval", o.subscriptionInterval()).addValue("title", o.title()));
    }

    /** No longer on sale (an archive that arrives before the pack's revision still wins). */
    void archive(UUID packId, UUID creatorId, int revision) {
        jdbc.update("insert into pack_offer (pack_id, creator_id, revision, status, price_type, price_amount_minor, currency,"
                + " updated_at) values (:pack, :creator, :revision, 'archived', 'free', 0, 'usd', now())"
                + " on conflict (pack_id) do update set status = 'archived', updated_at = now()",
                new MapSqlParameterSource("pack", packId).addValue("creator", creatorId).addValue("revision", revision));
    }

    Optional<Offer> offer(UUID packId) {
        return jdbc.query("select * from pack_offer where pack_id = :pack", Map.of("pack", packId),
                (rs, n) -> new Offer(rs.getObject("pack_id", UUID.class), rs.getObject("creator_id", UUID.class),
                        rs.getInt("revision"), rs.getString("status"), rs.getString("price_type"),
                        rs.getLong("price_amount_minor"), rs.getString("currency"), rs.getString("subscription_interval"),
                        rs.getString("title")))
                .stream().findFirst();
    }

    // ---- payments -------------------------------------------------------------------------------------------

    record Payment(UUID id, UUID userId, String kind, UUID packId, Integer packRevision, String priceType, long amountMinor,
            String currency, String provider, Instant createdAt) {
    }

    /** Records a succeeded pack payment; {@code false} if the person owns the pack already (the unique index). */
    boolean insertPackPayment(UUID id, UUID userId, Offer offer, String provider, Instant now) {
        return jdbc.update("insert into payment (id, user_id, kind, pack_id, pack_revision, creator_id, price_type,"
                + " amount_minor, currency, provider, status, created_at) values (:id, :user, 'pack', :pack, :revision,"
                + " :creator, :type, :amount, :currency, :provider, 'succeeded', :now)"
                + " on conflict (user_id, pack_id) where kind = 'pack' and status = 'succeeded' and subscription_id is null"
                + " do nothing",
                new MapSqlParameterSource("id", id).addValue("user", userId).addValue("pack", offer.packId())
                        .addValue("revision", offer.revision()).addValue("creator", offer.creatorId())
                        .addValue("type", offer.priceType()).addValue("amount", offer.priceAmountMinor())
                        .addValue("currency", offer.currency()).addValue("provider", provider)
                        .addValue("now", Timestamp.from(now))) == 1;
    }

    private static Payment payment(ResultSet rs) throws SQLException {
        return new Payment(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("kind"),
                rs.getObject("pack_id", UUID.class), (Integer) rs.getObject("pack_revision"), rs.getString("price_type"),
                rs.getLong("amount_minor"), rs.getString("currency"), rs.getString("provider"),
                rs.getTimestamp("created_at").toInstant());
    }

    Optional<Payment> packPayment(UUID userId, UUID packId) {
        return jdbc.query("select * from payment where user_id = :user and pack_id = :pack and kind = 'pack'"
                + " and status = 'succeeded' and subscription_id is null", Map.of("user", userId, "pack", packId), (rs, n) -> payment(rs))
                .stream().findFirst();
    }

    List<Payment> paymentsOf(UUID userId) {
        return jdbc.query("select * from payment where user_id = :user order by created_at", Map.of("user", userId),
                (rs, n) -> payment(rs));
    }
}
