package com.waqup.audio.voice;

/**
 * One voice a person can pick. {@code id} is what requests carry ({@code voice_id}); {@code engineVoice} is what the
 * provider is called with (an espeak-ng voice+variant, an ElevenLabs voice id, a PlayHT voice manifest) and never
 * leaves the service.
 */
public record Voice(String id, String name, String language, String gender, String style, String provider,
        Integer sampleRateHz, String engineVoice) {
}
