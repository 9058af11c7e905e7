package com.waqup.audio.voice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What vendor adapters share: the platform voice ids mapped to vendor voices (configured), the vendor's own voice
 * list (fetched, cached ten minutes; if the vendor cannot be reached the platform voices are still listed), and the
 * resolution rule: a platform id → its mapped voice; another id is the vendor's own voice id
 * when the vendor lists it (what GET /api/v1/voices showed); anything else, or nothing → the default voice.
 */
abstract class VendorVoices implements SpeechSynthesizer {

    private static final Logger log = LoggerFactory.getLogger(VendorVoices.class);
    private static final Duration CACHE = Duration.ofMinutes(10);

    private final Map<String, Voice> platform = new LinkedHashMap<>();
    private final Voice defaultVoice;
    private final Clock clock;
    private volatile List<Voice> cached;
    private volatile Instant cachedAt = Instant.MIN;

    VendorVoices(String provider, Map<String, String> aliases, String defaultVoiceId, Integer sampleRate, Clock clock) {
        this.clock = clock;
        for (PlatformVoices.Alias alias : PlatformVoices.ALL) {
            String engine = aliases.get(alias.id());
            if (engine != null && !engine.isBlank()) {
                platform.put(alias.id(), new Voice(alias.id(), alias.name(), alias.language(), alias.gender(), alias.style(),
                        provider, sampleRate, engine));
            }
        }
        if (platform.isEmpty()) {
            throw new IllegalStateException(provider + ": no platform voice is mapped to a vendor voice");
        }
        this.defaultVoice = platform.getOrDefault(defaultVoiceId, platform.values().iterator().next());
    }

    /** The vendor's own voice list (one HTTP call). */
    abstract List<Voice> fetchVendorVoices() throws TtsException;

    @Override
    public List<Voice> voices() {
        List<Voice> all = new ArrayList<>();
        all.add(defaultVoice);
        platform.values().stream().filter(v -> v != defaultVoice).forEach(all::add);
        all.addAll(vendorVoices());
        return all;
    }

    private List<Voice> vendorVoices() {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cachedAt.plus(CACHE))) {
            return cached;
        }
        try {
            cached = List.copyOf(fetchVendorVoices());
            cachedAt = now;
            return cached;
        } catch (TtsException e) {
            log.warn("{}: the voice list could not be fetched ({}); listing the platform voices only", provider(), e.getMessage());
            return cached != null ? cached : List.of();
        }
    }

    @Override
    public Voice resolve(String voiceId) {
        if (voiceId == null || voiceId.isBlank()) {
            return defaultVoice;
        }
        Voice mapped = platform.get(voiceId);
        if (mapped != null) {
            return mapped;
        }
        if (PlatformVoices.find(voiceId).isPresent()) {
            return defaultVoice; // a platform voice this vendor has no mapping for
        }
        for (Voice v : vendorVoices()) {
            if (v.id().equals(voiceId)) {
                return v;
            }
        }
        return defaultVoice; // unknown here and at the vendor: the default voice rather than a failed job
    }
}
