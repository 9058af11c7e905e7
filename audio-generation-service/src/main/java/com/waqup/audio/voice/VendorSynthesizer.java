package com.waqup.audio.voice;

import java.util.Map;

/**
 * A TTS vendor: its voice list (one HTTP call, cached by {@link VoiceRouter}) and the configured mapping of the
 * platform voice ids to vendor voices (used only when {@code waqup.tts.provider} names this vendor). A vendor voice's
 * public id is namespaced, {@code <provider>:<vendor voice id>}, so a request's {@code voice_id} selects the vendor.
 */
abstract class VendorSynthesizer implements SpeechSynthesizer {

    /** The vendor's own voice list; ids namespaced with {@link #provider()}, the vendor id as engine voice. */
    abstract java.util.List<Voice> fetchVoices() throws TtsException;

    /** Platform voice id → vendor voice id. */
    abstract Map<String, String> aliases();

    abstract int sampleRate();

    /** {@code elevenlabs:21m00Tcm4TlvDq8Ikwcn} for {@code 21m00Tcm4TlvDq8Ikwcn}. */
    String namespaced(String vendorVoiceId) {
        return provider() + ":" + vendorVoiceId;
    }

    /** A voice of this vendor that is not (or not yet) in a fetched list: the vendor decides whether it exists. */
    Voice unlisted(String vendorVoiceId) {
        return new Voice(namespaced(vendorVoiceId), vendorVoiceId, null, null, null, provider(), sampleRate(), vendorVoiceId);
    }
}
