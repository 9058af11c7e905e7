package com.waqup.audio.voice;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.waqup.audio.render.Pcm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Every enabled TTS provider behind one catalog (docs/audio.md, "Voices and providers"):
 * <ul>
 * <li>the offline engines found at start-up (Festival, then Flite) speak the platform voice ids they have a voice for;</li>
 * <li>espeak-ng is always enabled and speaks the other platform voice ids ({@code en-us-female}, the default, {@code en-us-male},
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
    private final Map<String, OfflineSynthesizer> offline = new LinkedHashMap<>();
    private final Map<String, VendorSynthesizer> vendors = new LinkedHashMap<>();
    private final Map<String, Voice> platform = new LinkedHashMap<>();
    private final Voice defaultVoice;
    private final Clock clock;
    private final Duration listCache;
    private final Duration failureCache;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    VoiceRouter(EspeakSynthesizer espeak, List<VendorSynthesizer> enabled, String platformProvider, String defaultVoiceId,
            Duration listCache, Duration failureCache, Clock clock) {
        this(espeak, List.of(), enabled, platformProvider, defaultVoiceId, listCache, failureCache, clock);
    }

    /**
     * @param engines the offline engines found beside espeak-ng, in order of preference: a platform voice is spoken by
     *                the first that has it, espeak-ng otherwise (unless a vendor voices the platform ids)
     */
    VoiceRouter(EspeakSynthesizer espeak, List<? extends OfflineSynthesizer> engines, List<VendorSynthesizer> enabled,
            String platformProvider, String defaultVoiceId, Duration listCache, Duration failureCache, Clock clock) {
        this.espeak = espeak;
        engines.forEach(e -> offline.put(e.provider(), e));
        enabled.forEach(v -> vendors.put(v.provider(), v));
        this.clock = clock;
        this.listCache = listCache;
        this.failureCache = failureCache;
        VendorSynthesizer voicing = vendors.get(platformProvider);
        for (Voice v : espeak.voices()) {
            String alias = voicing == null ? null : voicing.aliases().get(v.id());
            if (alias != null && !alias.isBlank()) {
                platform.put(v.id(), new Voice(v.id(), v.name(), v.language(), v.gender(), v.style(), voicing.provider(),
                        voicing.sampleRate(), alias));
            } else {
                platform.put(v.id(), offline.values().stream().map(e -> e.platformVoices().get(v.id()))
                        .filter(Objects::nonNull).findFirst().orElse(v));
            }
        }
        Voice configured = platform.get(defaultVoiceId);
        if (configured == null) {
            log.warn("waqup.tts.default-voice {} is not a platform voice; using {}", defaultVoiceId, espeak.resolve(null).id());
        }
        this.defaultVoice = configured != null ? configured : platform.get(espeak.resolve(null).id());
    }

    /** The enabled providers: espeak first, the other offline engines found, then the vendors with a key. */
    public List<String> providers() {
        List<String> all = new ArrayList<>();
        all.add(espeak.provider());
        all.addAll(offline.keySet());
        all.addAll(vendors.keySet());
        return all;
    }

    /** Whether {@code provider} runs on this machine (espeak-ng, Festival, Flite), as opposed to a vendor's API. */
    public boolean isOffline(String provider) {
        return espeak.provider().equals(provider) || offline.containsKey(provider);
    }

    /** The offline engines found and the engine voices each speaks, for the health details. */
    public Map<String, List<String>> offlineEngines() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        found.put(espeak.provider(), espeak.voices().stream().map(Voice::engineVoice).toList());
        offline.values().forEach(e -> found.put(e.provider(), e.platformVoices().values().stream().map(Voice::engineVoice).toList()));
        return found;
    }

    /** Platform voice id → the provider speaking it. */
    public Map<String, String> platformVoiceProviders() {
        Map<String, String> map = new LinkedHashMap<>();
        platform.values().forEach(v -> map.put(v.id(), v.provider()));
        return map;
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
        return synthesizer(voice).synthesize(text, voice, pace, workDir);
    }

    /** Speaks several segments with the provider of {@code voice}, each on its own (one process for Festival). */
    public List<Pcm> synthesizeAll(List<String> texts, Voice voice, Pace pace, Path workDir) throws TtsException, InterruptedException {
        return synthesizer(voice).synthesizeAll(texts, voice, pace, workDir);
    }

    private SpeechSynthesizer synthesizer(Voice voice) throws TtsException {
        if (espeak.provider().equals(voice.provider())) {
            return espeak;
        }
        SpeechSynthesizer engine = offline.containsKey(voice.provider()) ? offline.get(voice.provider()) : vendors.get(voice.provider());
        if (engine == null) {
            throw new TtsException(voice.provider() + " is not enabled", false, 0, null);
        }
        return engine;
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
