package com.waqup.common.storage;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The object store every service that keeps audio uses ({@code waqup.s3.*}). The defaults are the local
 * S3-compatible server that {@code ./waqup infra} starts (docs/infra.md); in production point
 * {@code endpoint} at real S3 (or leave it empty to use the SDK's regional endpoint) and give real credentials
 * (empty keys mean the SDK's default credential chain: instance profile, IRSA, environment).
 *
 * @param endpoint      the S3 API endpoint; empty = AWS's regional endpoint
 * @param region        the signing region
 * @param accessKey     static access key id; empty = default credential chain
 * @param secretKey     static secret key
 * @param bucket        the bucket holding {@code audio/{user_id}/{content_id}/{version}.mp3}
 * @param pathStyle     path-style addressing (needed by local servers)
 * @param createBucket  create the bucket at start-up when it is missing (local and test set-ups)
 * @param apiTimeout    overall timeout of one S3 API call
 */
@ConfigurationProperties("waqup.s3")
public record StorageProperties(URI endpoint, String region, String accessKey, String secretKey, String bucket,
        Boolean pathStyle, Boolean createBucket, Duration apiTimeout) {

    public StorageProperties {
        region = region == null || region.isBlank() ? "us-east-1" : region;
        bucket = bucket == null || bucket.isBlank() ? "waqup-audio" : bucket;
        pathStyle = pathStyle == null || pathStyle;
        createBucket = createBucket != null && createBucket;
        apiTimeout = apiTimeout == null ? Duration.ofSeconds(30) : apiTimeout;
        if (endpoint != null && endpoint.toString().isBlank()) {
            endpoint = null;
        }
    }

    boolean hasStaticCredentials() {
        return accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank();
    }
}
