package com.waqup.audio.voice;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.waqup.audio.render.Pcm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Every enabled TTS provider behind one catalog (docs/audio.md, "Voices and providers"):
 * <ul>
 * <li>espeak-ng is always enabled and speaks the platform voice ids ({@code en-us-female}, the default, {@code en-us-male},
 * {@code en-gb-female}, {@code en-gb-male}), unless {@code waqup.tts.provider} names an enabled vendor that maps them;</li>
 * <li>ElevenLabs and PlayHT are enabled when their keys are configured; their voices are listed (cached) with
 * namespaced ids, {@code elevenlabs:<voice_id>} and {@code playht:<voice id>}, so a request's {@code voice_id}
 * selects the provider;</li>
 * <li>an unknown id, a disabled vendor's id, or a vendor id its (reachable) vendor does not list → the default
 * voice. When the vendor's list cannot be had, its voice is tried as asked: the synthesis then succeeds or fails
 * with the vendor's answer ({@code TTS_FAILED}).</li>
 * </ul>
 */
public class VoiceRouter {

    private static final Logger log = LoggerFactory.getLogger(VoiceRouter.class);

    private record Cached(List<Voice> voices, Instant until) {
    }

    private final EspeakSynthesizer espeak;
    private final Map<String, VendorSynthesizer> vendors = new LinkedHashMap<>();
    private final Map<String, Voice> platform = new LinkedHashMap<>();
    private final Voice defaultVoice;
    private final Clock clock;
    private final Duration listCache;
    private final Duration failureCache;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    VoiceRouter(EspeakSynthesizer espeak, List<VendorSynthesizer> enabled, String platformProvider, String defaultVoiceId,
            Duration listCache, Duration failureCache, Clock clock) {
        this.espeak = espeak;
        enabled.forEach(v -> vendors.put(v.provider(), v));
        this.clock = clock;
        this.listCache = listCache;
        this.failureCache = failureCache;
        VendorSynthesizer voicing = vendors.get(platformProvider);
        for (Voice v : espeak.voices()) {
            String alias = voicing == null ? null : voicing.aliases().get(v.id());
            platform.put(v.id(), alias == null || alias.isBlank() ? v
                    : new Voice(v.id(), v.name(), v.language(), v.gender(), v.style(), voicing.provider(), voicing.sampleRate(), alias));
        }
        Voice configured = platform.get(defaultVoiceId);
        if (configured == null) {
            log.warn("waqup.tts.default-voice {} is not a platform voice; using {}", defaultVoiceId, espeak.resolve(null).id());
        }
        this.defaultVoice = configured != null ? configured : platform.get(espeak.resolve(null).id());
    }

    /** The enabled providers: espeak first, then the vendors with a key. */
    public List<String> providers() {
        List<String> all = new ArrayList<>();
        all.add(espeak.provider());
        all.addAll(vendors.keySet());
        return all;
    }

    public Voice defaultVoice() {
        return defaultVoice;
    }

    /** The platform voices (default first), then every enabled vendor's voices that could be listed. */
    public List<Voice> voices() {
        List<Voice> all = new ArrayList<>();
        all.add(defaultVoice);
        platform.values().stream().filter(v -> v != defaultVoice).forEach(all::add);
        for (VendorSynthesizer vendor : vendors.values()) {
            vendorVoices(vendor).ifPresent(all::addAll);
        }
        return all;
    }

    /** The voice a request's {@code voice_id} stands for; see the class comment for the fallbacks. */
    public Voice resolve(String voiceId) {
        if (voiceId == null || voiceId.isBlank()) {
            return defaultVoice;
        }
        Voice known = platform.get(voiceId);
        if (known != null) {
            return known;
        }
        int colon = voiceId.indexOf(':');
        if (colon <= 0 || colon == voiceId.length() - 1) {
            return defaultVoice;
        }
        VendorSynthesizer vendor = vendors.get(voiceId.substring(0, colon));
        if (vendor == null) {
            return defaultVoice; // an unknown namespace or a vendor without a key
        }
        Optional<List<Voice>> listed = vendorVoices(vendor);
        if (listed.isEmpty()) {
            return vendor.unlisted(voiceId.substring(colon + 1));
        }
        return listed.get().stream().filter(v -> v.id().equals(voiceId)).findFirst().orElse(defaultVoice);
    }

    /** Speaks one segment with the provider of {@code voice}. */
    public Pcm synthesize(String text, Voice voice, Pace pace, Path workDir) throws TtsException, InterruptedException {
        if (espeak.provider().equals(voice.provider())) {
            return espeak.synthesize(text, voice, pace, workDir);
        }
        VendorSynthesizer vendor = vendors.get(voice.provider());
        if (vendor == null) {
            throw new TtsException(voice.provider() + " is not enabled", false, 0, null);
        }
        return vendor.synthesize(text, voice, pace, workDir);
    }

    /** The vendor's list, cached; empty (and a warning) when the vendor cannot be reached or answers nonsense. */
    private Optional<List<Voice>> vendorVoices(VendorSynthesizer vendor) {
        Instant now = clock.instant();
        Cached cached = cache.get(vendor.provider());
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.ofNullable(cached.voices());
        }
        List<Voice> voices;
        try {
            voices = List.copyOf(vendor.fetchVoices());
            cache.put(vendor.provider(), new Cached(voices, now.plus(listCache)));
        } catch (TtsException | JacksonException e) {
            log.warn("{}: the voice list could not be fetched ({}); its voices are left out for {}", vendor.provider(),
                    e instanceof TtsException ? e.getMessage() : "unreadable answer", failureCache);
            voices = null;
            cache.put(vendor.provider(), new Cached(null, now.plus(failureCache)));
        }
        return Optional.ofNullable(voices);
    }
}
