package com.waqup.audio.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mixes, normalizes and encodes a voice track with ffmpeg in as few passes as the loudness promise allows:
 * <ol>
 * <li><b>analysis</b>: voice (+ generated bed) through {@code ebur128=peak=true} → integrated loudness and true peak;</li>
 * <li><b>render</b>: the same mix, a linear gain to the target loudness, resampled to 44.1 kHz, a look-ahead
 * limiter at {@link RenderProperties#truePeakLimitDbtp()} (transparent unless the gain pushed a peak over it),
 * encoded to MP3 (libmp3lame, CBR) and, when asked, OGG (libvorbis) from the same stream;</li>
 * <li><b>verification</b>: the MP3 as stored is measured again (ebur128 + ffprobe) and those are the figures
 * reported, never the intended ones.</li>
 * </ol>
 * A linear gain keeps the speech's dynamics (ffmpeg's loudnorm in dynamic mode would pump through the pauses)
 * and the two cheap passes replace loudnorm's two expensive ones (docs/audio.md, performance).
 */
public class AudioRenderer {

    private static final Logger log = LoggerFactory.getLogger(AudioRenderer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RenderProperties props;

    public AudioRenderer(RenderProperties props) {
        this.props = props;
    }

    /** What was produced, measured on the files themselves. */
    public record Rendered(Path mp3, Path ogg, double durationSeconds, int bitrateKbps, int sampleRateHz,
            long sizeBytes, Loudness loudness, long oggSizeBytes) {
    }

    /** The mixing stage is done (between analysis and encoding): for progress reports. */
    public interface Stages {
        void mixed();
    }

    /**
     * Renders {@code voiceWav} (16-bit mono) with an optional bed into {@code workDir}/audio.mp3 (and audio.ogg).
     */
    public Rendered render(Path voiceWav, int voiceRate, Background background, boolean ogg, Path workDir, Stages stages)
            throws IOException, InterruptedException {
        boolean bed = background != null && !background.isNone();
        List<String> inputs = new ArrayList<>(List.of("-i", voiceWav.toString()));
        double seconds = Math.max(0, Files.size(voiceWav) - 44) / 2.0 / voiceRate;
        String mix = mixGraph(bed, seconds);
        if (bed) {
            inputs.addAll(List.of("-f", "lavfi", "-i", background.lavfiSource(voiceRate)));
        }

        List<String> analysis = base();
        analysis.addAll(inputs);
        analysis.addAll(List.of("-filter_complex", mix + ";[mix]ebur128=peak=true:framelog=verbose[out]",
                "-map", "[out]", "-f", "null", "-"));
        Loudness before = Loudness.parseEbur128Summary(Processes.run(analysis, workDir, props.toolTimeout()).stderr());
        stages.mixed();

        double gainDb = before.isSilent() ? 0 : props.targetLufs() - before.integratedLufs();
        Path mp3 = workDir.resolve("audio.mp3");
        Path oggFile = ogg ? workDir.resolve("audio.ogg") : null;
        encode(inputs, mix, gainDb, mp3, oggFile, workDir);
        Loudness after = measure(mp3, workDir);
        // a voice with sharp peaks (a diphone voice, some espeak-ng voices) loses loudness in the limiter: a few more
        // encodes, the gain found by the secant through the last two (gain, loudness) points (the limiter makes the
        // loudness grow slower than the gain), until it is within ±0.5 LU of the target
        double previousGain = 0;
        double previousLufs = before.integratedLufs();
        for (int i = 0; i < MAX_CORRECTIONS && !before.isSilent()
                && Math.abs(props.targetLufs() - after.integratedLufs()) > CORRECTION_THRESHOLD_LU; i++) {
            double slope = (after.integratedLufs() - previousLufs) / (gainDb - previousGain);
            slope = Double.isFinite(slope) ? Math.clamp(slope, 0.2, 1.0) : 1.0;
            previousGain = gainDb;
            previousLufs = after.integratedLufs();
            gainDb += Math.min(12, (props.targetLufs() - after.integratedLufs()) / slope);
            encode(inputs, mix, gainDb, mp3, oggFile, workDir);
            after = measure(mp3, workDir);
        }
        JsonNode probe = probe(mp3, workDir);
        double duration = probe.path("format").path("duration").asDouble();
        long bitrate = probe.path("format").path("bit_rate").asLong();
        int rate = probe.path("streams").path(0).path("sample_rate").asInt();
        Rendered rendered = new Rendered(mp3, oggFile, duration, (int) Math.round(bitrate / 1000.0), rate, Files.size(mp3),
                after, ogg ? Files.size(oggFile) : 0);
        log.info("rendered {}s: input {} LUFS / {} dBTP, gain {} dB, output {} LUFS / {} dBTP, {} bytes",
                String.format(Locale.ROOT, "%.1f", duration), before.integratedLufs(), before.truePeakDbtp(),
                String.format(Locale.ROOT, "%.2f", gainDb), after.integratedLufs(), after.truePeakDbtp(), rendered.sizeBytes());
        return rendered;
    }

    /**
     * The mix before the loudness gain: the voice with a short fade in and out (no click at the edges); with a bed, the
     * bed fades in over {@link #BED_FADE_IN_SECONDS} and out over the last {@link #BED_FADE_OUT_SECONDS}, and
     * <b>ducks under the voice</b>: the voice keys a sidechain compressor on the bed (threshold about −30 dBFS, ratio 6,
     * 40 ms attack, 900 ms release), so the bed drops while someone speaks and comes back up in the pauses; it never
     * masks the voice. The analysis pass measures this same mix, so the loudness target holds.
     */
    static String mixGraph(boolean bed, double seconds) {
        double voiceOut = Math.max(0, seconds - VOICE_FADE_SECONDS);
        String voice = String.format(Locale.ROOT, "afade=t=in:d=%.2f,afade=t=out:st=%.3f:d=%.2f", VOICE_FADE_SECONDS,
                voiceOut, VOICE_FADE_SECONDS);
        if (!bed) {
            return "[0:a]" + voice + "[mix]";
        }
        double bedOut = Math.max(0, seconds - BED_FADE_OUT_SECONDS);
        return String.format(Locale.ROOT, "[0:a]asplit=2[voice][key];"
                + "[1:a]afade=t=in:d=%.1f,afade=t=out:st=%.3f:d=%.1f[bedraw];"
                + "[bedraw][key]sidechaincompress=threshold=0.03:ratio=6:attack=40:release=900:makeup=1[bed];"
                + "[voice][bed]amix=inputs=2:duration=first:dropout_transition=0:normalize=0," + voice + "[mix]",
                BED_FADE_IN_SECONDS, bedOut, BED_FADE_OUT_SECONDS);
    }

    static final double VOICE_FADE_SECONDS = 0.3;
    static final double BED_FADE_IN_SECONDS = 3;
    static final double BED_FADE_OUT_SECONDS = 4;

    static final double CORRECTION_THRESHOLD_LU = 0.5;
    static final int MAX_CORRECTIONS = 3;

    /** Pass 2: the mix, the gain, the limiter, the encoders. */
    private void encode(List<String> inputs, String mix, double gainDb, Path mp3, Path oggFile, Path workDir)
            throws IOException, InterruptedException {
        double limit = Math.pow(10, props.truePeakLimitDbtp() / 20.0);
        String chain = String.format(Locale.ROOT,
                "[mix]volume=%.2fdB,aresample=%d,alimiter=limit=%.5f:attack=5:release=50:level=false:asc=true",
                gainDb, props.sampleRateHz(), limit);
        List<String> render = base();
        render.addAll(inputs);
        if (oggFile != null) {
            render.addAll(List.of("-filter_complex", mix + ";" + chain + ",asplit=2[a][b]",
                    "-map", "[a]"));
            render.addAll(mp3Codec());
            render.add(mp3.toString());
            render.addAll(List.of("-map", "[b]", "-c:a", "libvorbis", "-q:a", String.valueOf(props.oggQuality()),
                    "-ar", String.valueOf(props.sampleRateHz()), oggFile.toString()));
        } else {
            render.addAll(List.of("-filter_complex", mix + ";" + chain + "[a]", "-map", "[a]"));
            render.addAll(mp3Codec());
            render.add(mp3.toString());
        }
        Processes.run(render, workDir, props.toolTimeout());
    }

    /** EBU R128 integrated loudness and true peak of an audio file. */
    public Loudness measure(Path audio, Path workDir) throws IOException, InterruptedException {
        List<String> command = base();
        command.addAll(List.of("-i", audio.toString(), "-filter_complex", "[0:a]ebur128=peak=true:framelog=verbose[out]",
                "-map", "[out]", "-f", "null", "-"));
        return Loudness.parseEbur128Summary(Processes.run(command, workDir, props.toolTimeout()).stderr());
    }

    /** ffprobe's format and first-stream facts as JSON. */
    public JsonNode probe(Path audio, Path workDir) throws IOException, InterruptedException {
        String json = Processes.run(List.of(props.ffprobe(), "-v", "error", "-show_entries",
                "format=duration,bit_rate,size:stream=sample_rate,channels,codec_name", "-of", "json", audio.toString()),
                workDir, props.toolTimeout()).stdout();
        return JSON.readTree(json);
    }

    private List<String> mp3Codec() {
        return List.of("-c:a", "libmp3lame", "-b:a", props.mp3BitrateKbps() + "k", "-ar", String.valueOf(props.sampleRateHz()),
                "-id3v2_version", "0", "-write_xing", "1");
    }

    private List<String> base() {
        return new ArrayList<>(List.of(props.ffmpeg(), "-hide_banner", "-nostats", "-nostdin", "-y", "-loglevel", "info"));
    }
}
