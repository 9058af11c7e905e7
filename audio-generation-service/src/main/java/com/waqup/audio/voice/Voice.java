package com.waqup.audio.voice;

/**
 * One voice a person can pick. {@code id} is what requests carry ({@code voice_id}); {@code engineVoice} is what the
 * provider is called with (an espeak-ng voice+variant, an ElevenLabs voice id, a PlayHT voice manifest) and never
 * leaves the service. {@code vendorSample} is the vendor's own recording of a vendor voice (ElevenLabs'
 * {@code preview_url}, PlayHT's {@code sample}), copied once into our bucket for the voice's preview
 * ({@link VoicePreviews}); null for the platform voices and when the vendor lists none.
 */
public record Voice(String id, String name, String language, String gender, String style, String provider,
        Integer sampleRateHz, String engineVoice, String vendorSample) {

    public Voice(String id, String name, String language, String gender, String style, String provider,
            Integer sampleRateHz, String engineVoice) {
        this(id, name, language, gender, style, provider, sampleRateHz, engineVoice, null);
    }
}
