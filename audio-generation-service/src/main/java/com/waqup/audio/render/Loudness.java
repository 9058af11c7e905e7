package com.waqup.audio.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EBU R128 measurement read from the summary ffmpeg's {@code ebur128=peak=true} filter prints: integrated
 * loudness (LUFS) and true peak (dBTP). A silent input reads -70 LUFS and -inf dBTP.
 */
public record Loudness(double integratedLufs, double truePeakDbtp) {

    private static final Pattern INTEGRATED = Pattern.compile("Integrated loudness:\\s*\\n\\s*I:\\s*(-?[0-9.]+|-inf) LUFS");
    private static final Pattern TRUE_PEAK = Pattern.compile("True peak:\\s*\\n\\s*Peak:\\s*(-?[0-9.]+|-inf) dBFS");

    public static Loudness parseEbur128Summary(String stderr) {
        int summary = stderr.lastIndexOf("Summary:");
        String text = summary >= 0 ? stderr.substring(summary) : stderr;
        return new Loudness(number(INTEGRATED.matcher(text), "integrated loudness"), number(TRUE_PEAK.matcher(text), "true peak"));
    }

    private static double number(Matcher m, String what) {
        if (!m.find()) {
            throw new IllegalArgumentException("no " + what + " in the ebur128 summary");
        }
        String value = m.group(1);
        return "-inf".equals(value) ? Double.NEGATIVE_INFINITY : Double.parseDouble(value);
    }

    public boolean isSilent() {
        return integratedLufs <= -69.9;
    }
}
