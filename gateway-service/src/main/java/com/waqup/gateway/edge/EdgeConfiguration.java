package com.waqup.gateway.edge;

import java.time.Duration;

import com.waqup.gateway.config.GatewayProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge's own settings ({@link SecurityHeadersProperties}) and its Netty server: what it answers before the
 * application sees a request ({@link DecodingFailureEnvelope}) and how it closes a connection ({@link LingeringClose}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityHeadersProperties.class)
class EdgeConfiguration {

    /** Every connection the server closes lingers first ({@link LingeringClose}), so an early refusal is read. */
    @Bean
    NettyServerCustomizer lingeringClose(GatewayProperties properties) {
        Duration linger = properties.lingeringClose();
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(LingeringClose.NAME) == null) {
                channel.pipeline().addFirst(LingeringClose.NAME, new LingeringClose(linger));
            }
        });
    }

    /**
     * A request that cannot be decoded is answered ({@link DecodingFailureAnswer}, one per connection) with the error
     * envelope ({@link DecodingFailureEnvelope}, shared), both between the HTTP codec and Reactor Netty's handlers.
     */
    @Bean
    NettyServerCustomizer decodingFailures(JsonMapper json) {
        DecodingFailureEnvelope envelope = new DecodingFailureEnvelope(json);
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(DecodingFailureEnvelope.NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, DecodingFailureEnvelope.NAME, envelope)
                        .addAfter(DecodingFailureEnvelope.NAME, DecodingFailureAnswer.NAME, new DecodingFailureAnswer());
            }
        });
    }
}
