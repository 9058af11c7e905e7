package com.waqup.library.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.library.LibraryITSupport;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** S3 deletions that fail are kept and retried until S3 confirms them: never a silent orphan. */
class StorageCleanupIT extends LibraryITSupport {

    @Autowired
    StorageCleanup cleanup;
    @Autowired
    AudioStorage storage;
    @Autowired
    S3Presigner presigner;
    @Autowired
    TransactionTemplate tx;

    /** A real S3 client pointed at a port nobody listens on: what an S3 outage looks like to the service. */
    static S3Client unreachableS3() {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(5)).build())
                .build();
    }

    @Test
    void shouldKeepAFailedDeletionPendingAndRetryItUntilTheObjectIsGone() {
        UUID user = UUID.randomUUID();
        UUID item = UUID.randomUUID();
        String key = audioKey(user, item, 1);
        upload(key);
        String prefix = "audio/" + user + "/" + item + "/";
        try (S3Client down = unreachableS3()) {
            StorageCleanup failing = new StorageCleanup(jdbc, new AudioStorage(down, presigner, BUCKET, Duration.ofHours(1)),
                    Clock.systemUTC());
            tx.executeWithoutResult(status -> failing.deleteAfterCommit(List.of(StorageCleanup.Target.object(key),
                    StorageCleanup.Target.prefix(prefix)), "test"));
        }
        List<Map<String, Object>> pending = jdbc.queryForList("select * from storage_cleanup where object_key in (?, ?)", key, prefix);
        assertThat(pending).hasSize(2);
        assertThat(pending).allSatisfy(row -> {
            assertThat(row.get("attempts")).isEqualTo(1);
            assertThat((String) row.get("last_error")).isNotBlank();
        });
        assertThat(keysUnder(prefix)).as("still there while S3 is down").containsExactly(key);

        jdbc.update("update storage_cleanup set next_attempt_at = now() where object_key in (?, ?)", key, prefix);
        assertThat(cleanup.retryDue()).isGreaterThanOrEqualTo(2);
        assertThat(keysUnder(prefix)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from storage_cleanup where object_key in (?, ?)", Integer.class, key, prefix))
                .isZero();
    }

    @Test
    void shouldRefuseToDeleteUnderAnEmptyOrUnterminatedPrefix() {
        for (String prefix : new String[] { "", "audio", "audio/x" }) {
            Assertions.assertThatThrownBy(() -> storage.deletePrefix(prefix))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
