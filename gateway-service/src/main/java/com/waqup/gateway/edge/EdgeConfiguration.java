package com.waqup.gateway.edge;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge's own settings ({@link SecurityHeadersProperties}) and its Netty server: what it answers before the
 * application sees a request ({@link DecodingFailureEnvelope}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityHeadersProperties.class)
class EdgeConfiguration {

    @Bean
    NettyServerCustomizer decodingFailureEnvelopes(JsonMapper json) {
        DecodingFailureEnvelope handler = new DecodingFailureEnvelope(json);
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(DecodingFailureEnvelope.NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, DecodingFailureEnvelope.NAME, handler);
            }
        });
    }
}
