package com.waqup.conversation.config;

import java.time.Clock;

import com.waqup.conversation.dialogue.LexiconExtractor;
import com.waqup.conversation.dialogue.SlotExtractor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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

    /** The offline extractor, unless an LLM-backed one is configured (waqup.llm.provider, docs/llm.md). */
    @Bean
    @ConditionalOnProperty(name = "waqup.llm.provider", havingValue = "composer", matchIfMissing = true)
    SlotExtractor lexiconExtractor() {
        return new LexiconExtractor();
    }
}
