package com.waqup.audio.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real audio as the vendors send it, made with ffmpeg: a short tone, 16-bit mono at 22.05 kHz. */
public final class VendorAudio {

    private VendorAudio() {
    }

    /** ElevenLabs' {@code output_format=pcm_22050}: raw little-endian 16-bit mono samples. */
    public static byte[] pcm22050(double seconds) {
        return ffmpeg(seconds, List.of("-f", "s16le"), ".pcm");
    }

    /** PlayHT's {@code output_format=wav}: a RIFF/WAVE file. */
    public static byte[] wav22050(double seconds) {
        return ffmpeg(seconds, List.of("-f", "wav"), ".wav");
    }

    private static byte[] ffmpeg(double seconds, List<String> format, String suffix) {
        try {
            Path out = Files.createTempFile("vendor-audio", suffix);
            try {
                List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f",
                        "lavfi", "-i", "sine=frequency=330:sample_rate=22050:duration=" + seconds, "-ac", "1", "-acodec",
                        "pcm_s16le"));
                command.addAll(format);
                command.add(out.toString());
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("ffmpeg failed: " + log);
                }
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
