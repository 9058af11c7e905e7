package com.waqup.audio.voice;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** Picks the {@link SpeechSynthesizer} by {@code waqup.tts.provider} (espeak | elevenlabs | playht). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TtsProperties.class)
class TtsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TtsConfiguration.class);

    @Bean
    SpeechSynthesizer speechSynthesizer(TtsProperties tts, RestClient.Builder rest) {
        SpeechSynthesizer synthesizer = switch (tts.provider()) {
            case "espeak" -> new EspeakSynthesizer(tts);
            case "elevenlabs" -> new ElevenLabsSynthesizer(http(rest, "elevenlabs", tts.elevenlabs().baseUrl(), tts), tts,
                    Clock.systemUTC());
            case "playht" -> new PlayHtSynthesizer(http(rest, "playht", tts.playht().baseUrl(), tts), tts, Clock.systemUTC());
            default -> throw new IllegalStateException("waqup.tts.provider must be espeak, elevenlabs or playht, not "
                    + tts.provider());
        };
        log.info("TTS provider {} (default voice {}; {} {})", synthesizer.provider(), tts.defaultVoice(), tts.elevenlabs(), tts.playht());
        return synthesizer;
    }

    static VendorHttp http(RestClient.Builder rest, String vendor, String baseUrl, TtsProperties tts) {
        return new VendorHttp(rest, vendor, baseUrl, tts.timeout(), tts.maxAttempts(), tts.retryDelay());
    }
}
