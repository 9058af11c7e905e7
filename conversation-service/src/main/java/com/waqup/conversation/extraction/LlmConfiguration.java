package com.waqup.conversation.extraction;

import com.waqup.common.llm.LlmProperties;
import com.waqup.common.llm.StructuredOutputClient;
import com.waqup.conversation.dialogue.LexiconExtractor;
import com.waqup.conversation.dialogue.SlotExtractor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code waqup.llm.provider=openai|anthropic} registers the {@link LlmSlotExtractor} as the {@link SlotExtractor};
 * {@code composer} (the default) registers nothing, and the offline lexicon extractor of ConversationConfiguration
 * stays. The LLM extractor is {@link Primary}, so it is the one injected whatever order the configuration classes
 * are read in (the lexicon bean's {@code @ConditionalOnMissingBean} only backs off when this one is seen first).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LlmProperties.class)
class LlmConfiguration {

    /** The person's turn is written into the prompt as a tree; this mapper never sees our snake_case records. */
    private static final JsonMapper VENDOR_JSON = JsonMapper.builder().build();

    @Bean
    @Primary
    @ConditionalOnProperty(name = "waqup.llm.provider", havingValue = "openai")
    SlotExtractor openAiSlotExtractor(LlmProperties llm, RestClient.Builder rest, ObjectProvider<MeterRegistry> meters) {
        return extractor(llm.structuredOutputClient(rest), meters);
    }

    @Bean
    @Primary
    @ConditionalOnProperty(name = "waqup.llm.provider", havingValue = "anthropic")
    SlotExtractor anthropicSlotExtractor(LlmProperties llm, RestClient.Builder rest, ObjectProvider<MeterRegistry> meters) {
        return extractor(llm.structuredOutputClient(rest), meters);
    }

    private static LlmSlotExtractor extractor(StructuredOutputClient client, ObjectProvider<MeterRegistry> meters) {
        return new LlmSlotExtractor(client, new LexiconExtractor(), VENDOR_JSON,
                meters.getIfAvailable(() -> Metrics.globalRegistry));
    }
}
