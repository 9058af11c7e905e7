package com.waqup.audio.config;

import com.waqup.audio.render.AudioRenderer;
import com.waqup.audio.render.RenderProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's wiring that belongs to no single capability: the renderer ({@code waqup.audio.render.*}, ffmpeg),
 * which the job pipeline uses. Each capability wires its own beans ({@code job}'s work queue, {@code voice}'s TTS
 * providers); the privacy participant is a component in {@code privacy}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RenderProperties.class)
class AudioConfiguration {

    @Bean
    AudioRenderer audioRenderer(RenderProperties props) {
        return new AudioRenderer(props);
    }
}
