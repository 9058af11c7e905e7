package com.waqup.audio.voice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.waqup.audio.render.Pcm;
import com.waqup.audio.render.Processes;

/**
 * The offline default: espeak-ng, one process per segment (~10-20 ms each), the text handed over in a file (never
 * on the command line, never through a shell), WAV back (22.05 kHz mono). The voices are espeak-ng's English
 * voices with its female/male variants. The {@code -s} rate is the pace's words per minute divided by the measured
 * {@link TtsProperties.Espeak#rateFactor()}: espeak speaks faster than its nominal rate (docs/audio.md, calibration).
 */
public class EspeakSynthesizer implements SpeechSynthesizer {

    static final Map<String, String> ENGINE_VOICES = Map.of(
            "en-us-female", "en-us+f3", "en-us-male", "en-us+m3", "en-gb-female", "en-gb+f2", "en-gb-male", "en-gb+m3");
    static final int SAMPLE_RATE = 22050;

    private final TtsProperties.Espeak props;
    private final List<Voice> voices;
    private final Voice defaultVoice;
    private final AtomicInteger sequence = new AtomicInteger();

    public EspeakSynthesizer(TtsProperties tts) {
        this.props = tts.espeak();
        List<Voice> all = new ArrayList<>();
        for (PlatformVoices.Alias alias : PlatformVoices.ALL) {
            all.add(new Voice(alias.id(), alias.name(), alias.language(), alias.gender(), alias.style(), "espeak",
                    SAMPLE_RATE, ENGINE_VOICES.get(alias.id())));
        }
        this.defaultVoice = all.stream().filter(v -> v.id().equals(tts.defaultVoice())).findFirst().orElse(all.getFirst());
        all.remove(defaultVoice);
        all.addFirst(defaultVoice);
        this.voices = List.copyOf(all);
    }

    @Override
    public String provider() {
        return "espeak";
    }

    /** The platform voices as espeak-ng speaks them, the default first. */
    public List<Voice> voices() {
        return voices;
    }

    /** The voice of a platform id; {@code null}, blank or unknown → the default voice. */
    public Voice resolve(String voiceId) {
        return voices.stream().filter(v -> v.id().equals(voiceId)).findFirst().orElse(defaultVoice);
    }

    /** espeak-ng's {@code -s} for a pace: the wanted words per minute over the measured rate factor. */
    public int espeakRate(Pace pace) {
        return (int) Math.round(pace.wordsPerMinute() / props.rateFactor());
    }

    @Override
    public Pcm synthesize(String text, Voice voice, Pace pace, Path workDir) throws TtsException, InterruptedException {
        int n = sequence.incrementAndGet();
        Path input = workDir.resolve("espeak-" + n + ".txt");
        Path output = workDir.resolve("espeak-" + n + ".wav");
        try {
            Files.writeString(input, plain(text), StandardCharsets.UTF_8);
            Processes.run(List.of(props.binary(), "-v", voice.engineVoice(), "-s", String.valueOf(espeakRate(pace)),
                    "-b", "1", "-w", output.toString(), "-f", input.toString()), workDir, props.timeout());
            return Pcm.fromWav(Files.readAllBytes(output));
        } catch (Processes.ToolException e) {
            throw new TtsException("espeak-ng failed: " + e.getMessage(), false, 0, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new TtsException("espeak-ng output could not be read", false, 0, e);
        } finally {
            deleteQuietly(input);
            deleteQuietly(output);
        }
    }

    /** Text only: no control characters and no espeak phoneme brackets ({@code [[…]]}); SSML is not enabled. */
    static String plain(String text) {
        return text.replace("[[", "[ [").replace("]]", "] ]").replaceAll("[\\p{Cntrl}&&[^\n\t]]", " ").trim() + "\n";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the job directory is removed as a whole afterwards
        }
    }
}
