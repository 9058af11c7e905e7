package com.waqup.library.storage;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.waqup.common.storage.StorageProperties;
import com.waqup.library.config.LibraryProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The audio objects in the bucket ({@code audio/{user_id}/{content_id}/{version}.mp3}): time-limited GET URLs
 * (pre-signed, SigV4; the {@code Range} header is not signed, so players can seek and resume) and deletions.
 */
@Component
public class AudioStorage {

    /** A pre-signed GET URL and the moment it stops working. */
    public record SignedUrl(URI url, Instant expiresAt) {
    }

    private static final int MAX_REMEMBERED_URLS = 10_000;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration urlTtl;
    private final Duration urlReuse;
    private final Clock clock;
    private final Map<String, SignedUrl> signed = new ConcurrentHashMap<>();

    @Autowired
    AudioStorage(S3Client s3, S3Presigner presigner, StorageProperties storage, LibraryProperties properties) {
        this(s3, presigner, storage.bucket(), properties.audioUrlTtl());
    }

    /** Also for tests that need to point a storage at another (unreachable) endpoint. */
    public AudioStorage(S3Client s3, S3Presigner presigner, String bucket, Duration urlTtl) {
        this(s3, presigner, bucket, urlTtl, Clock.systemUTC());
    }

    AudioStorage(S3Client s3, S3Presigner presigner, String bucket, Duration urlTtl, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.urlTtl = urlTtl;
        this.urlReuse = urlTtl.dividedBy(12);
        this.clock = clock;
    }

    /**
     * A URL that lets anyone holding it GET the object (with Range) until its {@code expiresAt}, {@link #urlTtl()}
     * after it was signed. A URL signed less than a twelfth of the TTL ago is handed out again instead of signing a
     * new one (signing was ~18 % of a cached detail read's CPU, docs/performance.md), so every URL handed out is
     * valid for at least eleven twelfths of the TTL (55 of 60 minutes by default), and its real expiry is returned
     * with it. Nothing signed is ever handed out past its validity.
     */
    public SignedUrl signedGet(String key) {
        Instant now = clock.instant();
        SignedUrl remembered = signed.get(key);
        if (remembered != null && now.isBefore(remembered.expiresAt().minus(urlTtl).plus(urlReuse))) {
            return remembered;
        }
        URI url = URI.create(presigner.presignGetObject(p -> p.signatureDuration(urlTtl)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString());
        SignedUrl fresh = new SignedUrl(url, now.plus(urlTtl));
        if (signed.size() >= MAX_REMEMBERED_URLS) {
            signed.clear();
        }
        signed.put(key, fresh);
        return fresh;
    }

    /** {@link #signedGet(String)}'s URL. */
    public URI signedGetUrl(String key) {
        return signedGet(key).url();
    }

    public Duration urlTtl() {
        return urlTtl;
    }

    /**
     * Opens an object for streaming, optionally a byte range ({@code bytes=first-last}, passed to S3 as is).
     * The caller closes the stream.
     */
    public ResponseInputStream<GetObjectResponse> open(String key, String range) {
        return s3.getObject(g -> {
            g.bucket(bucket).key(key);
            if (range != null) {
                g.range(range);
            }
        });
    }

    /**
     * Copies an object inside the bucket (server-side) unless the target exists already: a pack's published version
     * is immutable, so a repeated copy never overwrites it. Returns the target's size in bytes.
     */
    public long copyIfAbsent(String sourceKey, String targetKey) {
        try {
            return s3.headObject(h -> h.bucket(bucket).key(targetKey)).contentLength();
        } catch (NoSuchKeyException e) {
            // not there yet: copy below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        s3.copyObject(c -> c.sourceBucket(bucket).sourceKey(sourceKey).destinationBucket(bucket).destinationKey(targetKey));
        return s3.headObject(h -> h.bucket(bucket).key(targetKey)).contentLength();
    }

    /** Deletes one object (deleting a missing object succeeds, as in S3). */
    public void deleteObject(String key) {
        s3.deleteObject(d -> d.bucket(bucket).key(key));
    }

    /** Deletes every object under a prefix; returns how many there were. Throws if any deletion failed. */
    public int deletePrefix(String prefix) {
        if (prefix == null || prefix.isBlank() || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("refusing to delete under prefix '" + prefix + "'");
        }
        int deleted = 0;
        List<String> keys;
        while (!(keys = listKeys(prefix)).isEmpty()) {
            for (int from = 0; from < keys.size(); from += 1000) {
                List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
                        .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
                DeleteObjectsResponse response = s3.deleteObjects(d -> d.bucket(bucket)
                        .delete(Delete.builder().objects(batch).quiet(true).build()));
                if (response.hasErrors() && !response.errors().isEmpty()) {
                    throw new IllegalStateException("S3 refused to delete " + response.errors().size() + " object(s) under "
                            + prefix + ", first: " + response.errors().getFirst().code());
                }
                deleted += batch.size();
            }
        }
        return deleted;
    }

    /** Every key under a prefix (all pages). */
    public List<String> listKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
            if (token != null) {
                request.continuationToken(token);
            }
            ListObjectsV2Response page = s3.listObjectsV2(request.build());
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return keys;
    }
}
