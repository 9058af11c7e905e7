package com.waqup.conversation.extraction;

import com.waqup.common.llm.LlmProperties;
import com.waqup.conversation.dialogue.LexiconExtractor;
import com.waqup.conversation.dialogue.SlotExtractor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code waqup.llm.provider} picks the extractor; a vendor without a key refuses to start. */
class LlmConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(LlmConfiguration.class)
            .withBean(RestClient.Builder.class, RestClient::builder)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void shouldRegisterNoExtractorForTheComposerDefault() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SlotExtractor.class);
            assertThat(context.getBean(LlmProperties.class).provider()).isEqualTo(LlmProperties.Provider.COMPOSER);
        });
    }

    @Test
    void shouldRegisterTheLlmExtractorForOpenAi() {
        runner.withPropertyValues("waqup.llm.provider=openai", "waqup.llm.openai.api-key=sk-test").run(context -> {
            assertThat(context).hasSingleBean(SlotExtractor.class);
            assertThat(context.getBean(SlotExtractor.class)).isInstanceOf(LlmSlotExtractor.class);
            LlmProperties llm = context.getBean(LlmProperties.class);
            assertThat(llm.openai().baseUrl()).isEqualTo("https://api.openai.com");
            assertThat(llm.openai().model()).isEqualTo("gpt-4o-mini");
            assertThat(llm.timeout()).hasSeconds(5);
            assertThat(llm.maxAttempts()).isEqualTo(2);
            assertThat(llm.toString()).doesNotContain("sk-test");
        });
    }

    @Test
    void shouldReadTheProviderWhateverItsCase() {
        runner.withPropertyValues("waqup.llm.provider=OpenAI", "waqup.llm.openai.api-key=sk-test")
                .run(context -> assertThat(context.getBean(SlotExtractor.class)).isInstanceOf(LlmSlotExtractor.class));
    }

    @Test
    void shouldRegisterTheLlmExtractorForAnthropic() {
        runner.withPropertyValues("waqup.llm.provider=anthropic", "waqup.llm.anthropic.api-key=sk-ant-test").run(context -> {
            assertThat(context.getBean(SlotExtractor.class)).isInstanceOf(LlmSlotExtractor.class);
            LlmProperties llm = context.getBean(LlmProperties.class);
            assertThat(llm.anthropic().model()).isEqualTo("claude-3-5-haiku-latest");
            assertThat(llm.anthropic().version()).isEqualTo("2023-06-01");
            assertThat(llm.toString()).doesNotContain("sk-ant-test");
        });
    }

    @Test
    void shouldWinOverTheLexiconBeanWhicheverConfigurationIsReadFirst() {
        runner.withUserConfiguration(LexiconFallback.class)
                .withPropertyValues("waqup.llm.provider=openai", "waqup.llm.openai.api-key=sk-test")
                .run(context -> assertThat(context.getBean(SlotExtractor.class)).isInstanceOf(LlmSlotExtractor.class));
        new ApplicationContextRunner()
                .withUserConfiguration(LexiconFallback.class, LlmConfiguration.class)
                .withBean(RestClient.Builder.class, RestClient::builder)
                .withPropertyValues("waqup.llm.provider=anthropic", "waqup.llm.anthropic.api-key=sk-ant-test")
                .run(context -> assertThat(context.getBean(SlotExtractor.class)).isInstanceOf(LlmSlotExtractor.class));
    }

    @Test
    void shouldRefuseToStartWithAVendorButNoKey() {
        runner.withPropertyValues("waqup.llm.provider=openai").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("OPENAI_API_KEY");
        });
        runner.withPropertyValues("waqup.llm.provider=anthropic", "waqup.llm.anthropic.api-key= ").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ANTHROPIC_API_KEY");
        });
    }

    @Test
    void shouldRefuseAnUnknownProvider() {
        runner.withPropertyValues("waqup.llm.provider=gemini").run(context -> assertThat(context).hasFailed());
    }

    /** Like ConversationConfiguration's lexicon bean. */
    @Configuration(proxyBeanMethods = false)
    static class LexiconFallback {

        @Bean
        @ConditionalOnMissingBean(SlotExtractor.class)
        SlotExtractor lexiconExtractor() {
            return new LexiconExtractor();
        }
    }
}
