package com.waqup.audio.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.waqup.common.storage.StorageProperties;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Puts rendered audio into the bucket ({@code waqup.s3.bucket}) through the AWS SDK v2. The key is a function of the
 * job ({@code audio/{user_id}/{content_id}/{version}.mp3}), so a re-rendered job overwrites its own object and
 * never leaves a second one.
 */
class AudioStorage {

    private final S3Client s3;
    private final StorageProperties storage;

    AudioStorage(S3Client s3, StorageProperties storage) {
        this.s3 = s3;
        this.storage = storage;
    }

    String bucket() {
        return storage.bucket();
    }

    static String key(AudioRequested r, String extension) {
        return "audio/" + r.userId() + "/" + r.contentId() + "/" + r.version() + "." + extension;
    }

    /** Deletes the objects; a failure is logged (a later erasure of the person's prefix removes them). */
    void delete(List<String> keys) {
        for (String key : keys) {
            try {
                s3.deleteObject(b -> b.bucket(storage.bucket()).key(key));
            } catch (SdkException e) {
                LoggerFactory.getLogger(AudioStorage.class).warn("could not delete {}: {}", key, e.getClass().getSimpleName());
            }
        }
    }

    void put(String key, Path file, String contentType, Map<String, String> metadata) throws JobFailure {
        try {
            s3.putObject(b -> b.bucket(storage.bucket()).key(key).contentType(contentType).metadata(metadata)
                    .cacheControl("private, max-age=31536000, immutable"), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new JobFailure(JobFailure.STORAGE_FAILED, "the audio could not be stored", true, e);
        }
    }
}
