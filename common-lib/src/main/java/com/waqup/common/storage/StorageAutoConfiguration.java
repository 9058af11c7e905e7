package com.waqup.common.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An {@link S3Client} and {@link S3Presigner} (AWS SDK v2) for services that have the S3 SDK on their class path,
 * configured from {@link StorageProperties}, plus the {@code s3} readiness component (the bucket is reachable).
 * Only for services that name their bucket ({@code waqup.s3.bucket}): the SDK on a class path alone (a test's) is not
 * a reason to depend on the object store.
 */
@AutoConfiguration
@ConditionalOnClass(S3Client.class)
@ConditionalOnProperty(prefix = "waqup.s3", name = "bucket")
@EnableConfigurationProperties(StorageProperties.class)
public class StorageAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Client s3Client(StorageProperties properties) {
        var builder = S3Client.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials(properties))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(properties.pathStyle()).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(properties.apiTimeout()).build());
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    S3Presigner s3Presigner(StorageProperties properties) {
        var builder = S3Presigner.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials(properties))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(properties.pathStyle()).build());
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    @Bean(name = "s3HealthIndicator")
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    StorageHealthIndicator s3HealthIndicator(S3Client s3, StorageProperties properties) {
        return new StorageHealthIndicator(s3, properties.bucket());
    }

    /** Local and test set-ups: make sure the bucket exists once the context is up (never fails the start). */
    @Bean
    SmartInitializingSingleton s3BucketInitializer(S3Client s3, StorageProperties properties) {
        return () -> {
            if (!properties.createBucket()) {
                return;
            }
            try {
                s3.headBucket(b -> b.bucket(properties.bucket()));
            } catch (NoSuchBucketException missing) {
                try {
                    s3.createBucket(b -> b.bucket(properties.bucket()));
                    log.info("created bucket {}", properties.bucket());
                } catch (BucketAlreadyOwnedByYouException raced) {
                    // another instance created it
                } catch (RuntimeException e) {
                    log.warn("could not create bucket {}: {}", properties.bucket(), e.toString());
                }
            } catch (RuntimeException e) {
                log.warn("object store not reachable at start-up ({}); readiness reports it", e.toString());
            }
        };
    }

    private static AwsCredentialsProvider credentials(StorageProperties properties) {
        return properties.hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()))
                : DefaultCredentialsProvider.builder().build();
    }
}
