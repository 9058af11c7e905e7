package com.waqup.audio.job;

import java.time.Clock;

import com.waqup.audio.render.AudioRenderer;
import com.waqup.audio.voice.VoiceRouter;
import com.waqup.common.amqp.ConsumerQueue;
import com.waqup.common.outbox.IntegrationEvents;
import com.waqup.common.storage.StorageProperties;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audio work queue: {@value #QUEUE} bound to {@code audio.requested} with its dead-letter queue, consumed by
 * its own container factory: the platform's JSON messages, {@code waqup.audio.work.concurrency} consumers,
 * prefetch 1 (a job is one message in flight per worker), no container-level retry (the worker retries what may pass
 * itself and publishes the outcome), rejected messages (a poison message at once) to the DLQ.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AudioWorkProperties.class)
class AudioWorkConfiguration {

    static final String QUEUE = "audio-generation.audio-requested";
    static final String LISTENER_ID = "audio-requested";
    static final String CONTAINER_FACTORY = "audioWorkContainerFactory";

    @Bean
    static Declarables audioRequestedQueue() {
        return ConsumerQueue.declare(QUEUE, AudioRequested.TYPE);
    }

    @Bean(CONTAINER_FACTORY)
    SimpleRabbitListenerContainerFactory audioWorkContainerFactory(ConnectionFactory connectionFactory, AudioWorkProperties props,
            MessageConverter json, ObjectProvider<ContainerCustomizer<SimpleMessageListenerContainer>> customizers) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        factory.setConnectionFactory(connectionFactory);
        factory.setMessageConverter(json);
        factory.setConcurrentConsumers(props.concurrency());
        factory.setMaxConcurrentConsumers(props.concurrency());
        factory.setPrefetchCount(1);
        factory.setDefaultRequeueRejected(false);
        factory.setMissingQueuesFatal(false);
        ContainerCustomizer<SimpleMessageListenerContainer> correlation = customizers.getIfAvailable();
        factory.setContainerCustomizer(container -> {
            container.setShutdownTimeout(props.shutdownTimeout().toMillis());
            if (correlation != null) {
                correlation.configure(container);
            }
        });
        return factory;
    }

    @Bean
    AudioJobs audioJobs(JdbcTemplate jdbc, IntegrationEvents events, AudioWorkProperties props, JsonMapper json) {
        return new AudioJobs(jdbc, events, Clock.systemUTC(), props.lease(), json);
    }

    @Bean
    AudioStorage audioStorage(S3Client s3, StorageProperties storage) {
        return new AudioStorage(s3, storage);
    }

    @Bean
    AudioPipeline audioPipeline(VoiceRouter tts, AudioRenderer renderer, AudioStorage storage, AudioJobs jobs,
            AudioWorkProperties props, MeterRegistry meters) {
        return new AudioPipeline(tts, renderer, storage, jobs, props.workPath(), meters);
    }

    @Bean(destroyMethod = "close")
    LeaseKeeper leaseKeeper(AudioJobs jobs, AudioWorkProperties props) {
        return new LeaseKeeper(jobs, props.lease().dividedBy(3));
    }

    @Bean
    AudioWorker audioWorker(AudioJobs jobs, AudioPipeline pipeline, AudioWorkProperties props, LeaseKeeper leases) {
        return new AudioWorker(jobs, pipeline, props, leases);
    }
}
