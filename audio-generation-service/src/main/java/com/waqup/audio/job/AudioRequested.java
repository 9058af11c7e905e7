package com.waqup.audio.job;

import java.util.List;
import java.util.UUID;

/** What this service reads of {@code audio.requested} (docs/events.md); unknown fields are ignored. */
record AudioRequested(UUID jobId, UUID contentId, UUID userId, Integer version, String contentType, String voiceId,
        String pace, BackgroundSpec background, List<String> formats, Double targetDurationSeconds, List<Segment> segments) {

    record BackgroundSpec(String sound, Double levelDb) {
    }

    record Segment(Integer index, String text, Double pauseAfter) {
    }

    static final String TYPE = "audio.requested";

    boolean identified() {
        return jobId != null && contentId != null && userId != null && version != null && version >= 1;
    }
}
