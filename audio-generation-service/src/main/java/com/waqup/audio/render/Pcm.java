package com.waqup.audio.render;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Mono 16-bit little-endian PCM, the one in-memory audio form of the pipeline: what every synthesizer returns and
 * what the assembler concatenates (speech, then real silence of the scripted length) into one WAV file.
 *
 * @param samples    the PCM bytes, s16le mono
 * @param sampleRate samples per second
 */
public record Pcm(byte[] samples, int sampleRate) {

    public Pcm {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive");
        }
        if (samples.length % 2 != 0) {
            throw new IllegalArgumentException("16-bit PCM must have an even number of bytes");
        }
    }

    public double seconds() {
        return samples.length / 2.0 / sampleRate;
    }

    /** The number of bytes of {@code seconds} of silence at {@code sampleRate} (whole samples). */
    public static long silenceBytes(double seconds, int sampleRate) {
        return Math.round(seconds * sampleRate) * 2L;
    }

    /**
     * Reads a RIFF/WAVE file's {@code data} chunk; only 16-bit mono PCM is accepted (what espeak-ng and the
     * vendors are asked for). A data size of 0 or past the end (streamed WAV headers) means "the rest".
     */
    public static Pcm fromWav(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            throw new IllegalArgumentException("not a WAV file");
        }
        int pos = 12;
        int rate = -1;
        while (pos + 8 <= wav.length) {
            int id = b.getInt(pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                int format = Short.toUnsignedInt(b.getShort(body));
                int channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                int bits = b.getShort(body + 14);
                if ((format != 1 && format != 0xFFFE) || channels != 1 || bits != 16) {
                    throw new IllegalArgumentException("WAV is not 16-bit mono PCM (format " + format + ", "
                            + channels + " channels, " + bits + " bits)");
                }
            } else if (id == 0x61746164) { // "data"
                if (rate <= 0) {
                    throw new IllegalArgumentException("WAV data before its format");
                }
                long end = size == 0 || body + size > wav.length ? wav.length : body + size;
                int length = (int) ((end - body) & ~1L);
                byte[] pcm = new byte[length];
                System.arraycopy(wav, body, pcm, 0, length);
                return new Pcm(pcm, rate);
            }
            pos = (int) Math.min((long) wav.length, body + size + (size & 1));
        }
        throw new IllegalArgumentException("WAV without a data chunk");
    }

    /** A piece of the final voice track: speech followed by {@code pauseAfter} seconds of digital silence. */
    public record Part(Pcm speech, double pauseAfter) {
    }

    /**
     * Writes the voice track (every part's speech, then its silence as zero samples) as one WAV file and returns
     * its length in seconds. All parts must share one sample rate.
     */
    public static double writeTrack(Path file, List<Part> parts) throws IOException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to write");
        }
        int rate = parts.getFirst().speech().sampleRate();
        long dataBytes = 0;
        for (Part part : parts) {
            if (part.speech().sampleRate() != rate) {
                throw new IllegalArgumentException("segments have different sample rates: " + rate + " and "
                        + part.speech().sampleRate());
            }
            dataBytes += part.speech().samples().length + silenceBytes(part.pauseAfter(), rate);
        }
        if (dataBytes > 0xFFFFFFFFL - 36) {
            throw new IllegalArgumentException("voice track too long for one WAV file");
        }
        byte[] zeros = new byte[64 * 1024];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 256 * 1024)) {
            out.write(header(rate, dataBytes));
            for (Part part : parts) {
                out.write(part.speech().samples());
                long silence = silenceBytes(part.pauseAfter(), rate);
                while (silence > 0) {
                    int n = (int) Math.min(zeros.length, silence);
                    out.write(zeros, 0, n);
                    silence -= n;
                }
            }
        }
        return dataBytes / 2.0 / rate;
    }

    static byte[] header(int rate, long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0x46464952).putInt((int) (36 + dataBytes)).putInt(0x45564157);
        h.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        h.putInt(0x61746164).putInt((int) dataBytes);
        return h.array();
    }
}
