package com.waqup.common.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import software.amazon.awssdk.services.s3.S3Client;

/** Readiness of the object store: the service's bucket answers a HEAD request (component {@code s3}). */
public class StorageHealthIndicator extends AbstractHealthIndicator {

    private final S3Client s3;
    private final String bucket;

    public StorageHealthIndicator(S3Client s3, String bucket) {
        super("object store check failed");
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        s3.headBucket(b -> b.bucket(bucket));
        builder.up().withDetail("bucket", bucket);
    }
}
