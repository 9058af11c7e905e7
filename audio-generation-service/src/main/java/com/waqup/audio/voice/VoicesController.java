package com.waqup.audio.voice;

import java.util.List;

import com.waqup.common.security.AuthenticatedUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The voices a person can choose from: the platform voices (espeak-ng, offline, always there) and the voices of every
 * enabled vendor (namespaced ids; a vendor that cannot be reached is left out, never an error).
 */
@RestController
@RequestMapping("/api/v1/voices")
class VoicesController {

    private final VoiceRouter voices;

    VoicesController(VoiceRouter voices) {
        this.voices = voices;
    }

    record VoiceView(String id, String name, String language, String gender, String style, String provider,
            Integer sampleRate, boolean isDefault) {
    }

    record VoicesResponse(List<VoiceView> voices, String defaultVoiceId) {
    }

    @GetMapping
    VoicesResponse list(AuthenticatedUser user) {
        String defaultId = voices.defaultVoice().id();
        return new VoicesResponse(voices.voices().stream().map(v -> new VoiceView(v.id(), v.name(), v.language(), v.gender(),
                v.style(), v.provider(), v.sampleRateHz(), v.id().equals(defaultId))).toList(), defaultId);
    }
}
