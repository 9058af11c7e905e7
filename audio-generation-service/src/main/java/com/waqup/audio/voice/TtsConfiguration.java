package com.waqup.audio.voice;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.waqup.common.http.VendorHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The TTS providers: espeak-ng always, ElevenLabs and PlayHT when their keys are configured, all behind one
 * {@link VoiceRouter} (a request's voice picks the provider).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TtsProperties.class)
class TtsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TtsConfiguration.class);

    @Bean
    VoiceRouter voiceRouter(TtsProperties tts, RestClient.Builder rest) {
        List<VendorSynthesizer> vendors = new ArrayList<>();
        if (tts.elevenlabs().enabled()) {
            vendors.add(new ElevenLabsSynthesizer(http(rest, "elevenlabs", tts.elevenlabs().baseUrl(), tts),
                    list(rest, "elevenlabs", tts.elevenlabs().baseUrl(), tts), tts));
        }
        if (tts.playht().enabled()) {
            vendors.add(new PlayHtSynthesizer(http(rest, "playht", tts.playht().baseUrl(), tts),
                    list(rest, "playht", tts.playht().baseUrl(), tts), tts));
        }
        VoiceRouter router = new VoiceRouter(new EspeakSynthesizer(tts), vendors, tts.provider(), tts.defaultVoice(),
                tts.voiceListCache(), tts.voiceListRetry(), Clock.systemUTC());
        if (!"espeak".equals(tts.provider()) && vendors.stream().noneMatch(v -> v.provider().equals(tts.provider()))) {
            log.warn("waqup.tts.provider={} is not an enabled vendor (no key); espeak-ng speaks the platform voices", tts.provider());
        }
        log.info("TTS providers {} (platform voices: {}, default voice {} by {}; {} {})", router.providers(), tts.provider(),
                router.defaultVoice().id(), router.defaultVoice().provider(), tts.elevenlabs(), tts.playht());
        return router;
    }

    static VendorHttp http(RestClient.Builder rest, String vendor, String baseUrl, TtsProperties tts) {
        return new VendorHttp(rest, vendor, baseUrl, tts.timeout(), tts.maxAttempts(), tts.retryDelay());
    }

    /** The voice list's client: its own short timeout, one attempt ({@link VendorHttp#getOnce}). */
    static VendorHttp list(RestClient.Builder rest, String vendor, String baseUrl, TtsProperties tts) {
        return new VendorHttp(rest, vendor, baseUrl, tts.voiceListTimeout(), 1, Duration.ofMillis(1));
    }
}
