package com.waqup.creator.pack;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.waqup.common.error.DomainException;
import com.waqup.common.outbox.IntegrationEvents;
import com.waqup.common.paging.PageQuery;
import com.waqup.common.paging.Pagination;
import com.waqup.creator.profile.ProfileService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A creator's packs: drafts, items from their own library, publishing (items copied into pack-owned immutable
 * versions, {@code pack.published}), changes to a published pack as new revisions ({@code pack.updated}) and
 * archiving ({@code pack.archived}); every event through the outbox, in the transaction that changes the pack.
 */
@Service
public class PackService {

    private static final Logger log = LoggerFactory.getLogger(PackService.class);

    private final PackRepository packs;
    private final PackRules rules;
    private final LibraryClient library;
    private final ProfileService profiles;
    private final IntegrationEvents outbox;
    private final Clock clock;

    PackService(PackRepository packs, PackRules rules, LibraryClient library, ProfileService profiles,
            IntegrationEvents outbox, Clock clock) {
        this.packs = packs;
        this.rules = rules;
        this.library = library;
        this.profiles = profiles;
        this.outbox = outbox;
        this.clock = clock;
    }

    // ---- views ---------------------------------------------------------------------------------------------

    record ItemView(UUID itemId, UUID contentId, int position, String title, Integer duration, String practiceType,
            Integer publishedInRevision, boolean personalizable) {
    }

    record PackView(UUID id, String status, String title, String description, String priceType, BigDecimal priceAmount,
            String currency, String subscriptionInterval, List<String> tags, String coverUrl, int revision,
            int itemCount, List<ItemView> items, Instant createdAt, Instant updatedAt, Instant publishedAt,
            Instant archivedAt) {
    }

    record PackSummary(UUID id, String status, String title, String priceType, BigDecimal priceAmount, String currency,
            String subscriptionInterval, List<String> tags, int revision, int itemCount, Instant createdAt,
            Instant updatedAt, Instant publishedAt, Instant archivedAt) {
    }

    record PackPage(List<PackSummary> packs, Pagination pagination) {
    }

    record RevisionView(int revision, String title, String priceType, BigDecimal priceAmount, String currency,
            String subscriptionInterval, int itemCount, Instant publishedAt) {
    }

    record RevisionPage(List<RevisionView> revisions, Pagination pagination) {
    }

    static BigDecimal decimal(long minor) {
        return BigDecimal.valueOf(minor, 2);
    }

    private PackView view(Pack p) {
        List<PackRepository.ItemRow> rows = packs.items(p.id());
        List<ItemView> items = rows.stream().map(r -> new ItemView(r.id(), r.contentId(), r.position(),
                r.snapshot() == null ? null : r.snapshot().title(), r.snapshot() == null ? null : r.snapshot().duration(),
                r.snapshot() == null ? null : r.snapshot().practiceType(), r.snapshotRevision(), r.personalizable())).toList();
        return new PackView(p.id(), p.status(), p.title(), p.description(), p.priceType(), decimal(p.priceAmountMinor()),
                p.currency(), p.subscriptionInterval(), p.tags(), p.coverUrl(), p.revision(), items.size(), items,
                p.createdAt(), p.updatedAt(), p.publishedAt(), p.archivedAt());
    }

    private PackSummary summary(Pack p) {
        return new PackSummary(p.id(), p.status(), p.title(), p.priceType(), decimal(p.priceAmountMinor()), p.currency(),
                p.subscriptionInterval(), p.tags(), p.revision(), (int) packs.itemCount(p.id()), p.createdAt(),
                p.updatedAt(), p.publishedAt(), p.archivedAt());
    }

    static DomainException packNotFound(UUID id) {
        return DomainException.notFound("PACK_NOT_FOUND", "Pack " + id + " not found");
    }

    private Pack locked(UUID creatorId, UUID id) {
        return packs.lockOwned(id, creatorId).orElseThrow(() -> packNotFound(id));
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    PackPage list(UUID creatorId, String status, PageQuery page) {
        String s = status == null || status.isBlank() ? null : status.strip();
        if (s != null && !Pack.STATUSES.contains(s)) {
            throw DomainException.invalidField("status", "must be one of " + String.join(", ", Pack.STATUSES));
        }
        long total = packs.count(creatorId, s);
        List<PackSummary> rows = total == 0 || page.offset() >= total ? List.of()
                : packs.page(creatorId, s, page.offset(), page.limit()).stream().map(this::summary).toList();
        return new PackPage(rows, Pagination.of(page, total));
    }

    @Transactional(readOnly = true)
    PackView get(UUID creatorId, UUID id) {
        return view(packs.findOwned(id, creatorId).orElseThrow(() -> packNotFound(id)));
    }

    @Transactional(readOnly = true)
    RevisionPage revisions(UUID creatorId, UUID id, PageQuery page) {
        packs.findOwned(id, creatorId).orElseThrow(() -> packNotFound(id));
        long total = packs.revisionCount(id);
        List<RevisionView> rows = total == 0 || page.offset() >= total ? List.of()
                : packs.revisions(id, page.offset(), page.limit()).stream().map(r -> new RevisionView(r.payload().revision(),
                        r.payload().title(), r.payload().priceType(), decimal(r.payload().priceAmountMinor()),
                        r.payload().currency(), r.payload().subscriptionInterval(), r.payload().items().size(),
                        r.publishedAt())).toList();
        return new RevisionPage(rows, Pagination.of(page, total));
    }

    /** The pack if it is this creator's (analytics checks ownership with it). */
    @Transactional(readOnly = true)
    public Optional<UUID> ownedPack(UUID creatorId, UUID id) {
        return packs.findOwned(id, creatorId).map(Pack::id);
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    @Transactional
    PackView create(UUID creatorId, Pack.Metadata metadata) {
        Pack pack = Pack.draft(UUID.randomUUID(), creatorId, metadata, clock.instant());
        packs.insert(pack);
        log.info("pack {} created as a draft by creator {}", pack.id(), creatorId);
        return view(pack);
    }

    /** A draft changes in place; a published pack's real change is published at once as its next revision. */
    @Transactional
    PackView update(UUID creatorId, UUID id, Pack.Metadata metadata) {
        Pack pack = locked(creatorId, id);
        pack.requireChangeable();
        if (pack.sameMetadata(metadata)) {
            return view(pack);
        }
        Pack changed = pack.withMetadata(metadata, clock.instant());
        if (pack.isPublished()) {
            rules.publishable(metadata, packs.itemCount(id));
            changed = publishRevision(changed, PackEvents.PackRevision.UPDATED);
        } else {
            packs.update(changed);
        }
        return view(changed);
    }

    /** Sets the pack's ordered items; each must be a ready item of the creator's own library. */
    @Transactional
    PackView setItems(UUID creatorId, UUID id, List<UUID> contentIds) {
        Pack pack = locked(creatorId, id);
        pack.requireChangeable();
        Map<String, String> problems = new LinkedHashMap<>();
        if (contentIds.size() > rules.maxItems()) {
            throw DomainException.invalidField("content_ids", "must hold at most " + rules.maxItems() + " items");
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < contentIds.size(); i++) {
            UUID contentId = contentIds.get(i);
            if (contentId == null) {
                problems.put("content_ids[" + i + "]", "must be a content id");
            } else if (!seen.add(contentId)) {
                problems.put("content_ids[" + i + "]", "is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalidFields(problems);
        }
        Map<UUID, PackRepository.ItemRow> existing = packs.items(id).stream()
                .collect(Collectors.toMap(PackRepository.ItemRow::contentId, Function.identity()));
        for (int i = 0; i < contentIds.size(); i++) {
            UUID contentId = contentIds.get(i);
            if (!existing.containsKey(contentId) && library.owned(contentId, creatorId).isEmpty()) {
                problems.put("content_ids[" + i + "]", "is not a ready item of your library");
            }
        }
        if (!problems.isEmpty()) {
            throw DomainException.invalid("CONTENT_NOT_OWNED", "Pack items must be ready items of your own library",
                    Map.of("fields", problems));
        }
        if (pack.isPublished() && contentIds.isEmpty()) {
            throw DomainException.invalid("PACK_NOT_PUBLISHABLE", "A published pack needs at least one item",
                    Map.of("fields", Map.of("content_ids", "a published pack needs at least one item")));
        }
        List<PackRepository.ItemRow> rows = new ArrayList<>();
        boolean changed = contentIds.size() != existing.size();
        for (int i = 0; i < contentIds.size(); i++) {
            PackRepository.ItemRow known = existing.get(contentIds.get(i));
            if (known == null || known.position() != i + 1) {
                changed = true;
            }
            rows.add(new PackRepository.ItemRow(known == null ? UUID.randomUUID() : known.id(), contentIds.get(i), i + 1,
                    null, null, known != null && known.personalizable()));
        }
        if (!changed) {
            return view(pack);
        }
        packs.replaceItems(id, rows);
        Pack touched = pack.touched(clock.instant());
        if (pack.isPublished()) {
            touched = publishRevision(touched, PackEvents.PackRevision.UPDATED);
        } else {
            packs.update(touched);
        }
        return view(touched);
    }

    /**
     * Lets buyers personalize one item of the pack ({@code personalizable}, docs/marketplace.md) or stops it. On a
     * published pack a real change is published at once as the next revision ({@code pack.updated}); the item keeps its
     * copied version. Unknown item: 404 {@code PACK_ITEM_NOT_FOUND}.
     */
    @Transactional
    PackView setPersonalizable(UUID creatorId, UUID id, UUID itemId, boolean personalizable) {
        Pack pack = locked(creatorId, id);
        pack.requireChangeable();
        PackRepository.ItemRow row = packs.items(id).stream().filter(r -> r.id().equals(itemId)).findFirst()
                .orElseThrow(() -> DomainException.notFound("PACK_ITEM_NOT_FOUND",
                        "Pack " + id + " has no item " + itemId));
        if (row.personalizable() == personalizable) {
            return view(pack);
        }
        packs.setPersonalizable(id, itemId, personalizable);
        Pack touched = pack.touched(clock.instant());
        if (pack.isPublished()) {
            touched = publishRevision(touched, PackEvents.PackRevision.UPDATED);
        } else {
            packs.update(touched);
        }
        log.info("pack {} item {}: personalizable {}", id, itemId, personalizable);
        return view(touched);
    }

    @Transactional
    PackView publish(UUID creatorId, UUID id) {
        Pack pack = locked(creatorId, id);
        pack.requireChangeable();
        if (pack.isPublished()) {
            throw DomainException.conflict("PACK_ALREADY_PUBLISHED",
                    "Pack " + id + " is published; its changes are published as new revisions when saved");
        }
        rules.publishable(pack.metadata(), packs.itemCount(id));
        return view(publishRevision(pack, PackEvents.PackRevision.PUBLISHED));
    }

    /**
     * Archives the pack: it leaves the catalog ({@code pack.archived}); people who own it keep it. Archiving a draft
     * publishes nothing (no one saw it); archiving an archived pack changes nothing.
     */
    @Transactional
    PackView archive(UUID creatorId, UUID id) {
        Pack pack = locked(creatorId, id);
        if (pack.isArchived()) {
            return view(pack);
        }
        return view(archive(pack));
    }

    private Pack archive(Pack pack) {
        Instant now = clock.instant();
        Pack archived = pack.archived(now);
        packs.update(archived);
        if (pack.isPublished()) {
            outbox.publish(PackEvents.PackArchived.TYPE, new PackEvents.PackArchived(pack.id(), pack.revision(),
                    pack.creatorId(), now));
        }
        log.info("pack {} archived (was {})", pack.id(), pack.status());
        return archived;
    }

    /**
     * Publishes {@code pack}'s current metadata and items as its next revision: items not yet copied are copied now
     * (ritual-library copies the audio to {@code packs/{pack_id}/{item_id}/{revision}.mp3} and returns the script and
     * metadata), items copied before keep their version; the revision is stored and sent through the outbox.
     */
    private Pack publishRevision(Pack pack, String type) {
        String creatorName = profiles.displayName(pack.creatorId()).orElseThrow(() -> DomainException.conflict(
                "CREATOR_PROFILE_REQUIRED", "Create your creator profile (PUT /api/v1/creators/me) before publishing"));
        int revision = pack.revision() + 1;
        List<PackEvents.Item> items = new ArrayList<>();
        for (PackRepository.ItemRow row : packs.items(pack.id())) {
            PackEvents.Item snapshot = row.snapshot();
            if (snapshot == null) {
                LibraryClient.Copy copy = library.copy(row.contentId(),
                        new LibraryClient.CopyRequest(pack.creatorId(), pack.id(), row.id(), revision));
                snapshot = new PackEvents.Item(row.id(), row.position(), copy.title(), copy.contentType(),
                        copy.practiceType(), copy.duration(), copy.tags() == null ? List.of() : copy.tags(),
                        copy.contentText(), copy.audioKey(), copy.audioFormat(), copy.audioSizeBytes(), row.personalizable());
                packs.saveSnapshot(row.id(), snapshot, revision);
            }
            items.add(snapshot.at(row.position(), row.personalizable()));
        }
        Instant now = clock.instant();
        Pack published = pack.publishedAs(revision, now);
        packs.update(published);
        PackEvents.PackRevision payload = revision(published, creatorName, items);
        packs.insertRevision(payload, now);
        outbox.publish(type, payload);
        log.info("pack {} revision {} published ({} item(s), {})", pack.id(), revision, items.size(), type);
        return published;
    }

    private static PackEvents.PackRevision revision(Pack p, String creatorName, List<PackEvents.Item> items) {
        return new PackEvents.PackRevision(p.id(), p.revision(), p.creatorId(), creatorName, p.title(), p.description(),
                p.priceType(), p.priceAmountMinor(), p.currency(), p.subscriptionInterval(), p.tags(), p.coverUrl(),
                p.publishedAt(), items);
    }

    /** A renamed creator's published packs carry the new name in their next revision. */
    @EventListener
    void on(ProfileService.CreatorRenamed renamed) {
        for (UUID id : packs.publishedIdsOf(renamed.creatorId())) {
            Pack pack = locked(renamed.creatorId(), id);
            publishRevision(pack.touched(clock.instant()), PackEvents.PackRevision.UPDATED);
        }
    }

    // ---- erasure ---------------------------------------------------------------------------------------------

    /**
     * The creator's account is erased: each published pack gets a last revision under the neutral label
     * ({@code pack.updated}) and is archived ({@code pack.archived}); drafts (seen by no one) are deleted; every stored
     * revision carries the label instead of their name. Buyers keep what they have. Returns the rows changed.
     */
    @Transactional
    public long eraseCreator(UUID creatorId, String label) {
        long rows = 0;
        for (Pack pack : packs.allOf(creatorId)) {
            if (pack.isPublished()) {
                Pack locked = locked(creatorId, pack.id());
                List<PackEvents.Item> items = packs.items(pack.id()).stream()
                        .filter(r -> r.snapshot() != null).map(r -> r.snapshot().at(r.position(), r.personalizable()))
                        .toList();
                Instant now = clock.instant();
                Pack relabelled = locked.publishedAs(locked.revision() + 1, now);
                packs.update(relabelled);
                PackEvents.PackRevision payload = revision(relabelled, label, items);
                packs.insertRevision(payload, now);
                outbox.publish(PackEvents.PackRevision.UPDATED, payload);
                archive(relabelled);
                rows += 2;
            }
        }
        rows += packs.deleteDrafts(creatorId);
        rows += packs.relabelRevisions(creatorId, label);
        packs.markCreatorErased(creatorId);
        return rows;
    }

    /** The creator's packs as exported to them. */
    @Transactional(readOnly = true)
    public List<Object> export(UUID creatorId) {
        return packs.allOf(creatorId).stream().map(p -> (Object) view(p)).toList();
    }
}
