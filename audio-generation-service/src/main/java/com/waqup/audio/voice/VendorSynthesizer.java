package com.waqup.audio.voice;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.waqup.common.http.VendorException;
import com.waqup.common.http.VendorHttp;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * A TTS vendor: its voice list (one HTTP call, cached by {@link VoiceRouter}) and the configured mapping of the
 * platform voice ids to vendor voices (used only when {@code waqup.tts.provider} names this vendor). A vendor voice's
 * public id is namespaced, {@code <provider>:<vendor voice id>}, so a request's {@code voice_id} selects the vendor.
 */
abstract class VendorSynthesizer implements SpeechSynthesizer {

    /** Vendor payloads are built and read as trees; this mapper never sees our snake_case records. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Synthesis calls (with retries) and the voice-list call (one attempt: the list is cached and refreshed). */
    private final VendorHttp http;
    private final VendorHttp listHttp;
    private final String provider;
    private final int sampleRate;

    VendorSynthesizer(String provider, int sampleRate, VendorHttp http, VendorHttp listHttp) {
        this.provider = provider;
        this.sampleRate = sampleRate;
        this.http = http;
        this.listHttp = listHttp;
    }

    @Override
    public final String provider() {
        return provider;
    }

    /** POSTs a synthesis request (JSON) with retries and returns the audio bytes. */
    byte[] post(String pathAndQuery, Consumer<HttpHeaders> headers, String json) throws TtsException {
        try {
            return http.postForBytes(pathAndQuery, headers, json);
        } catch (VendorException e) {
            throw failed(e);
        }
    }

    /** GETs the vendor's voice list (JSON text), one attempt. */
    String list(String path, Consumer<HttpHeaders> headers) throws TtsException {
        try {
            return listHttp.getOnce(path, headers);
        } catch (VendorException e) {
            throw failed(e);
        }
    }

    private static TtsException failed(VendorException e) {
        return new TtsException(e.getMessage(), e.retryable(), e.status(), null);
    }

    /** The sample rate of the PCM this vendor is asked for (and of its voices). */
    final int sampleRate() {
        return sampleRate;
    }

    /** The vendor's own voice list; ids namespaced with {@link #provider()}, the vendor id as engine voice. */
    abstract List<Voice> fetchVoices() throws TtsException;

    /** Platform voice id → vendor voice id. */
    abstract Map<String, String> aliases();

    /** {@code elevenlabs:21m00Tcm4TlvDq8Ikwcn} for {@code 21m00Tcm4TlvDq8Ikwcn}. */
    String namespaced(String vendorVoiceId) {
        return provider() + ":" + vendorVoiceId;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A voice of this vendor that is not (or not yet) in a fetched list: the vendor decides whether it exists. */
    Voice unlisted(String vendorVoiceId) {
        return new Voice(namespaced(vendorVoiceId), vendorVoiceId, null, null, null, provider(), sampleRate(), vendorVoiceId);
    }
}
