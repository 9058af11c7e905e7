package com.waqup.audio.voice;

import java.util.List;

import com.waqup.common.security.AuthenticatedUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The voices a person can choose from: the platform voices (offline: Festival, espeak-ng; always there, each with a
 * preview) and the voices of every
 * enabled vendor (namespaced ids; a vendor that cannot be reached is left out, never an error).
 */
@RestController
@RequestMapping("/api/v1/voices")
class VoicesController {

    private final VoiceRouter voices;
    private final VoicePreviews previews;

    VoicesController(VoiceRouter voices, VoicePreviews previews) {
        this.voices = voices;
        this.previews = previews;
    }

    /**
     * One voice: {@code engine} is who speaks it ({@code festival}, {@code espeak}, {@code elevenlabs}, {@code playht};
     * {@code provider} says the same, kept for existing clients), {@code offline} whether it runs on the platform's own
     * machines (free to re-voice), {@code preview_url} a few seconds of it (pre-signed, one hour, on our store: rendered for
     * an offline voice, the vendor's recording copied for a vendor voice; null until made or copied).
     */
    record VoiceView(String id, String name, String language, String gender, String style, String engine, boolean offline,
            String previewUrl, String provider, Integer sampleRate, boolean isDefault) {
    }

    record VoicesResponse(List<VoiceView> voices, String defaultVoiceId) {
    }

    @GetMapping
    VoicesResponse list(AuthenticatedUser user) {
        String defaultId = voices.defaultVoice().id();
        return new VoicesResponse(voices.voices().stream().map(v -> {
            boolean offline = voices.isOffline(v.provider());
            String preview = (offline ? previews.url(v) : previews.vendorUrl(v)).map(Object::toString).orElse(null);
            return new VoiceView(v.id(), v.name(), v.language(), v.gender(), v.style(), v.provider(), offline, preview,
                    v.provider(), v.sampleRateHz(), v.id().equals(defaultId));
        }).toList(), defaultId);
    }
}
