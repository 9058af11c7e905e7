package com.waqup.conversation.config;

import java.time.Clock;

import com.waqup.conversation.dialogue.LexiconExtractor;
import com.waqup.conversation.dialogue.SlotExtractor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConversationProperties.class)
class ConversationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The offline extractor, unless an LLM-backed one is configured. */
    @Bean
    @ConditionalOnMissingBean(SlotExtractor.class)
    SlotExtractor lexiconExtractor() {
        return new LexiconExtractor();
    }
}
