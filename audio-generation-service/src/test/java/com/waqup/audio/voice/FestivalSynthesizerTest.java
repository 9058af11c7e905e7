package com.waqup.audio.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.waqup.audio.render.Pcm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Festival adapter against the installed engine (scripts/infra.sh installs it), and its fallback to espeak-ng. */
class FestivalSynthesizerTest {

    @TempDir
    Path dir;

    static TtsProperties.Festival festival(String binary) {
        return new TtsProperties.Festival(true, binary, null, null, Duration.ofSeconds(60));
    }

    @Test
    void shouldFindTheHtsVoiceWhenFestivalIsInstalledAndFliteForTheMaleVoice() throws Exception {
        FestivalSynthesizer engine = FestivalSynthesizer.probe(festival("festival"), dir).orElseThrow();
        assertThat(engine.platformVoices().get("en-us-female").engineVoice()).isEqualTo("cmu_us_slt_arctic_hts");
        assertThat(engine.platformVoices().get("en-us-female").sampleRateHz()).isEqualTo(32000);
        assertThat(engine.platformVoices()).doesNotContainKeys("en-us-male", "en-gb-female", "en-gb-male");
        FliteSynthesizer flite = FliteSynthesizer.probe(new TtsProperties.Flite(null, null, null, null, null), dir).orElseThrow();
        assertThat(flite.platformVoices().get("en-us-male").engineVoice()).isEqualTo("rms");
        assertThat(flite.stretch(flite.platformVoices().get("en-us-male"), Pace.SLOWER)).as("never slowed").isEqualTo("duration_stretch=1.000");
        assertThat(flite.synthesize("Breathe in, and let it go.", flite.platformVoices().get("en-us-male"), Pace.MODERATE, dir)
                .seconds()).isBetween(0.8, 4.0);
        assertThat(FliteSynthesizer.probe(new TtsProperties.Flite(null, "/nonexistent/flite", null, null, null), dir)).isEmpty();
    }

    @Test
    void shouldSpeakEverySegmentOfABatchOnItsOwnInOneProcessWhateverQuotesTheTextHolds() throws Exception {
        FestivalSynthesizer engine = FestivalSynthesizer.probe(festival("festival"), dir).orElseThrow();
        Voice ava = engine.platformVoices().get("en-us-female");
        List<Pcm> speech = engine.synthesizeAll(List.of("Breathe in.", "He said \"rest\" \\ (gently); then \u201Clet go\u201D.",
                "Let your shoulders soften, and your jaw relax, and your breath slow down."), ava, Pace.MODERATE, dir);
        assertThat(speech).hasSize(3);
        assertThat(speech.get(0).seconds()).isBetween(0.3, 2.5);
        assertThat(speech.get(1).seconds()).isGreaterThan(speech.get(0).seconds());
        assertThat(speech.get(2).seconds()).isGreaterThan(speech.get(0).seconds() * 2);
        try (var left = Files.list(dir)) {
            assertThat(left.toList()).as("script and WAVs removed").isEmpty();
        }
    }

    @Test
    void shouldFallBackToEspeakWhenFestivalIsMissing() throws Exception {
        assertThat(FestivalSynthesizer.probe(festival("/nonexistent/festival"), dir)).isEmpty();
        TtsProperties tts = new TtsProperties(null, null, null, null, null, null, null, null, null, null, null, null, null);
        VoiceRouter router = new VoiceRouter(new EspeakSynthesizer(tts), List.of(), List.of(), "espeak", "en-us-female",
                Duration.ofMinutes(1), Duration.ofMinutes(1), Clock.systemUTC());
        assertThat(router.defaultVoice().provider()).isEqualTo("espeak");
        assertThat(router.resolve("en-us-male").engineVoice()).isEqualTo("en-us+m3");
        assertThat(router.offlineEngines()).containsOnlyKeys("espeak");
    }

    @Test
    void shouldSpeakThePlatformVoicesFestivalHasAndLeaveTheOthersToEspeak() throws Exception {
        FestivalSynthesizer engine = FestivalSynthesizer.probe(festival("festival"), dir).orElseThrow();
        TtsProperties tts = new TtsProperties(null, null, null, null, null, null, null, null, null, null, null, null, null);
        VoiceRouter router = new VoiceRouter(new EspeakSynthesizer(tts), List.of(engine), List.of(), "espeak", "en-us-female",
                Duration.ofMinutes(1), Duration.ofMinutes(1), Clock.systemUTC());
        assertThat(router.defaultVoice().provider()).isEqualTo("festival");
        assertThat(router.platformVoiceProviders()).containsExactlyInAnyOrderEntriesOf(Map.of("en-us-female", "festival",
                "en-us-male", "espeak", "en-gb-female", "espeak", "en-gb-male", "espeak"));
        assertThat(router.isOffline("festival")).isTrue();
        assertThat(router.isOffline("elevenlabs")).isFalse();
        assertThat(router.voices().getFirst().id()).isEqualTo("en-us-female");
    }

    @Test
    void shouldNeverSlowTheHtsVoiceButStretchADiphoneVoiceToThePace() {
        TtsProperties.Festival props = new TtsProperties.Festival(true, "festival", null,
                Map.of("en-us-female", 182.0, "en-us-male", 151.0), null);
        Voice slt = new Voice("en-us-female", "Ava", "en-US", "female", "calm", "festival", 32000, "cmu_us_slt_arctic_hts");
        Voice ked = new Voice("en-us-male", "Noah", "en-US", "male", "warm", "festival", 16000, "ked_diphone");
        FestivalSynthesizer engine = FestivalSynthesizer.probeless(props);
        assertThat(engine.stretch(slt, Pace.SLOWER)).contains("\"-r\" 1.000");
        assertThat(engine.stretch(ked, Pace.MODERATE)).isEqualTo("(Parameter.set 'Duration_Stretch 1.162)");
        assertThat(engine.stretch(ked, Pace.SLOWER)).isEqualTo("(Parameter.set 'Duration_Stretch 1.250)");
    }

    @Test
    void shouldEscapeTheTextForAFestivalString() {
        assertThat(FestivalSynthesizer.schemeString("a \"b\" \\ c\nd\u2019s \u2014 e")).isEqualTo("a \\\"b\\\" \\\\ c d's ,  e");
    }
}
