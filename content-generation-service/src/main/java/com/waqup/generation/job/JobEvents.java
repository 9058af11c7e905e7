package com.waqup.generation.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.waqup.common.outbox.IntegrationEvents;
import com.waqup.generation.config.GenerationProperties;
import com.waqup.generation.job.PipelineEvents.AudioCompleted;
import com.waqup.generation.job.PipelineEvents.AudioRequested;
import com.waqup.generation.job.PipelineEvents.AudioSegment;
import com.waqup.generation.job.PipelineEvents.Background;
import com.waqup.generation.job.PipelineEvents.ContentReady;
import com.waqup.generation.job.PipelineEvents.GenerationFailed;
import com.waqup.generation.job.PipelineEvents.GenerationProgress;
import com.waqup.generation.job.PipelineEvents.Structure;
import com.waqup.generation.job.PipelineEvents.Voice;
import com.waqup.generation.script.Pace;
import com.waqup.generation.script.Personalization;
import com.waqup.generation.script.Script;
import com.waqup.generation.script.ScriptType;
import com.waqup.generation.script.Section;
import com.waqup.generation.script.Segment;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds this service's events from a job (docs/events.md) and publishes them through the outbox: every method
 * must run inside the transaction that changes the job.
 */
@Component
class JobEvents {

    /** The beds audio-generation knows; {@code none} (or anything else) is no bed. */
    static final Set<String> BACKGROUND_SOUNDS = Set.of("rain", "ocean", "forest", "pink_noise", "brown_noise", "drone",
            "singing_bowl");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final IntegrationEvents events;
    private final JsonMapper json;
    private final GenerationProperties.Pipeline settings;

    JobEvents(IntegrationEvents events, JsonMapper json, GenerationProperties properties) {
        this.events = events;
        this.json = json;
        this.settings = properties.pipeline();
    }

    void progress(GenerationJob job) {
        events.publish(GenerationProgress.TYPE, progressOf(job));
    }

    static GenerationProgress progressOf(GenerationJob job) {
        return new GenerationProgress(job.id(), job.contentId(), job.contentId(), job.userId(), job.sessionId(), job.status().code(),
                Math.min(99, job.progress()));
    }

    void failed(GenerationJob job, String code, String reason, boolean creditsReleased) {
        events.publish(GenerationFailed.TYPE,
                new GenerationFailed(job.id(), job.contentId(), job.contentId(), job.userId(), job.sessionId(), code, reason, creditsReleased));
    }

    void audioRequested(GenerationJob job, Script script) {
        events.publish(AudioRequested.TYPE, audioRequestOf(job, script, request(job), settings));
    }

    static AudioRequested audioRequestOf(GenerationJob job, Script script, Map<String, Object> request,
            GenerationProperties.Pipeline settings) {
        List<AudioSegment> segments = new ArrayList<>();
        for (Section section : script.sections()) {
            for (Segment segment : section.segments()) {
                segments.add(new AudioSegment(segments.size(), segment.text(), segment.pauseAfter()));
            }
        }
        return new AudioRequested(job.id(), job.contentId(), job.userId(), job.contentVersion(), job.contentType().code(),
                voiceId(request), pace(job, request).code(),
                background(request, settings.backgroundLevelDb()), List.copyOf(settings.formats()), script.targetSeconds(),
                segments);
    }

    /** The pace the job's script is written and voiced at (the person's, or the content type's default). */
    static Pace pace(GenerationJob job, Map<String, ?> request) {
        return Pace.forPractice(ScriptType.of(job.contentType().code()).orElseThrow(), request);
    }

    /** {@code background_sound} of the request: one of the known beds, or none ({@code null}). */
    static Background background(Map<String, Object> request, double levelDb) {
        Object sound = request.get("background_sound");
        if (sound instanceof String s && BACKGROUND_SOUNDS.contains(s.strip().toLowerCase(Locale.ROOT))) {
            return new Background(s.strip().toLowerCase(Locale.ROOT), levelDb);
        }
        return null;
    }

    static String voiceId(Map<String, Object> request) {
        return request.get("voice_id") instanceof String v && !v.isBlank() && v.length() <= 100 ? v.strip() : null;
    }

    void contentReady(GenerationJob job, GenerationScript script) {
        events.publish(ContentReady.TYPE, contentReadyOf(job, script));
    }

    ContentReady contentReadyOf(GenerationJob job, GenerationScript stored) {
        Script script = json.readValue(stored.structure(), Script.class);
        AudioCompleted audio = json.readValue(job.audio(), AudioCompleted.class);
        String voiceId = audio.voice() != null && audio.voice().id() != null ? audio.voice().id() : stored.voiceId();
        String voiceName = audio.voice() != null ? audio.voice().name() : null;
        return new ContentReady(job.id(), job.contentId(), job.contentId(), job.userId(), job.sessionId(), job.contentVersion(),
                job.contentType().code(), stored.title(), stored.plainText(),
                new Structure(job.contentType().code(), script.sections(), script.targetSeconds(), script.language()),
                context(job), json.readValue(stored.tags(), STRINGS), stored.depth(),
                new Voice(voiceId, voiceName), audio.audioKey(), audio.format(),
                audio.durationSeconds() == null ? 0 : Math.round(audio.durationSeconds()),
                audio.sizeBytes() == null ? 0 : audio.sizeBytes(), audio.bitrateKbps() == null ? 0 : audio.bitrateKbps(),
                job.cost(), job.createdAt());
    }

    /** The item's context: the job's request, without a personalization's template (the item's text is the script). */
    private Map<String, Object> context(GenerationJob job) {
        Map<String, Object> context = new LinkedHashMap<>(request(job));
        if (context.get(Personalization.KEY) instanceof Map<?, ?> p) {
            Map<Object, Object> link = new LinkedHashMap<>(p);
            link.remove("template_text");
            context.put(Personalization.KEY, link);
        }
        return context;
    }

    Map<String, Object> request(GenerationJob job) {
        return json.readValue(job.request(), MAP);
    }
}
