package com.waqup.library.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Signing is local (SigV4 over the request): no bucket is needed to check which URL is handed out when. */
class AudioStorageTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T20:00:00Z"));
    final S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create("http://127.0.0.1:9000"))
            .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    final AudioStorage storage = new AudioStorage(null, presigner, "audio-bucket", Duration.ofHours(1), new Clock() {
        public Instant instant() {
            return now.get();
        }

        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(ZoneId zone) {
            return this;
        }
    });

    @AfterEach
    void close() {
        presigner.close();
    }

    @Test
    void shouldHandOutTheSameSignedUrlForATwelfthOfItsValidityThenSignANewOne() {
        AudioStorage.SignedUrl first = storage.signedGet("audio/u/c/1.mp3");
        assertThat(first.url().toString()).contains("X-Amz-Signature=").contains("X-Amz-Expires=3600").contains("/audio-bucket/audio/u/c/1.mp3");
        assertThat(first.expiresAt()).isEqualTo(Instant.parse("2026-11-27T21:00:00Z"));

        now.set(now.get().plus(Duration.ofMinutes(4)));
        assertThat(storage.signedGet("audio/u/c/1.mp3")).as("still 56 minutes left: reused").isEqualTo(first);
        assertThat(storage.signedGet("audio/u/c/2.mp3").url()).as("another object, another URL").isNotEqualTo(first.url());

        now.set(now.get().plus(Duration.ofMinutes(2)));
        AudioStorage.SignedUrl renewed = storage.signedGet("audio/u/c/1.mp3");
        assertThat(renewed.expiresAt()).as("signed again: a full hour from now").isEqualTo(Instant.parse("2026-11-27T21:06:00Z"));
    }
}
