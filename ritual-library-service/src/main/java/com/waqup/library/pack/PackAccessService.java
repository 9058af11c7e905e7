package com.waqup.library.pack;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.waqup.library.content.ContentErrors;
import com.waqup.library.content.ContentMetadata;
import com.waqup.library.content.ContentService;
import com.waqup.library.storage.AudioStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may use which pack, and the pack items in people's libraries (docs/marketplace.md). A pack's creator always has
 * access; anyone else through a grant (source {@code claim} for a free pack, {@code purchase} for a paid one, from
 * {@code payment.succeeded}). A grant puts the items of the pack's current revision into the person's library; later
 * revisions do not change what they have. Archived packs stay with the people who own them.
 */
@Service
public class PackAccessService {

    private static final Logger log = LoggerFactory.getLogger(PackAccessService.class);

    private final PackAccessRepository packs;
    private final ContentService content;
    private final AudioStorage audio;
    private final Clock clock;

    PackAccessService(PackAccessRepository packs, ContentService content, AudioStorage audio, Clock clock) {
        this.packs = packs;
        this.content = content;
        this.audio = audio;
        this.clock = clock;
    }

    /** The internal access answer (the contract catalog reads). */
    public record Access(UUID packId, UUID userId, boolean hasAccess, String source) {
    }

    @Transactional(readOnly = true)
    public Access access(UUID packId, UUID userId) {
        Optional<PackAccessRepository.PackRow> pack = packs.pack(packId);
        if (pack.isPresent() && pack.get().creatorId().equals(userId)) {
            return new Access(packId, userId, true, "creator");
        }
        return packs.grant(userId, packId).filter(g -> g.activeAt(clock.instant()))
                .map(g -> new Access(packId, userId, true, g.source())).orElse(new Access(packId, userId, false, null));
    }

    // ---- pack.published / pack.updated / pack.archived ---------------------------------------------------

    /** Stores a revision's item versions and fills the libraries of grants that waited for it. */
    @Transactional
    void applyRevision(UUID packId, UUID creatorId, int revision, String title, List<PackAccessRepository.PackItemVersion> items) {
        Instant now = clock.instant();
        packs.upsertPack(packId, creatorId, revision, title, now);
        packs.lockPack(packId);
        if (!packs.hasRevision(packId, revision)) {
            items.forEach(item -> packs.insertItem(packId, revision, item));
        }
        int latest = packs.latestKnownRevision(packId).orElse(revision);
        for (PackAccessRepository.Grant waiting : packs.waitingGrants(packId)) {
            fill(waiting.userId(), packId, latest);
        }
        log.info("pack {} revision {} stored ({} item(s))", packId, revision, items.size());
    }

    @Transactional
    void archive(UUID packId, UUID creatorId, int revision) {
        packs.archivePack(packId, creatorId, revision, clock.instant());
        log.info("pack {} archived: its owners keep it", packId);
    }

    // ---- grants --------------------------------------------------------------------------------------------

    /**
     * Grants the pack to the person for good (a free claim, or a one-time purchase) and puts the items of the pack's
     * latest known revision into their library; if no revision is known yet, the items follow when it arrives. A
     * repeated grant changes nothing; a purchase whose refund is known already grants nothing; a new purchase after a
     * revoked or ended grant restores it.
     */
    @Transactional
    public boolean grant(UUID userId, UUID packId, String source, UUID paymentId) {
        if (!CLAIM.equals(source) && packs.refunded(paymentId, null)) {
            log.info("payment {} for pack {} was refunded already: no grant", paymentId, packId);
            return false;
        }
        return grantOrExtend(userId, packId, source, paymentId, null, null);
    }

    /**
     * A subscription's paid period (first payment, renewal, or the end of the subscription): the grant lasts until the
     * latest period end known, never shortened by an event that arrives late. A claim or purchase the person holds
     * already is left as it is; a payment or subscription whose refund is known grants nothing.
     */
    @Transactional
    public boolean subscribe(UUID userId, UUID packId, UUID subscriptionId, UUID paymentId, Instant periodEnd) {
        if (packs.refunded(paymentId, subscriptionId)) {
            log.info("subscription {} of pack {} was refunded: no grant", subscriptionId, packId);
            return false;
        }
        return grantOrExtend(userId, packId, SUBSCRIPTION, paymentId, subscriptionId, periodEnd);
    }

    /** A refund of a paid pack: the grant that rests on the payment (or its subscription) is revoked; a claim stays. */
    @Transactional
    public void refund(UUID userId, UUID packId, UUID paymentId, UUID subscriptionId, Instant refundedAt) {
        packs.insertRefund(paymentId, userId, packId, subscriptionId, refundedAt);
        packs.lockGrant(userId, packId);
        if (packs.revoke(userId, packId, paymentId, subscriptionId, refundedAt) > 0) {
            log.info("pack {} revoked for {} (payment {} refunded)", packId, userId, paymentId);
        }
    }

    static final String CLAIM = "claim";
    static final String PURCHASE = "purchase";
    static final String SUBSCRIPTION = "subscription";

    private boolean grantOrExtend(UUID userId, UUID packId, String source, UUID paymentId, UUID subscriptionId,
            Instant accessUntil) {
        Instant now = clock.instant();
        if (packs.insertGrant(userId, packId, source, paymentId, subscriptionId, accessUntil, now)) {
            packs.lockPack(packId);
            packs.latestKnownRevision(packId).ifPresent(revision -> fill(userId, packId, revision));
            log.info("pack {} granted to {} ({}{})", packId, userId, source, accessUntil == null ? "" : " until " + accessUntil);
            return true;
        }
        PackAccessRepository.Grant existing = packs.lockGrant(userId, packId).orElseThrow();
        if (existing.permanent()) {
            return false;
        }
        if (existing.revokedAt() == null && accessUntil != null) {
            packs.extend(userId, packId, subscriptionId, accessUntil);
            return false;
        }
        packs.regrant(userId, packId, source, paymentId, subscriptionId, accessUntil);
        if (existing.revision() == null) {
            packs.lockPack(packId);
            packs.latestKnownRevision(packId).ifPresent(revision -> fill(userId, packId, revision));
        }
        log.info("pack {} granted again to {} ({})", packId, userId, source);
        return true;
    }

    private void fill(UUID userId, UUID packId, int revision) {
        List<ContentService.PackItem> items = packs.items(packId, revision).stream().map(i -> i.forLibrary(revision)).toList();
        int added = content.addPackItems(userId, packId, items);
        packs.setGrantRevision(userId, packId, revision);
        log.info("{} item(s) of pack {} (revision {}) added to the library of {}", added, packId, revision, userId);
    }

    // ---- creators' originals ---------------------------------------------------------------------------------

    /** A ready item of the person's own library (not a pack's), as creator-service checks a pack item. */
    public record OwnedItem(UUID contentId, UUID userId, String contentType, String title, int duration, List<String> tags,
            String source) {
    }

    @Transactional(readOnly = true)
    public OwnedItem owned(UUID contentId, UUID userId) {
        ContentMetadata m = content.ownOriginal(userId, contentId).orElseThrow(() -> ContentErrors.contentNotFound(contentId));
        return new OwnedItem(m.id(), m.userId(), m.contentType(), m.title(), m.duration(), m.tags(), m.sourceOrOwn());
    }

    /** The pack-owned, immutable copy of one item: its audio, script and metadata at the time of publishing. */
    public record PackCopy(String title, String contentType, String practiceType, int duration, List<String> tags,
            String contentText, String audioKey, String audioFormat, Long audioSizeBytes) {
    }

    /**
     * Copies the creator's item into the pack: the audio to {@code packs/{pack_id}/{item_id}/{revision}.{format}}
     * (server-side in S3, never overwriting an existing copy), the script and metadata into the answer. Later edits or
     * deletion of the original, or the creator's erasure, never touch the copy.
     */
    public PackCopy copy(UUID contentId, UUID userId, UUID packId, UUID itemId, int revision) {
        ContentMetadata m = content.ownOriginal(userId, contentId).orElseThrow(() -> ContentErrors.contentNotFound(contentId));
        String format = m.audioFormat() == null || m.audioFormat().isBlank() ? "mp3" : m.audioFormat();
        String key = packKey(packId, itemId, revision, format);
        long size = audio.copyIfAbsent(m.audioKey(), key);
        log.info("item {} copied into pack {} as {}", contentId, packId, key);
        return new PackCopy(m.title(), m.contentType(), m.contentType(), m.duration(), m.tags(), m.contentText(), key, format,
                size);
    }

    public static String packKey(UUID packId, UUID itemId, int revision, String format) {
        return "packs/" + packId + "/" + itemId + "/" + revision + "." + format;
    }

    /** The person's grants (account export). */
    @Transactional(readOnly = true)
    public List<Object> exportGrants(UUID userId) {
        return packs.grantsOf(userId).stream().map(g -> (Object) new ExportedGrant(g.packId(), g.source(), g.paymentId(),
                g.revision(), g.grantedAt(), g.subscriptionId(), g.accessUntil(), g.revokedAt())).toList();
    }

    record ExportedGrant(UUID packId, String source, UUID paymentId, Integer revision, Instant grantedAt,
            UUID subscriptionId, Instant accessUntil, Instant revokedAt) {
    }
}
