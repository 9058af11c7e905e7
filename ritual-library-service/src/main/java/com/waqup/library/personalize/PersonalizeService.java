package com.waqup.library.personalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.library.content.ContentMetadata;
import com.waqup.library.content.ContentService;
import com.waqup.library.revoice.GenerationJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personalizing a bought practice (docs/library.md, "Personalize a pack item"): a pack item of the person's library
 * whose creator marked it {@code personalizable} is re-made for them by content-generation, with the creator's script
 * as the template and the buyer's name (if given), voice and pace (asked, else their profile's) and usual intent (from
 * their own items). It is a creation: the type's credits are held, captured when the audio is stored, released when
 * it fails; the new item (the job's id) is their own, linked to the pack ({@code source_pack_id}) and to the item it
 * re-made ({@code personalized_from}) when {@code content.ready} puts it in the library.
 * <p>
 * Order: checks (404 for an item that is not theirs or whose access ended; 409 {@code NOT_A_PACK_ITEM} or
 * {@code CONTENT_NOT_PERSONALIZABLE}); the profile read (no transaction open); the {@code personalization} row
 * reserved under a lock (the idempotency decision below); content-generation asked, with the row's id as its
 * idempotency key (no transaction open); the answer stored. A 402 deletes the row: nothing created, nothing held.
 * <p>
 * Idempotency: with an {@code Idempotency-Key} header, the same key is the same personalization (the same answer,
 * never a second hold; the key with another item or other values is 409 {@code IDEMPOTENCY_CONFLICT}). Without one,
 * a request equal to one still running for the same item (same name, voice and pace; started less than
 * {@link #RUNNING_AT_MOST} ago) is that one: a double click is charged once. Once it is ready or failed, asking again
 * makes a new personalization.
 */
@Service
public class PersonalizeService {

    /** A personalization older than this no longer absorbs a repeat (content-generation's deadline is 10 minutes). */
    static final Duration RUNNING_AT_MOST = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(PersonalizeService.class);
    private static final Set<String> PACES = Set.of("slower", "slow", "moderate", "fast", "faster");
    private static final Pattern INTENT = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private final ContentService content;
    private final PersonalizationRepository personalizations;
    private final BuyerProfile profiles;
    private final GenerationJobs generation;
    private final TransactionTemplate tx;
    private final Clock clock;

    PersonalizeService(ContentService content, PersonalizationRepository personalizations, BuyerProfile profiles,
            GenerationJobs generation, PlatformTransactionManager transactions, Clock clock) {
        this.content = content;
        this.personalizations = personalizations;
        this.profiles = profiles;
        this.generation = generation;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What the buyer asked for (each may be null). */
    record Asked(String name, String voice, String pace) {
    }

    /**
     * The seed's creation answer ({@code ritual_id}, {@code status}, {@code estimated_time}) plus the job to follow
     * and the links of the new item.
     */
    public record Started(UUID jobId, UUID ritualId, UUID contentItemId, String status, Integer estimatedTime,
            Integer cost, UUID personalizedFrom, UUID sourcePackId) {
    }

    Started personalize(UUID userId, UUID id, Asked asked, String idempotencyKey) {
        ContentMetadata item = content.owned(userId, id);
        if (!item.fromPack()) {
            throw notAPackItem();
        }
        PersonalizationRepository.PackSource source = personalizations.packSource(userId, id)
                .orElseThrow(PersonalizeService::notAPackItem);
        if (!source.personalizable()) {
            throw DomainException.conflict("CONTENT_NOT_PERSONALIZABLE",
                    "The creator of this practice has not made it personalizable");
        }
        String hash = hash(asked);
        PersonalizationRepository.Row row = tx.execute(status -> {
            personalizations.lock(userId, id);
            Optional<PersonalizationRepository.Row> earlier = idempotencyKey != null
                    ? personalizations.byKey(userId, idempotencyKey)
                    : personalizations.running(userId, id, clock.instant().minus(RUNNING_AT_MOST))
                            .filter(r -> r.idempotencyKey() == null && r.requestHash().equals(hash));
            if (earlier.isPresent()) {
                PersonalizationRepository.Row r = earlier.get();
                if (!r.sourceItemId().equals(id) || !r.requestHash().equals(hash)) {
                    throw DomainException.conflict("IDEMPOTENCY_CONFLICT",
                            "This Idempotency-Key was used for another personalization");
                }
                return r;
            }
            PersonalizationRepository.Row fresh = new PersonalizationRepository.Row(UUID.randomUUID(), userId, id,
                    source.packId(), source.packItemId(), idempotencyKey, hash, "starting", null, null, null, null,
                    clock.instant());
            personalizations.insert(fresh, clock.instant());
            return fresh;
        });
        if (row.contentId() != null) {
            log.info("personalization {} of item {} asked again: the same job {}", row.id(), id, row.jobId());
            return new Started(row.jobId(), row.contentId(), row.contentId(),
                    personalizations.status(row.id()).map(PersonalizeService::publicStatus).orElse("generating"),
                    row.estimatedTime(), row.cost(), id, row.packId());
        }
        BuyerProfile.Preferred preferred = profiles.of(userId);
        String voice = asked.voice() != null ? asked.voice() : preferred.voiceId();
        String pace = asked.pace() != null ? asked.pace()
                : preferred.pace() != null && PACES.contains(preferred.pace()) ? preferred.pace() : null;
        String intent = personalizations.usualIntent(userId).filter(i -> INTENT.matcher(i).matches()).orElse(null);
        GenerationJobs.NewItemJob job;
        try {
            job = generation.personalize(new GenerationJobs.PersonalizeRequest(row.id(), userId, item.contentType(),
                    item.title(), item.contentText(), asked.name(), voice, pace, intent,
                    item.duration() > 0 ? Math.clamp(item.duration(), 60, 3600) : null, source.packId(),
                    source.packItemId(), id));
        } catch (DomainException e) {
            if (e.kind() == ErrorKind.INSUFFICIENT_FUNDS || e.kind() == ErrorKind.INVALID) {
                tx.executeWithoutResult(status -> personalizations.delete(row.id())); // nothing was held
            }
            throw e;
        }
        tx.executeWithoutResult(status -> personalizations.started(row.id(), job.ritualId(), job.jobId(), job.cost(),
                job.estimatedTime(), clock.instant()));
        log.info("pack item {} of {} personalized as item {} (job {}, {} credit(s) held, voice {}, pace {}, intent {})",
                id, userId, job.ritualId(), job.jobId(), job.cost(), voice, pace, intent);
        return new Started(job.jobId(), job.ritualId(), job.ritualId(), "generating", job.estimatedTime(), job.cost(), id,
                source.packId());
    }

    /**
     * {@code generation.failed} of a created item: if a personalization asked for it, that personalization no longer
     * runs (its credits were released); any other creation changes nothing here.
     */
    public void failed(UUID contentId, UUID userId, String reason) {
        if (personalizations.failed(contentId, userId, reason, clock.instant())) {
            log.info("personalization of item {} failed: {}", contentId, reason);
        }
    }

    private static String publicStatus(String stored) {
        return switch (stored) {
            case "ready" -> "ready";
            case "failed" -> "failed";
            default -> "generating";
        };
    }

    private static DomainException notAPackItem() {
        return DomainException.conflict("NOT_A_PACK_ITEM",
                "Only a practice from a pack can be personalized; this one is already your own");
    }

    /** The request as asked (name, voice, pace), to tell a repeat from a different request. */
    static String hash(Asked asked) {
        String text = String.join("\u0000", String.valueOf(asked.name()), String.valueOf(asked.voice()),
                String.valueOf(asked.pace()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
