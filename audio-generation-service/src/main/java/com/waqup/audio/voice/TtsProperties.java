package com.waqup.audio.voice;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The TTS provider and its settings ({@code waqup.tts.*}). API keys are secrets: they come from the environment and
 * are never logged ({@link #toString()} of the vendor records hides them).
 *
 * espeak-ng is always enabled; a vendor is enabled when its key (PlayHT: key and user id) is set.
 *
 * @param provider          who speaks the platform voice ids ({@code en-us-female}, ...): {@code espeak} (default,
 *                          offline), or an enabled {@code elevenlabs} / {@code playht} through its {@code voices} map;
 *                          a vendor without a key → espeak. Vendor voices ({@code elevenlabs:<id>}) are available
 *                          whatever this says.
 * @param defaultVoice      the platform's default voice id ({@code en-us-female}): no, unknown or disabled voice → this
 * @param timeout           connect and read timeout of one vendor synthesis call
 * @param maxAttempts       attempts of one vendor call (429, 5xx, timeouts are retried with backoff)
 * @param retryDelay        first backoff (doubled each time)
 * @param voiceListTimeout  connect and read timeout of a vendor's voice list (one attempt)
 * @param voiceListCache    how long a vendor's voice list is kept
 * @param voiceListRetry    how long a vendor whose list could not be fetched is left out before it is asked again
 */
@ConfigurationProperties("waqup.tts")
public record TtsProperties(String provider, String defaultVoice, Duration timeout, Integer maxAttempts,
        Duration retryDelay, Duration voiceListTimeout, Duration voiceListCache, Duration voiceListRetry, Espeak espeak,
        ElevenLabs elevenlabs, PlayHt playht, Festival festival, Flite flite) {

    public TtsProperties {
        voiceListTimeout = voiceListTimeout == null ? Duration.ofSeconds(5) : voiceListTimeout;
        voiceListCache = voiceListCache == null ? Duration.ofMinutes(10) : voiceListCache;
        voiceListRetry = voiceListRetry == null ? Duration.ofSeconds(30) : voiceListRetry;
        provider = provider == null || provider.isBlank() ? "espeak" : provider;
        defaultVoice = defaultVoice == null || defaultVoice.isBlank() ? "en-us-female" : defaultVoice;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        maxAttempts = maxAttempts == null || maxAttempts < 1 ? 3 : maxAttempts;
        retryDelay = retryDelay == null ? Duration.ofMillis(500) : retryDelay;
        espeak = espeak == null ? new Espeak(null, null, null) : espeak;
        elevenlabs = elevenlabs == null ? new ElevenLabs(null, null, null, null) : elevenlabs;
        playht = playht == null ? new PlayHt(null, null, null, null, null) : playht;
        festival = festival == null ? new Festival(null, null, null, null, null) : festival;
        flite = flite == null ? new Flite(null, null, null, null, null) : flite;
    }

    /**
     * @param binary      the espeak-ng binary
     * @param rateFactor  words actually spoken per minute per unit of espeak's {@code -s} (measured, docs/audio.md)
     * @param timeout     longest one segment may take
     */
    public record Espeak(String binary, Double rateFactor, Duration timeout) {
        public Espeak {
            binary = binary == null || binary.isBlank() ? "espeak-ng" : binary;
            rateFactor = rateFactor == null || rateFactor <= 0 ? 1.13 : rateFactor;
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        }
    }

    /**
     * Festival (offline, {@code festival} + its Debian voices): the platform voices it speaks, each with the words per
     * minute the engine voice speaks at its natural rate (measured per segment, docs/audio.md), from which the duration
     * stretch of a pace is computed.
     *
     * @param enabled        {@code false} keeps Festival out even when installed
     * @param binary         the festival binary
     * @param voices         platform voice id → Festival voice ({@code cmu_us_slt_arctic_hts}, {@code kal_diphone})
     * @param naturalWpm     platform voice id → words per minute at stretch 1
     * @param timeout        longest one batch of segments may take
     */
    public record Festival(Boolean enabled, String binary, Map<String, String> voices, Map<String, Double> naturalWpm,
            Duration timeout) {
        public Festival {
            enabled = enabled == null || enabled;
            binary = binary == null || binary.isBlank() ? "festival" : binary;
            voices = voices == null || voices.isEmpty() ? defaults("en-us-female", "cmu_us_slt_arctic_hts") : voices;
            naturalWpm = naturalWpm == null || naturalWpm.isEmpty() ? Map.of("en-us-female", 182.0) : naturalWpm;
            timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        }
    }

    /**
     * Flite (offline, {@code flite}: CMU's small engine with its built-in clustergen voices).
     *
     * @param enabled        {@code false} keeps Flite out even when installed
     * @param binary         the flite binary
     * @param voices         platform voice id → Flite voice ({@code rms}, {@code awb})
     * @param naturalWpm     platform voice id → words per minute at stretch 1
     * @param timeout        longest one segment may take
     */
    public record Flite(Boolean enabled, String binary, Map<String, String> voices, Map<String, Double> naturalWpm,
            Duration timeout) {
        public Flite {
            enabled = enabled == null || enabled;
            binary = binary == null || binary.isBlank() ? "flite" : binary;
            voices = voices == null || voices.isEmpty() ? defaults("en-us-male", "rms") : voices;
            naturalWpm = naturalWpm == null || naturalWpm.isEmpty() ? Map.of("en-us-male", 159.0) : naturalWpm;
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        }
    }

    /** @param voices platform voice id → ElevenLabs voice id (used when {@code provider} is {@code elevenlabs}) */
    public record ElevenLabs(String baseUrl, String apiKey, String modelId, Map<String, String> voices) {
        public ElevenLabs {
            baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.elevenlabs.io" : baseUrl;
            modelId = modelId == null || modelId.isBlank() ? "eleven_multilingual_v2" : modelId;
            voices = voices == null || voices.isEmpty() ? defaults(
                    "en-us-female", "21m00Tcm4TlvDq8Ikwcn", "en-us-male", "pNInz6obpgDQGcFmaJgB",
                    "en-gb-female", "ThT5KcBeYPX3keUQqHPh", "en-gb-male", "onwK4e9ZLuTAKqWW03F9") : voices;
        }

        /** A key is configured. */
        public boolean enabled() {
            return apiKey != null && !apiKey.isBlank();
        }

        @Override
        public String toString() {
            return "ElevenLabs[baseUrl=" + baseUrl + ", modelId=" + modelId + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "unset" : "***") + "]";
        }
    }

    /** @param voices platform voice id → PlayHT voice (manifest URL; used when {@code provider} is {@code playht}) */
    public record PlayHt(String baseUrl, String apiKey, String userId, String voiceEngine, Map<String, String> voices) {
        public PlayHt {
            baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.play.ht" : baseUrl;
            voiceEngine = voiceEngine == null || voiceEngine.isBlank() ? "PlayHT2.0" : voiceEngine;
            voices = voices == null || voices.isEmpty() ? defaults(
                    "en-us-female", "s3://voice-cloning-zero-shot/d9ff78ba-d016-47f6-b0ef-dd630f59414e/female-cs/manifest.json",
                    "en-us-male", "s3://voice-cloning-zero-shot/e040bd1b-f190-4bdb-83f0-75ef85b18f84/original/manifest.json") : voices;
        }

        /** A key and a user id are configured. */
        public boolean enabled() {
            return apiKey != null && !apiKey.isBlank() && userId != null && !userId.isBlank();
        }

        @Override
        public String toString() {
            return "PlayHt[baseUrl=" + baseUrl + ", voiceEngine=" + voiceEngine + ", apiKey="
                    + (apiKey == null || apiKey.isBlank() ? "unset" : "***") + ", userId=" + (userId == null ? "unset" : "***") + "]";
        }
    }

    private static Map<String, String> defaults(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
