package com.waqup.audio.voice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.waqup.audio.render.Pcm;
import com.waqup.audio.render.Processes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Festival, offline, with the Debian voices (docs/audio.md, "Voices and providers"): the HTS voice
 * {@code cmu_us_slt_arctic_hts} speaks the default voice. Each segment is its own utterance and its own WAV, as with
 * every engine, but the segments of one batch are spoken by one Festival process (a script of
 * {@code utt.synth}/{@code utt.save.wave} calls), so the voice is loaded once per batch, not once per sentence.
 * <p>
 * The text reaches Festival inside a Scheme string literal of a script file (never a command line, never a shell):
 * backslashes and double quotes are escaped, control characters removed. The pace: see {@link #stretch}.
 */
public class FestivalSynthesizer implements OfflineSynthesizer {

    private static final Logger log = LoggerFactory.getLogger(FestivalSynthesizer.class);
    static final double DEFAULT_NATURAL_WPM = 160;

    private final TtsProperties.Festival props;
    private final Map<String, Voice> voices;
    private final AtomicInteger sequence = new AtomicInteger();

    private FestivalSynthesizer(TtsProperties.Festival props, Map<String, Voice> voices) {
        this.props = props;
        this.voices = Map.copyOf(voices);
    }

    /**
     * The engine with the platform voices whose Festival voice answered a probe (a one-word utterance) in
     * {@code probeDir}; empty when Festival is disabled, not installed, or has none of the voices.
     */
    static Optional<FestivalSynthesizer> probe(TtsProperties.Festival props, Path probeDir) throws InterruptedException {
        if (!props.enabled()) {
            return Optional.empty();
        }
        Map<String, Voice> found = new LinkedHashMap<>();
        FestivalSynthesizer engine = new FestivalSynthesizer(props, Map.of());
        for (Map.Entry<String, String> mapping : props.voices().entrySet()) {
            PlatformVoices.Alias alias = PlatformVoices.find(mapping.getKey()).orElse(null);
            if (alias == null || !mapping.getValue().matches("[A-Za-z0-9_]+")) {
                log.warn("waqup.tts.festival.voices: {} → {} is not a platform voice and a Festival voice name; ignored",
                        mapping.getKey(), mapping.getValue());
                continue;
            }
            Voice candidate = new Voice(alias.id(), alias.name(), alias.language(), alias.gender(), alias.style(), "festival",
                    null, mapping.getValue());
            try {
                Pcm hello = engine.synthesizeAll(List.of("Hello."), candidate, Pace.MODERATE, probeDir).getFirst();
                found.put(alias.id(), new Voice(alias.id(), alias.name(), alias.language(), alias.gender(), alias.style(),
                        "festival", hello.sampleRate(), mapping.getValue()));
            } catch (TtsException e) {
                log.info("festival voice {} not available: {}", mapping.getValue(), e.getMessage());
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new FestivalSynthesizer(props, found));
    }

    /** The engine without its start-up probe (no voices found): for its pure functions. */
    static FestivalSynthesizer probeless(TtsProperties.Festival props) {
        return new FestivalSynthesizer(props, Map.of());
    }

    @Override
    public String provider() {
        return "festival";
    }

    @Override
    public Map<String, Voice> platformVoices() {
        return voices;
    }

    @Override
    public Pcm synthesize(String text, Voice voice, Pace pace, Path workDir) throws TtsException, InterruptedException {
        return synthesizeAll(List.of(text), voice, pace, workDir).getFirst();
    }

    @Override
    public List<Pcm> synthesizeAll(List<String> texts, Voice voice, Pace pace, Path workDir) throws TtsException, InterruptedException {
        int n = sequence.incrementAndGet();
        Path script = workDir.resolve("festival-" + n + ".scm");
        List<Path> outputs = new ArrayList<>(texts.size());
        StringBuilder s = new StringBuilder();
        s.append('(').append("voice_").append(voice.engineVoice()).append(")\n");
        s.append(stretch(voice, pace)).append('\n');
        for (int i = 0; i < texts.size(); i++) {
            Path output = workDir.resolve("festival-" + n + "-" + i + ".wav");
            outputs.add(output);
            s.append("(utt.save.wave (utt.synth (Utterance Text \"").append(schemeString(texts.get(i)))
                    .append("\")) \"").append(output.getFileName()).append("\" 'riff)\n");
        }
        try {
            Files.writeString(script, s, StandardCharsets.UTF_8);
            Processes.run(List.of(props.binary(), "--batch", script.getFileName().toString()), workDir, props.timeout());
            List<Pcm> speech = new ArrayList<>(texts.size());
            for (Path output : outputs) {
                speech.add(Pcm.fromWav(Files.readAllBytes(output)));
            }
            return speech;
        } catch (Processes.ToolException e) {
            throw new TtsException("festival failed: " + e.getMessage(), false, 0, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new TtsException("festival output could not be read", false, 0, e);
        } finally {
            deleteQuietly(script);
            outputs.forEach(FestivalSynthesizer::deleteQuietly);
        }
    }

    /**
     * The Scheme form setting the voice's speed for {@code pace}. An HTS voice is never slowed (its intelligibility drops
     * when hts_engine stretches it, docs/audio.md): {@link Pacing} keeps the pace with sentence-final pauses, and only a
     * pace faster than the voice speeds it up (hts_engine's {@code -r}, at most 1.2×). Other voices take Festival's
     * {@code Duration_Stretch}, the voice's natural rate over the wanted one (0.8–1.25).
     */
    String stretch(Voice voice, Pace pace) {
        double natural = props.naturalWpm().getOrDefault(voice.id(), DEFAULT_NATURAL_WPM);
        double rate = pace.wordsPerMinute() / natural;
        if (voice.engineVoice().endsWith("_hts")) {
            return String.format(Locale.ROOT, "(set! hts_engine_params (append hts_engine_params (list (list \"-r\" %.3f))))",
                    Math.clamp(rate, 1.0, 1.2));
        }
        return String.format(Locale.ROOT, "(Parameter.set 'Duration_Stretch %.3f)", Math.clamp(1 / rate, 0.8, 1.25));
    }

    /** The text as the body of a Scheme string literal: {@link #plainText}, backslashes and double quotes escaped. */
    static String schemeString(String text) {
        return plainText(text).replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Typographic quotes and dashes made plain (the engines' lexicons are ASCII), no control characters. */
    static String plainText(String text) {
        return text.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201C', '"').replace('\u201D', '"')
                .replace("\u2014", ", ").replace("\u2013", ", ").replace("\u2026", "...")
                .replaceAll("\\p{Cntrl}", " ").trim();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the job directory is removed as a whole afterwards
        }
    }
}
