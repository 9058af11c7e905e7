package com.waqup.audio.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.waqup.common.http.VendorHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.RestClient;

/**
 * The TTS providers: espeak-ng always, Festival and Flite when installed (probed once at start-up, what was found is
 * logged and shown in the health details), ElevenLabs and PlayHT when their keys are configured, all behind one
 * {@link VoiceRouter} (a request's voice picks the provider).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TtsProperties.class)
class TtsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TtsConfiguration.class);

    @Bean
    VoiceRouter voiceRouter(TtsProperties tts, RestClient.Builder rest) throws IOException, InterruptedException {
        List<OfflineSynthesizer> engines = new ArrayList<>();
        Path probeDir = Files.createTempDirectory("waqup-tts-probe-");
        try {
            FestivalSynthesizer.probe(tts.festival(), probeDir).ifPresent(engines::add);
            FliteSynthesizer.probe(tts.flite(), probeDir).ifPresent(engines::add);
        } finally {
            FileSystemUtils.deleteRecursively(probeDir);
        }
        List<VendorSynthesizer> vendors = new ArrayList<>();
        if (tts.elevenlabs().enabled()) {
            vendors.add(new ElevenLabsSynthesizer(http(rest, "elevenlabs", tts.elevenlabs().baseUrl(), tts),
                    list(rest, "elevenlabs", tts.elevenlabs().baseUrl(), tts), tts));
        }
        if (tts.playht().enabled()) {
            vendors.add(new PlayHtSynthesizer(http(rest, "playht", tts.playht().baseUrl(), tts),
                    list(rest, "playht", tts.playht().baseUrl(), tts), tts));
        }
        VoiceRouter router = new VoiceRouter(new EspeakSynthesizer(tts), engines, vendors, tts.provider(), tts.defaultVoice(),
                tts.voiceListCache(), tts.voiceListRetry(), Clock.systemUTC());
        if (!"espeak".equals(tts.provider()) && vendors.stream().noneMatch(v -> v.provider().equals(tts.provider()))) {
            log.warn("waqup.tts.provider={} is not an enabled vendor (no key); espeak-ng speaks the platform voices", tts.provider());
        }
        log.info("TTS providers {}; offline engines found {}; platform voices spoken by {} (waqup.tts.provider {}), default voice {} by {}; {} {}",
                router.providers(), router.offlineEngines(), router.platformVoiceProviders(), tts.provider(),
                router.defaultVoice().id(), router.defaultVoice().provider(), tts.elevenlabs(), tts.playht());
        return router;
    }

    /** {@code tts} in the health details: the offline engines found and who speaks each platform voice; always UP. */
    @Bean
    HealthIndicator ttsHealthIndicator(VoiceRouter router) {
        return () -> Health.up().withDetail("engines", router.providers()).withDetail("offline", router.offlineEngines())
                .withDetail("platform_voices", router.platformVoiceProviders()).withDetail("default_voice", router.defaultVoice().id())
                .build();
    }

    static VendorHttp http(RestClient.Builder rest, String vendor, String baseUrl, TtsProperties tts) {
        return new VendorHttp(rest, vendor, baseUrl, tts.timeout(), tts.maxAttempts(), tts.retryDelay());
    }

    /** The voice list's client: its own short timeout, one attempt ({@link VendorHttp#getOnce}). */
    static VendorHttp list(RestClient.Builder rest, String vendor, String baseUrl, TtsProperties tts) {
        return new VendorHttp(rest, vendor, baseUrl, tts.voiceListTimeout(), 1, Duration.ofMillis(1));
    }
}
