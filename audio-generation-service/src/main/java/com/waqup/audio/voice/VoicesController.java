package com.waqup.audio.voice;

import java.util.List;

import com.waqup.common.security.AuthenticatedUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The voices a person can choose from, for the configured TTS provider. */
@RestController
@RequestMapping("/api/v1/voices")
class VoicesController {

    private final SpeechSynthesizer synthesizer;

    VoicesController(SpeechSynthesizer synthesizer) {
        this.synthesizer = synthesizer;
    }

    record VoiceView(String id, String name, String language, String gender, String style, String provider,
            Integer sampleRate, boolean isDefault) {
    }

    record VoicesResponse(List<VoiceView> voices, String defaultVoiceId) {
    }

    @GetMapping
    VoicesResponse list(AuthenticatedUser user) {
        List<Voice> voices = synthesizer.voices();
        String defaultId = synthesizer.resolve(null).id();
        return new VoicesResponse(voices.stream().map(v -> new VoiceView(v.id(), v.name(), v.language(), v.gender(),
                v.style(), v.provider(), v.sampleRateHz(), v.id().equals(defaultId))).toList(), defaultId);
    }
}
