package com.waqup.generation.job;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.generation.credit.CreditHolds;
import com.waqup.generation.script.Depth;
import com.waqup.generation.script.Pace;
import com.waqup.generation.script.Script;
import com.waqup.generation.script.ScriptType;
import com.waqup.generation.script.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-voicing an item the library already holds: a job for its next version that <b>skips script writing</b> (the
 * library sends the script, edited or not) and goes straight to {@code audio.requested}. Progress, settlement and
 * {@code content.ready} are a creation's (same job life cycle, same events, same status endpoint).
 * <p>
 * Credits: an offline voice (a platform id) is free, nothing is held; a vendor voice ({@code elevenlabs:…},
 * {@code playht:…}) holds what creating the item's type costs, captured when the audio is stored and released on
 * failure (docs/credits.md). Order as for a creation: the hold first (no transaction open), then the job. The job id
 * is derived from the item and the version, so a repeated request returns the same job and the same hold.
 */
@Service
class RevoiceService {

    private static final Logger log = LoggerFactory.getLogger(RevoiceService.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final GenerationJobRepository jobs;
    private final GenerationScriptRepository scripts;
    private final CreditHolds credits;
    private final EstimatedTime estimate;
    private final JobEvents events;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;

    RevoiceService(GenerationJobRepository jobs, GenerationScriptRepository scripts, CreditHolds credits,
            EstimatedTime estimate, JobEvents events, PlatformTransactionManager transactions, JsonMapper json, Clock clock) {
        this.jobs = jobs;
        this.scripts = scripts;
        this.credits = credits;
        this.estimate = estimate;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
    }

    /** What the library asks for: the item, its next version, the voice and pace, and the script to voice. */
    record Revoice(UUID contentId, UUID userId, String contentType, int version, String voiceId, String pace,
            String title, List<String> tags, String depth, String language, List<Section> sections, JsonNode context) {
    }

    /** A voice that runs on a vendor's machines (billed per synthesis): its id is namespaced ({@code vendor:id}). */
    static boolean vendorVoice(String voiceId) {
        return voiceId != null && voiceId.indexOf(':') > 0;
    }

    GenerationJobService.Outcome revoice(Revoice command) {
        ContentType type = ContentType.of(command.contentType()).orElseThrow(() -> DomainException.invalidField(
                "content_type", "must be one of " + ContentType.CODES));
        ScriptType scriptType = ScriptType.of(type.code()).orElseThrow();
        String key = GenerationJob.revoiceKey(command.contentId(), command.version());
        Optional<GenerationJob> existing = jobs.findBySessionId(key);
        if (existing.isPresent()) {
            return repeated(existing.get(), command);
        }
        Map<String, Object> request = request(command);
        Pace pace = Pace.forPractice(scriptType, request);
        Script draft = new Script(command.title(), scriptType, command.sections(),
                command.tags() == null ? List.of() : command.tags(), Depth.of(scriptType, 60), 1, language(command));
        int seconds = (int) Math.max(1, Math.round(draft.estimatedSeconds(pace.wordsPerMinute())));
        Depth depth = depth(command.depth(), scriptType, seconds);
        Script script = new Script(draft.title(), scriptType, draft.sections(), draft.tags(), depth, seconds,
                draft.language());
        request.put("duration_seconds", seconds);

        UUID jobId = GenerationJob.idFor(key);
        int cost = 0;
        if (vendorVoice(command.voiceId())) {
            CreditHolds.Hold hold = credits.place(jobId, command.userId(), type.code(), command.contentId());
            if (!hold.open()) {
                throw DomainException.conflict("CREDIT_HOLD_RELEASED",
                        "The credits reserved for this re-voice were released; ask again");
            }
            cost = hold.amount();
        }
        int costHeld = cost;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String stored = json.writeValueAsString(request);
        GenerationJob job = GenerationJob.revoice(command.contentId(), command.version(), command.userId(), type, costHeld,
                stored, estimate.seconds(type, json.valueToTree(request)), now);
        try {
            tx.executeWithoutResult(status -> handOff(job, script, request, pace, now));
        } catch (DataIntegrityViolationException raced) {
            return repeated(jobs.findBySessionId(key).orElseThrow(() -> raced), command);
        }
        log.info("re-voice job {}: item {} v{} with voice {} at {} pace, {} credit(s) held", job.id(), job.contentId(),
                job.contentVersion(), command.voiceId(), pace.code(), costHeld);
        return new GenerationJobService.Outcome(GenerationJobService.view(job), true);
    }

    /** Stored, past writing (nothing to write) and handed to audio-generation in one transaction. */
    private void handOff(GenerationJob job, Script script, Map<String, Object> request, Pace pace, Instant now) {
        jobs.saveAndFlush(job);
        job.startWriting(now);
        scripts.save(new GenerationScript(job.id(), script.title(), json.writeValueAsString(script.tags()),
                script.depth().code(), json.writeValueAsString(script), script.plainText(), JobEvents.voiceId(request),
                "edited", script.wordCount(), script.estimatedSeconds(pace.wordsPerMinute()), now));
        job.startVoicing(now);
        job.reportProgress(30, now);
        events.audioRequested(job, script);
        events.progress(job);
        jobs.flush();
    }

    private Map<String, Object> request(Revoice command) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (command.context() != null && command.context().isObject()) {
            request.putAll(json.convertValue(command.context(), MAP));
        }
        request.remove("voice_id");
        if (command.voiceId() != null) {
            request.put("voice_id", command.voiceId());
        }
        if (command.pace() != null) {
            request.put("pace", command.pace().strip().toLowerCase(Locale.ROOT));
        }
        return request;
    }

    private static String language(Revoice command) {
        return command.language() == null || command.language().isBlank() ? "en" : command.language();
    }

    private static Depth depth(String code, ScriptType type, int seconds) {
        for (Depth d : Depth.values()) {
            if (d.code().equals(code)) {
                return d;
            }
        }
        return Depth.of(type, seconds);
    }

    private static GenerationJobService.Outcome repeated(GenerationJob job, Revoice command) {
        if (!job.userId().equals(command.userId()) || !job.contentId().equals(command.contentId())) {
            throw DomainException.conflict("IDEMPOTENCY_CONFLICT", "This version already has a re-voice job");
        }
        return new GenerationJobService.Outcome(GenerationJobService.view(job), false);
    }
}
