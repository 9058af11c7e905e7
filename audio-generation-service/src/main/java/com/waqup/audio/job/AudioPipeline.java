package com.waqup.audio.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.waqup.audio.job.AudioEvents.AudioCompleted;
import com.waqup.audio.job.AudioEvents.ExtraFormat;
import com.waqup.audio.job.AudioEvents.VoiceRef;
import com.waqup.audio.render.AudioRenderer;
import com.waqup.audio.render.Background;
import com.waqup.audio.render.Pcm;
import com.waqup.audio.voice.Pace;
import com.waqup.audio.voice.TtsException;
import com.waqup.audio.voice.Voice;
import com.waqup.audio.voice.VoiceRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one job, in its own temporary directory (always deleted): every segment spoken, joined with real
 * silence of its {@code pause_after} into one PCM track, mixed with the bed, normalized and encoded, uploaded.
 * Progress is reported (and the lease renewed) at each stage; if the lease was lost the attempt stops.
 */
class AudioPipeline {

    private static final Logger log = LoggerFactory.getLogger(AudioPipeline.class);
    private static final int RENEW_EVERY_SEGMENTS = 10;

    /** This worker no longer holds the job (another took it over): stop quietly. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }

    private final VoiceRouter tts;
    private final AudioRenderer renderer;
    private final AudioStorage storage;
    private final AudioJobs jobs;
    private final Path workRoot;

    AudioPipeline(VoiceRouter tts, AudioRenderer renderer, AudioStorage storage, AudioJobs jobs, Path workRoot) {
        this.tts = tts;
        this.renderer = renderer;
        this.storage = storage;
        this.jobs = jobs;
        this.workRoot = workRoot;
    }

    /** The result, uploaded but not yet recorded (the caller completes the job with it). */
    AudioCompleted run(AudioRequested r, UUID owner) throws JobFailure, InterruptedException {
        Path dir;
        try {
            Files.createDirectories(workRoot);
            dir = Files.createTempDirectory(workRoot, "job-" + r.jobId() + "-");
        } catch (IOException e) {
            throw new JobFailure(JobFailure.MIX_FAILED, "no temporary space for rendering", true, e);
        }
        try {
            return render(r, owner, dir);
        } finally {
            deleteRecursively(dir);
        }
    }

    private AudioCompleted render(AudioRequested r, UUID owner, Path dir) throws JobFailure, InterruptedException {
        Voice voice = tts.resolve(r.voiceId());
        if (r.voiceId() != null && !voice.id().equals(r.voiceId())) {
            log.info("job {}: voice {} is unknown or its provider is not enabled, using the default voice {}", r.jobId(),
                    r.voiceId().replaceAll("[^A-Za-z0-9_.:/-]", "?"), voice.id());
        }
        Pace pace = Pace.of(r.pace());
        progress(r, owner, 5, "synthesizing");

        List<AudioRequested.Segment> segments = new ArrayList<>(r.segments());
        segments.sort(Comparator.comparing(s -> s.index() == null ? Integer.MAX_VALUE : s.index()));
        List<Pcm.Part> parts = new ArrayList<>(segments.size());
        boolean halfway = false;
        for (int i = 0; i < segments.size(); i++) {
            AudioRequested.Segment s = segments.get(i);
            try {
                parts.add(new Pcm.Part(tts.synthesize(s.text(), voice, pace, dir), s.pauseAfter() == null ? 0 : s.pauseAfter()));
            } catch (TtsException e) {
                throw new JobFailure(JobFailure.TTS_FAILED, "speech synthesis failed (" + voice.provider() + "): " + e.getMessage(),
                        e.retryable(), e);
            }
            if (!halfway && i + 1 >= segments.size() / 2 && segments.size() >= 4) {
                halfway = true;
                progress(r, owner, 30, "synthesizing");
            } else if ((i + 1) % RENEW_EVERY_SEGMENTS == 0 && !jobs.renew(r, owner)) {
                throw new LeaseLost();
            }
        }

        Path voiceWav = dir.resolve("voice.wav");
        boolean ogg = r.formats() != null && r.formats().contains("ogg");
        Background background = r.background() == null ? null
                : new Background(r.background().sound(), r.background().levelDb() == null ? Background.DEFAULT_LEVEL_DB : r.background().levelDb());
        AudioRenderer.Rendered out;
        try {
            int rate = parts.getFirst().speech().sampleRate();
            Pcm.writeTrack(voiceWav, parts);
            parts.clear();
            progress(r, owner, 60, "mixing");
            out = renderer.render(voiceWav, rate, background, ogg, dir, () -> progress(r, owner, 75, "encoding"));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("job {}: mixing failed: {}", r.jobId(), e.toString());
            throw new JobFailure(JobFailure.MIX_FAILED, "the audio could not be mixed and encoded", false, e);
        }

        progress(r, owner, 90, "uploading");
        String key = AudioStorage.key(r, "mp3");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("job-id", r.jobId().toString());
        metadata.put("content-id", r.contentId().toString());
        metadata.put("version", r.version().toString());
        metadata.put("voice-id", voice.id());
        metadata.put("provider", voice.provider());
        metadata.put("duration-seconds", String.format(Locale.ROOT, "%.2f", out.durationSeconds()));
        metadata.put("loudness-lufs", String.format(Locale.ROOT, "%.1f", out.loudness().integratedLufs()));
        storage.put(key, out.mp3(), "audio/mpeg", metadata);
        List<ExtraFormat> extra = new ArrayList<>();
        if (ogg) {
            String oggKey = AudioStorage.key(r, "ogg");
            storage.put(oggKey, out.ogg(), "audio/ogg", metadata);
            extra.add(new ExtraFormat("ogg", oggKey, out.oggSizeBytes()));
        }
        return new AudioCompleted(r.jobId(), r.contentId(), r.userId(), r.version(), key, storage.bucket(), "mp3", "audio/mpeg",
                Math.round(out.durationSeconds() * 100) / 100.0, out.bitrateKbps(), out.sampleRateHz(), out.sizeBytes(),
                Math.round(out.loudness().integratedLufs() * 10) / 10.0, Math.round(out.loudness().truePeakDbtp() * 10) / 10.0,
                new VoiceRef(voice.id(), voice.name(), voice.provider()), List.copyOf(extra));
    }

    /** Deletes what {@link #run} uploaded (its owner was erased meanwhile); retried by the storage client, then logged. */
    void discard(AudioCompleted done) {
        List<String> keys = new ArrayList<>();
        keys.add(done.audioKey());
        done.extraFormats().forEach(f -> keys.add(f.audioKey()));
        storage.delete(keys);
    }

    private void progress(AudioRequested r, UUID owner, int percent, String stage) {
        if (!jobs.progress(r, owner, percent, stage)) {
            throw new LeaseLost();
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("could not delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            log.warn("could not clean {}: {}", dir, e.toString());
        }
    }
}
