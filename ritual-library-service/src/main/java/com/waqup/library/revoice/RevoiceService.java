package com.waqup.library.revoice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.library.content.ContentMetadata;
import com.waqup.library.content.ContentService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Editing a practice's script and re-voicing it (docs/library.md, "Re-voice and script edit").
 * <ul>
 * <li>{@link #editScript}: the edited segments are validated ({@link ScriptRules}) and kept as the item's pending
 * script; the item (its text and audio) is unchanged until a re-voice voices it.</li>
 * <li>{@link #revoice}: the next version {@code n+1} is reserved (a {@code revoice} row), then content-generation is
 * asked for a job that voices the pending script (or the current one) without writing a new one; no transaction is
 * open during that call. The item stays at version {@code n}, playable, until {@code content.ready} of {@code n+1}
 * makes the new audio current and deletes the old object (the content capability). A failure
 * ({@code generation.failed}) marks the re-voice failed and gives the edited script back as pending.</li>
 * </ul>
 * One re-voice at a time per item (409 {@code REVOICE_IN_PROGRESS}); a pack's item is not the person's script (409
 * {@code CONTENT_NOT_EDITABLE}); someone else's item is the same 404 as an unknown one.
 */
@Service
public class RevoiceService {

    /** A re-voice older than this no longer blocks a new one (content-generation's deadline is 10 minutes). */
    static final Duration RUNNING_AT_MOST = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(RevoiceService.class);
    private static final TypeReference<List<ScriptRules.EditedSegment>> SEGMENTS = new TypeReference<>() {
    };

    private final ContentService content;
    private final RevoiceRepository revoices;
    private final GenerationJobs generation;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;

    RevoiceService(ContentService content, RevoiceRepository revoices, GenerationJobs generation,
            PlatformTransactionManager transactions, JsonMapper json, Clock clock) {
        this.content = content;
        this.revoices = revoices;
        this.generation = generation;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
    }

    public record PendingScript(UUID contentItemId, String status, List<ScriptRules.EditedSegment> segments,
            int estimatedSeconds) {
    }

    public record Started(UUID jobId, UUID ritualId, UUID contentItemId, int version, String status, int estimatedTime,
            int cost) {
    }

    PendingScript editScript(UUID userId, UUID id, List<RevoiceController.SegmentBody> body) {
        ContentMetadata item = editable(userId, id);
        List<ScriptRules.EditedSegment> segments = ScriptRules.validate(body);
        tx.executeWithoutResult(status -> {
            revoices.lock(id);
            refuseWhileRunning(item);
            revoices.savePendingScript(id, userId, json.writeValueAsString(segments), clock.instant());
        });
        log.info("content item {}: edited script of {} segment(s) pending", id, segments.size());
        return new PendingScript(id, "pending", segments, (int) Math.round(ScriptRules.seconds(segments)));
    }

    Started revoice(UUID userId, UUID id, String voiceId, String pace) {
        ContentMetadata item = editable(userId, id);
        String voice = voiceId != null ? voiceId : item.voice() == null ? null : item.voice().id();
        record Reserved(int version, String pendingJson) {
        }
        Reserved reserved = tx.execute(status -> {
            revoices.lock(id);
            refuseWhileRunning(item);
            int version = Math.max(item.version(), revoices.highestVersion(id)) + 1;
            String pending = revoices.pendingScript(id).orElse(null);
            revoices.start(id, version, userId, voice, pace, pending, clock.instant());
            revoices.deletePendingScript(id);
            return new Reserved(version, pending);
        });
        List<ScriptRules.EditedSegment> edited = reserved.pendingJson() == null ? null
                : json.readValue(reserved.pendingJson(), SEGMENTS);
        GenerationJobs.Job job;
        try {
            job = generation.revoice(new GenerationJobs.RevoiceRequest(id, userId, item.contentType(), reserved.version(),
                    voice, pace, item.title(), item.tags(), item.depth(), language(item), sections(item, edited),
                    item.context()));
        } catch (RuntimeException e) {
            String reason = e instanceof DomainException d ? d.code() : "the re-voice could not be started";
            failed(id, reserved.version(), reason);
            throw e;
        }
        tx.executeWithoutResult(status -> revoices.attachJob(id, reserved.version(), job.jobId(), clock.instant()));
        log.info("content item {}: re-voice to v{} with {} is job {} ({} credit(s) held)", id, reserved.version(), voice,
                job.jobId(), job.cost());
        return new Started(job.jobId(), id, id, reserved.version(), "generating", job.estimatedTime(), job.cost());
    }

    /** {@code generation.failed} of re-voice job {@code jobId}: its re-voice of item {@code id} fails, if still running. */
    public void jobFailed(UUID id, UUID jobId, String reason) {
        revoices.runningVersionOf(id, jobId).ifPresent(version -> failed(id, version, reason));
    }

    /** The re-voice of {@code version} failed: it no longer runs, and its edited script is pending again. */
    void failed(UUID id, int version, String reason) {
        tx.executeWithoutResult(status -> revoices.fail(id, version, reason, clock.instant())
                .filter(f -> f.segmentsJson() != null)
                .ifPresent(f -> revoices.restorePendingScript(id, f.userId(), f.segmentsJson(), clock.instant())));
        log.info("content item {}: re-voice to v{} failed ({}); the current version stays", id, version, reason);
    }

    private ContentMetadata editable(UUID userId, UUID id) {
        ContentMetadata item = content.owned(userId, id);
        if (item.fromPack()) {
            throw DomainException.conflict("CONTENT_NOT_EDITABLE",
                    "This practice comes from a pack: its script and voice are the creator's");
        }
        return item;
    }

    private void refuseWhileRunning(ContentMetadata item) {
        revoices.running(item.id(), item.version(), clock.instant().minus(RUNNING_AT_MOST)).ifPresent(r -> {
            throw DomainException.conflict("REVOICE_IN_PROGRESS",
                    "This practice is being re-voiced (version " + r.version() + "); wait until it is ready");
        });
    }

    private static String language(ContentMetadata item) {
        JsonNode structure = item.structure();
        return structure != null && structure.path("language").isString() ? structure.path("language").asString() : "en";
    }

    /**
     * The sections to voice: the item's own (from its structure) with the edited segments put in their place when
     * there are as many, otherwise the edited segments as one section of the first section's kind.
     */
    static List<GenerationJobs.Section> sections(ContentMetadata item, List<ScriptRules.EditedSegment> edited) {
        List<GenerationJobs.Section> current = new ArrayList<>();
        JsonNode structure = item.structure();
        if (structure != null) {
            for (JsonNode section : structure.path("sections")) {
                List<GenerationJobs.Segment> segments = new ArrayList<>();
                for (JsonNode segment : section.path("segments")) {
                    String text = segment.path("text").asString("");
                    if (!text.isBlank()) {
                        segments.add(new GenerationJobs.Segment(text, Math.clamp(segment.path("pause_after").asDouble(0),
                                0, ScriptRules.MAX_PAUSE)));
                    }
                }
                if (!segments.isEmpty()) {
                    current.add(new GenerationJobs.Section(section.path("kind").asString("body"), segments));
                }
            }
        }
        if (current.isEmpty()) {
            List<GenerationJobs.Segment> lines = new ArrayList<>();
            for (String line : item.contentText().split("\n")) {
                if (!line.isBlank()) {
                    lines.add(new GenerationJobs.Segment(line.strip(), 1.0));
                }
            }
            if (lines.isEmpty() && edited == null) {
                throw DomainException.conflict("CONTENT_NOT_EDITABLE", "This practice has no script to voice");
            }
            if (!lines.isEmpty()) {
                current.add(new GenerationJobs.Section("body", lines));
            }
        }
        if (edited == null) {
            return current;
        }
        int count = current.stream().mapToInt(s -> s.segments().size()).sum();
        if (count != edited.size()) {
            String kind = current.isEmpty() ? "body" : current.getFirst().kind();
            return List.of(new GenerationJobs.Section(kind, edited.stream()
                    .map(e -> new GenerationJobs.Segment(e.text(), e.pauseAfter())).toList()));
        }
        List<GenerationJobs.Section> merged = new ArrayList<>();
        int i = 0;
        for (GenerationJobs.Section section : current) {
            List<GenerationJobs.Segment> segments = new ArrayList<>();
            for (int k = 0; k < section.segments().size(); k++, i++) {
                segments.add(new GenerationJobs.Segment(edited.get(i).text(), edited.get(i).pauseAfter()));
            }
            merged.add(new GenerationJobs.Section(section.kind(), segments));
        }
        return merged;
    }
}
