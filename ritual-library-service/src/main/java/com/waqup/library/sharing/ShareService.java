package com.waqup.library.sharing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.waqup.common.error.DomainException;
import com.waqup.library.config.LibraryProperties;
import com.waqup.library.content.ContentErrors;
import com.waqup.library.content.ContentMetadata;
import com.waqup.library.content.ContentService;
import com.waqup.library.storage.AudioStorage;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Share links: anyone holding the link can listen to that one item until it expires or is revoked. The token is 32
 * random bytes (base64url, 43 characters) shown once at creation; only its SHA-256 is stored. The public answer is
 * the title, content type, duration and a signed audio URL: no ids, no account data.
 */
@Service
public class ShareService {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NamedParameterJdbcTemplate jdbc;
    private final ContentService content;
    private final LibraryProperties properties;
    private final Clock clock;
    private final AudioStorage audio;

    ShareService(NamedParameterJdbcTemplate jdbc, ContentService content, LibraryProperties properties, Clock clock,
            AudioStorage audio) {
        this.jdbc = jdbc;
        this.content = content;
        this.properties = properties;
        this.clock = clock;
        this.audio = audio;
    }

    record Created(UUID shareId, String token, String url, Instant expiresAt) {
    }

    public record ShareView(UUID shareId, UUID contentItemId, Instant createdAt, Instant expiresAt, Instant revokedAt,
            String status) {
    }

    record ShareList(List<ShareView> shares) {
    }

    record Revoked(UUID shareId, String status) {
    }

    record Shared(String title, String contentType, int duration, String audioUrl) {
    }

    private static DomainException shareNotFound() {
        return DomainException.notFound("SHARE_NOT_FOUND", "This share link does not exist or is no longer valid");
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private RowMapper<ShareView> mapper() {
        Instant now = clock.instant();
        return (rs, n) -> {
            Instant expires = rs.getTimestamp("expires_at").toInstant();
            Timestamp revoked = rs.getTimestamp("revoked_at");
            String status = revoked != null ? "revoked" : expires.isAfter(now) ? "active" : "expired";
            return new ShareView(rs.getObject("id", UUID.class), rs.getObject("content_item_id", UUID.class),
                    rs.getTimestamp("created_at").toInstant(), expires, revoked == null ? null : revoked.toInstant(), status);
        };
    }

    @Transactional
    Created create(UUID userId, UUID itemId, Integer expiresInHours) {
        int hours = expiresInHours == null ? properties.shareDefaultHours() : expiresInHours;
        if (hours < 1 || hours > properties.shareMaxHours()) {
            throw ContentErrors.invalid("expires_in_hours", "must be between 1 and " + properties.shareMaxHours());
        }
        if (content.owned(userId, itemId).fromPack()) {
            // a pack's item is the creator's work, licensed to this person: a public link would give it to anyone
            throw DomainException.conflict("PACK_ITEM_NOT_SHAREABLE", "Items of a pack cannot be shared by a link");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofHours(hours));
        jdbc.update("insert into share_link (id, content_item_id, user_id, token_hash, created_at, expires_at)"
                + " values (:id, :item, :user, :hash, :now, :expires)", new MapSqlParameterSource("id", id)
                        .addValue("item", itemId).addValue("user", userId).addValue("hash", hash(token))
                        .addValue("now", Timestamp.from(now)).addValue("expires", Timestamp.from(expires)));
        String base = properties.shareBaseUrl().replaceAll("/+$", "");
        return new Created(id, token, base + "/api/v1/content/shared/" + token, expires);
    }

    @Transactional(readOnly = true)
    ShareList list(UUID userId, UUID itemId) {
        content.owned(userId, itemId);
        return new ShareList(jdbc.query("select * from share_link where content_item_id = :item and user_id = :user"
                + " order by created_at desc, id", Map.of("item", itemId, "user", userId), mapper()));
    }

    /** Revoking twice answers the same; someone else's share is a 404. */
    @Transactional
    Revoked revoke(UUID userId, UUID shareId) {
        int found = jdbc.update("update share_link set revoked_at = coalesce(revoked_at, :now) where id = :id and user_id = :user",
                new MapSqlParameterSource("id", shareId).addValue("user", userId).addValue("now", Timestamp.from(clock.instant())));
        if (found == 0) {
            throw shareNotFound();
        }
        return new Revoked(shareId, "revoked");
    }

    /** The public side: unknown, malformed, revoked and expired tokens are all the same 404. */
    @Transactional(readOnly = true)
    Shared open(String token) {
        ContentMetadata item = sharedItem(token);
        String audioUrl = properties.shareBaseUrl().replaceAll("/+$", "") + "/api/v1/content/shared/" + token + "/audio";
        return new Shared(item.title(), item.contentType(), item.duration(), audioUrl);
    }

    /** The shared item's current audio object (for streaming through this service: the key holds the owner's id). */
    @Transactional(readOnly = true)
    ContentMetadata sharedItem(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw shareNotFound();
        }
        List<UUID> ids = jdbc.queryForList("select content_item_id from share_link where token_hash = :hash"
                + " and revoked_at is null and expires_at > :now", new MapSqlParameterSource("hash", hash(token))
                        .addValue("now", Timestamp.from(clock.instant())), UUID.class);
        if (ids.isEmpty()) {
            throw shareNotFound();
        }
        return content.metadata(ids.getFirst()).orElseThrow(ShareService::shareNotFound);
    }

    /** The shared item's audio object, the whole of it or the HTTP {@code range} asked for. */
    ResponseInputStream<GetObjectResponse> openAudio(ContentMetadata item, String range) {
        return audio.open(item.audioKey(), range);
    }

    /** The person's share links, metadata only (account export; the tokens are not known). */
    @Transactional(readOnly = true)
    public List<ShareView> exportAll(UUID userId) {
        return jdbc.query("select * from share_link where user_id = :user order by created_at desc, id",
                Map.of("user", userId), mapper());
    }
}
