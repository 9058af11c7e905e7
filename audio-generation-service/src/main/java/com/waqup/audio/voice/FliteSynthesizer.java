package com.waqup.audio.voice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Flite, offline (Debian {@code flite}): CMU's small engine with built-in voices ({@code rms}, {@code awb},
 * {@code slt}, {@code kal}). One process per segment (it starts in milliseconds), the text in a file, WAV back; the
 * pace is its {@code duration_stretch} (the voice's natural words per minute over the wanted ones).
 */
public class FliteSynthesizer implements OfflineSynthesizer {

    private static final Logger log = LoggerFactory.getLogger(FliteSynthesizer.class);
    static final double DEFAULT_NATURAL_WPM = 160;

    private final TtsProperties.Flite props;
    private final Map<String, Voice> voices;
    private final AtomicInteger sequence = new AtomicInteger();

    private FliteSynthesizer(TtsProperties.Flite props, Map<String, Voice> voices) {
        this.props = props;
        this.voices = Map.copyOf(voices);
    }

    /** The engine with the platform voices it was found to speak (a one-word probe each); empty when there are none. */
    static Optional<FliteSynthesizer> probe(TtsProperties.Flite props, Path probeDir) throws InterruptedException {
        if (!props.enabled() || props.voices().isEmpty()) {
            return Optional.empty();
        }
        FliteSynthesizer engine = new FliteSynthesizer(props, Map.of());
        Map<String, Voice> found = new LinkedHashMap<>();
        for (Map.Entry<String, String> mapping : props.voices().entrySet()) {
            PlatformVoices.Alias alias = PlatformVoices.find(mapping.getKey()).orElse(null);
            if (alias == null || !mapping.getValue().matches("[A-Za-z0-9_]+")) {
                log.warn("waqup.tts.flite.voices: {} → {} is not a platform voice and a Flite voice name; ignored",
                        mapping.getKey(), mapping.getValue());
                continue;
            }
            Voice candidate = new Voice(alias.id(), alias.name(), alias.language(), alias.gender(), alias.style(), "flite", null,
                    mapping.getValue());
            try {
                Pcm hello = engine.synthesize("Hello.", candidate, Pace.MODERATE, probeDir);
                found.put(alias.id(), new Voice(alias.id(), alias.name(), alias.language(), alias.gender(), alias.style(), "flite",
                        hello.sampleRate(), mapping.getValue()));
            } catch (TtsException e) {
                log.info("flite voice {} not available: {}", mapping.getValue(), e.getMessage());
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new FliteSynthesizer(props, found));
    }

    @Override
    public String provider() {
        return "flite";
    }

    @Override
    public Map<String, Voice> platformVoices() {
        return voices;
    }

    /**
     * Flite's {@code duration_stretch} for a pace. Like Festival's HTS voice, a clustergen voice is measured at its own
     * rate and is not slowed ({@link Pacing} keeps the pace with sentence-final pauses); only a pace faster than the
     * voice shortens it (down to 0.8).
     */
    String stretch(Voice voice, Pace pace) {
        double natural = props.naturalWpm().getOrDefault(voice.id(), DEFAULT_NATURAL_WPM);
        return String.format(Locale.ROOT, "duration_stretch=%.3f", Math.clamp(natural / pace.wordsPerMinute(), 0.8, 1.0));
    }

    @Override
    public Pcm synthesize(String text, Voice voice, Pace pace, Path workDir) throws TtsException, InterruptedException {
        int n = sequence.incrementAndGet();
        Path input = workDir.resolve("flite-" + n + ".txt");
        Path output = workDir.resolve("flite-" + n + ".wav");
        try {
            Files.writeString(input, FestivalSynthesizer.plainText(text) + "\n",
                    StandardCharsets.UTF_8);
            Processes.run(List.of(props.binary(), "-voice", voice.engineVoice(), "--setf", stretch(voice, pace), "-f",
                    input.toString(), "-o", output.toString()), workDir, props.timeout());
            return Pcm.fromWav(Files.readAllBytes(output));
        } catch (Processes.ToolException e) {
            throw new TtsException("flite failed: " + e.getMessage(), false, 0, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new TtsException("flite output could not be read", false, 0, e);
        } finally {
            deleteQuietly(input);
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the job directory is removed as a whole afterwards
        }
    }
}
