package com.waqup.audio.render;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How audio is mixed and encoded ({@code waqup.audio.render.*}).
 *
 * @param ffmpeg             the ffmpeg binary
 * @param ffprobe            the ffprobe binary
 * @param targetLufs         integrated loudness of every output (-16 LUFS: the spoken-word streaming norm)
 * @param truePeakLimitDbtp  the ceiling the limiter holds before encoding (below the -1 dBTP promise, leaving
 *                           room for the MP3 encoder's overshoot)
 * @param mp3BitrateKbps     MP3 bitrate
 * @param sampleRateHz       output sample rate
 * @param oggQuality         libvorbis quality (0-10) of the optional OGG
 * @param toolTimeout        longest a single ffmpeg/ffprobe run may take
 */
@ConfigurationProperties("waqup.audio.render")
public record RenderProperties(String ffmpeg, String ffprobe, Double targetLufs, Double truePeakLimitDbtp,
        Integer mp3BitrateKbps, Integer sampleRateHz, Integer oggQuality, Duration toolTimeout) {

    public RenderProperties {
        ffmpeg = ffmpeg == null || ffmpeg.isBlank() ? "ffmpeg" : ffmpeg;
        ffprobe = ffprobe == null || ffprobe.isBlank() ? "ffprobe" : ffprobe;
        targetLufs = targetLufs == null ? -16.0 : targetLufs;
        truePeakLimitDbtp = truePeakLimitDbtp == null ? -2.0 : truePeakLimitDbtp;
        mp3BitrateKbps = mp3BitrateKbps == null ? 128 : mp3BitrateKbps;
        sampleRateHz = sampleRateHz == null ? 44100 : sampleRateHz;
        oggQuality = oggQuality == null ? 4 : oggQuality;
        toolTimeout = toolTimeout == null ? Duration.ofMinutes(5) : toolTimeout;
    }
}
