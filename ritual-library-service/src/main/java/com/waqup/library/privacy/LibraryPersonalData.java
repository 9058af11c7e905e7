package com.waqup.library.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.privacy.PersonalData;
import com.waqup.library.content.ContentService;
import com.waqup.library.content.ErasedPeople;
import com.waqup.library.pack.PackAccessService;
import com.waqup.library.practice.PracticeService;
import com.waqup.library.sharing.ShareService;
import com.waqup.library.storage.AudioStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The library's part of the account export and erasure (docs/privacy.md; common-lib serves
 * {@code GET /internal/users/{id}/export} and consumes {@code user.deletion_requested} with it).
 *
 * <p>Export: every item with signed audio URLs of every version, every practice event, the folders, the share links
 * (metadata only: the tokens themselves are not stored) and the favourites.
 *
 * <p>Erasure: every row of theirs in every table of the schema, every S3 object under {@code audio/{user_id}/} (and
 * any version key stored elsewhere), the outbox entries that mention them, and their cached metadata. The S3
 * deletions run inside the confirmation's transaction: if S3 fails, nothing is committed (nor confirmed) and the
 * message is retried, then dead-lettered, so the confirmation is only ever sent for a complete erasure. The one place
 * that reads every table of the schema.
 */
@Component
class LibraryPersonalData implements PersonalData {

    private static final Logger log = LoggerFactory.getLogger(LibraryPersonalData.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final AudioStorage audio;
    private final ContentService content;
    private final PracticeService practice;
    private final ShareService shares;
    private final ErasedPeople erased;
    private final PackAccessService packs;

    LibraryPersonalData(NamedParameterJdbcTemplate jdbc, AudioStorage audio, ContentService content, PracticeService practice,
            ShareService shares, ErasedPeople erased, PackAccessService packs) {
        this.packs = packs;
        this.erased = erased;
        this.jdbc = jdbc;
        this.audio = audio;
        this.content = content;
        this.practice = practice;
        this.shares = shares;
    }

    @Override
    public Object export(UUID userId) {
        List<ContentService.ExportedItem> items = content.exportAll(userId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("content_items", items);
        data.put("practice_events", practice.exportAll(userId));
        data.put("folders", content.exportFolders(userId));
        data.put("shares", shares.exportAll(userId));
        data.put("pack_grants", packs.exportGrants(userId));
        data.put("favorites", items.stream().filter(ContentService.ExportedItem::favorite).map(ContentService.ExportedItem::id).toList());
        return data;
    }

    @Override
    public Erasure erase(UUID user) {
        Map<String, Object> p = Map.of("user", user, "pattern", "%" + user + "%", "prefix", ContentService.userPrefix(user) + "%");
        List<UUID> itemIds = jdbc.queryForList("select id from content_item where user_id = :user", p, UUID.class);
        String prefix = ContentService.userPrefix(user);
        // a pack item's audio belongs to the pack (packs/…), shared by everyone who owns it: never deleted here
        List<String> strayKeys = jdbc.queryForList("select v.audio_key from content_item_version v join content_item i"
                + " on i.id = v.content_item_id where i.user_id = :user and v.audio_key not like :prefix"
                + " union select audio_key from content_item where user_id = :user and source = 'own'"
                + " and audio_key not like :prefix", p, String.class);

        long rows = 0;
        rows += jdbc.update("delete from share_link where user_id = :user", p);
        rows += jdbc.update("delete from personalization where user_id = :user", p);
        rows += jdbc.update("delete from practice_event where user_id = :user", p);
        rows += jdbc.update("delete from content_item_version v using content_item i"
                + " where i.id = v.content_item_id and i.user_id = :user", p);
        rows += jdbc.update("delete from content_item where user_id = :user", p);
        rows += jdbc.update("delete from folder where user_id = :user", p);
        rows += jdbc.update("delete from pack_grant where user_id = :user", p);
        rows += jdbc.update("delete from pack_refund where user_id = :user", p);
        rows += jdbc.update("delete from storage_cleanup where object_key like :prefix", p);
        // events about the person still waiting in the outbox (completed ones are deleted on completion)
        rows += jdbc.update("delete from event_publication where serialized_event like :pattern", p);

        erased.add(user); // a content.ready still on its way will not bring an item back

        long objects = audio.deletePrefix(prefix);
        for (String key : strayKeys) {
            audio.deleteObject(key);
            objects++;
        }
        content.evict(itemIds);
        log.info("user {} erased: {} row(s), {} audio object(s)", user, rows, objects);
        return new Erasure(rows, objects);
    }
}
