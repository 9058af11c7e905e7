package com.waqup.generation.llm;

import com.waqup.common.llm.LlmProperties;
import com.waqup.generation.script.ComposerScriptWriter;
import com.waqup.generation.script.ScriptWriter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The one {@link ScriptWriter}: {@code waqup.llm.provider=composer} (default, offline), {@code openai} or
 * {@code anthropic}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LlmProperties.class)
class ScriptWriterConfiguration {

    @Bean
    @ConditionalOnProperty(name = "waqup.llm.provider", havingValue = "composer", matchIfMissing = true)
    ScriptWriter composerScriptWriter() {
        return new ComposerScriptWriter();
    }

    @Bean
    @ConditionalOnProperty(name = "waqup.llm.provider", havingValue = "openai")
    ScriptWriter openAiScriptWriter(LlmProperties llm, RestClient.Builder rest) {
        return new LlmScriptWriter(llm.structuredOutputClient(rest), "OpenAI");
    }

    @Bean
    @ConditionalOnProperty(name = "waqup.llm.provider", havingValue = "anthropic")
    ScriptWriter anthropicScriptWriter(LlmProperties llm, RestClient.Builder rest) {
        return new LlmScriptWriter(llm.structuredOutputClient(rest), "Anthropic");
    }
}
