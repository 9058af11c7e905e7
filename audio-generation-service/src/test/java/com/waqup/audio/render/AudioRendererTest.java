package com.waqup.audio.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mix with ffmpeg itself: the bed ducks under the voice and comes back in the pauses; the loudness bar holds. */
class AudioRendererTest {

    @TempDir
    Path dir;

    final AudioRenderer renderer = new AudioRenderer(new RenderProperties(null, null, null, null, null, null, null, null));

    @Test
    void shouldDuckTheBedUnderTheVoiceAndKeepTheLoudnessBar() throws Exception {
        // 4 s of a 220 Hz "voice", then 6 s of real silence
        int rate = 22050;
        byte[] samples = new byte[rate * 10 * 2];
        for (int i = 0; i < rate * 4; i++) {
            short v = (short) (0.3 * Short.MAX_VALUE * Math.sin(2 * Math.PI * 220 * i / rate));
            samples[2 * i] = (byte) v;
            samples[2 * i + 1] = (byte) (v >> 8);
        }
        Path voice = dir.resolve("voice.wav");
        Pcm.writeTrack(voice, List.of(new Pcm.Part(new Pcm(samples, rate), 0)));

        AudioRenderer.Rendered out = renderer.render(voice, rate, new Background("pink_noise", -24), false, dir, () -> { });

        assertThat(out.loudness().integratedLufs()).isBetween(-17.0, -15.0);
        assertThat(out.loudness().truePeakDbtp()).isLessThanOrEqualTo(-1.0);
        // the bed alone, above the voice's band: under the voice (1–3.5 s) against a pause (6–7.5 s)
        double underVoice = bedLevel(out.mp3(), 1.0, 2.5);
        double inPause = bedLevel(out.mp3(), 6.0, 1.5);
        assertThat(inPause - underVoice).as("ducking depth in dB (under voice %.1f, in pause %.1f)", underVoice, inPause)
                .isGreaterThanOrEqualTo(4.0);
    }

    @Test
    void shouldFadeTheBedInAndOut() {
        String graph = AudioRenderer.mixGraph(true, 60);
        assertThat(graph).contains("afade=t=in:d=3.0", "afade=t=out:st=56.000:d=4.0", "sidechaincompress");
        assertThat(AudioRenderer.mixGraph(false, 10)).isEqualTo("[0:a]afade=t=in:d=0.30,afade=t=out:st=9.700:d=0.30[mix]");
    }

    private double bedLevel(Path mp3, double from, double seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostats", "-nostdin", "-ss", String.valueOf(from),
                "-t", String.valueOf(seconds), "-i", mp3.toString(), "-af", "highpass=f=2000,highpass=f=2000,volumedetect",
                "-f", "null", "-"));
        Path err = Files.createTempFile(dir, "vol", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(err.toFile()).start();
        p.waitFor();
        Matcher m = Pattern.compile("mean_volume: (-?[0-9.]+) dB").matcher(Files.readString(err));
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
