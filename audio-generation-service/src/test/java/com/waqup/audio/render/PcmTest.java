package com.waqup.audio.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcmTest {

    @TempDir
    Path dir;

    private static Pcm tone(int samples, int rate) {
        byte[] b = new byte[samples * 2];
        Arrays.fill(b, (byte) 7);
        return new Pcm(b, rate);
    }

    @Test
    void shouldJoinSpeechAndExactSilencesIntoOneWav() throws Exception {
        Path wav = dir.resolve("voice.wav");
        double seconds = Pcm.writeTrack(wav, List.of(new Pcm.Part(tone(1000, 1000), 2.5), new Pcm.Part(tone(500, 1000), 0)));

        assertThat(seconds).isEqualTo(4.0);
        byte[] file = Files.readAllBytes(wav);
        Pcm back = Pcm.fromWav(file);
        assertThat(back.sampleRate()).isEqualTo(1000);
        assertThat(back.seconds()).isEqualTo(4.0);
        byte[] s = back.samples();
        assertThat(s[0]).isEqualTo((byte) 7);
        for (int i = 2000; i < 2000 + 5000; i++) {
            assertThat(s[i]).as("silence byte %d", i).isZero();
        }
        assertThat(s[7000]).isEqualTo((byte) 7);
        assertThat(s[s.length - 1]).isEqualTo((byte) 7);
    }

    @Test
    void shouldRefuseSegmentsOfDifferentSampleRates() {
        assertThatThrownBy(() -> Pcm.writeTrack(dir.resolve("x.wav"),
                List.of(new Pcm.Part(tone(10, 22050), 0), new Pcm.Part(tone(10, 44100), 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample rates");
    }

    @Test
    void shouldReadAStreamedWavWhoseDataSizeIsUnknown() {
        byte[] header = Pcm.header(22050, 0);
        byte[] wav = Arrays.copyOf(header, header.length + 8);
        wav[header.length] = 1;
        Pcm pcm = Pcm.fromWav(wav);
        assertThat(pcm.samples()).hasSize(8);
        assertThat(pcm.sampleRate()).isEqualTo(22050);
    }

    @Test
    void shouldRefuseWhatIsNotSixteenBitMonoWav() {
        assertThatThrownBy(() -> Pcm.fromWav("ID3 not a wav".getBytes())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadTheEbur128Summary() {
        Loudness l = Loudness.parseEbur128Summary("""
                [Parsed_ebur128_0 @ 0x1] Summary:

                  Integrated loudness:
                    I:         -16.2 LUFS
                    Threshold: -26.5 LUFS

                  True peak:
                    Peak:       -1.8 dBFS
                """);
        assertThat(l.integratedLufs()).isEqualTo(-16.2);
        assertThat(l.truePeakDbtp()).isEqualTo(-1.8);
    }
}
