package com.waqup.audio.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.waqup.audio.render.Pcm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine stand-in for a listener's ear (docs/audio.md, "Voice quality"): one fixed meditation passage spoken by the
 * default voice as the service speaks it (sentence by sentence, with the pace's pauses), transcribed by the offline
 * recognizer (pocketsphinx, its default US English model). Fails when the word error rate rises above the bar (20 %);
 * bench/voice-quality.sh measures every voice on the whole passage set.
 */
class DefaultVoiceIntelligibilityTest {

    static final double BAR = 0.20;

    @TempDir
    Path dir;

    @Test
    void shouldCountWordErrorsLikeTheBench() {
        assertThat(WordErrorRate.of("Let your jaw soften, and your tongue rest.", "let your jaw soften and your tongue rest")).isZero();
        assertThat(WordErrorRate.of("a b c d", "a x c")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void shouldKeepTheDefaultVoicesWordErrorRateOnAFixedPassageUnderTheBar() throws Exception {
        TtsProperties tts = new TtsProperties(null, null, null, null, null, null, null, null, null, null, null, null, null);
        FestivalSynthesizer festival = FestivalSynthesizer.probe(tts.festival(), dir).orElseThrow();
        VoiceRouter router = new VoiceRouter(new EspeakSynthesizer(tts), List.of(festival), List.of(), tts.provider(),
                tts.defaultVoice(), Duration.ofMinutes(1), Duration.ofMinutes(1), Clock.systemUTC());
        Voice voice = router.defaultVoice();
        assertThat(voice.provider()).isEqualTo("festival");

        String passage;
        try (InputStream in = getClass().getResourceAsStream("/voice/meditation-body.txt")) {
            passage = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> sentences = new ArrayList<>();
        passage.lines().filter(l -> !l.isBlank()).forEach(l -> sentences.addAll(Pacing.sentences(l)));
        List<Pcm> speech = router.synthesizeAll(sentences, voice, Pace.MODERATE, dir);
        List<Pcm.Part> parts = new ArrayList<>();
        for (int i = 0; i < speech.size(); i++) {
            parts.add(new Pcm.Part(speech.get(i), Pacing.pauseAfter(sentences.get(i), speech.get(i).seconds(), Pace.MODERATE) + 0.5));
        }
        Path track = dir.resolve("voice.wav");
        Pcm.writeTrack(track, parts);
        Path sixteen = dir.resolve("voice-16k.wav");
        run(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-i", track.toString(), "-ar", "16000", "-ac", "1", sixteen.toString()));
        String heard = run(List.of("pocketsphinx_continuous", "-infile", sixteen.toString(), "-logfn", "/dev/null"));

        double wer = WordErrorRate.of(passage, heard);
        assertThat(wer).as("word error rate of %s; heard: %s", voice.engineVoice(), heard).isLessThanOrEqualTo(BAR);
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.getFirst() + " timed out");
        }
        assertThat(p.exitValue()).as(command.getFirst()).isZero();
        return Files.readString(out);
    }
}
