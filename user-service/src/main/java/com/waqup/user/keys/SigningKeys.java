package com.waqup.user.keys;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.waqup.user.config.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RS256 keys tokens are signed with, shared by every user-service instance through the database. The
 * active key signs; on rotation it is retired but stays published (JWKS) for the access-token lifetime plus a
 * margin, so tokens it signed keep verifying until they expire. Instances re-read the keys every 30 s.
 */
@Service
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration CACHE = Duration.ofSeconds(30);

    private final SigningKeyRepository repository;
    private final TransactionTemplate tx;
    private final IdentityProperties properties;
    private final Clock clock;
    private volatile Snapshot snapshot;

    record Snapshot(RSAKey active, JWKSet published, Instant loadedAt) {
    }

    SigningKeys(SigningKeyRepository repository, TransactionTemplate tx, IdentityProperties properties, Clock clock) {
        this.repository = repository;
        // its own transaction, never the caller's: a sign-up that loses the race to create the first key must not
        // have its own transaction aborted by the unique violation (it reads the winner's key instead)
        this.tx = new TransactionTemplate(Objects.requireNonNull(tx.getTransactionManager()));
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
        this.clock = clock;
    }

    /** The key that signs new tokens (with its {@code kid}). */
    public RSAKey active() {
        return current().active();
    }

    /** The public keys to verify with: the active one and recently retired ones. */
    public JWKSet published() {
        return current().published();
    }

    /** Retires the active key and activates a new one; returns the new {@code kid}. */
    public String rotate() {
        String kid = tx.execute(status -> {
            Instant now = clock.instant();
            repository.findActive().ifPresent(k -> k.retire(now));
            repository.flush();
            SigningKey fresh = generate(now);
            repository.saveAndFlush(fresh);
            return fresh.kid();
        });
        snapshot = null;
        log.info("signing key rotated, new kid {}", kid);
        return kid;
    }

    /** Rotates automatically when the active key is older than the configured interval. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void rotateWhenDue() {
        repository.findActive().filter(k -> k.createdAt().plus(properties.keyRotationInterval()).isBefore(clock.instant()))
                .ifPresent(k -> {
                    try {
                        rotate();
                    } catch (DataIntegrityViolationException raced) {
                        snapshot = null; // another instance rotated at the same moment
                    }
                });
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || s.loadedAt().plus(CACHE).isBefore(clock.instant())) {
            s = load();
            snapshot = s;
        }
        return s;
    }

    private Snapshot load() {
        SigningKey active = repository.findActive().orElseGet(this::createFirstKey);
        Instant since = clock.instant().minus(properties.accessTokenTtl()).minus(Duration.ofMinutes(5));
        List<JWK> published = repository.findPublishable(since).stream().map(k -> (JWK) toJwk(k, false)).toList();
        return new Snapshot(toJwk(active, true), new JWKSet(published), clock.instant());
    }

    /** Forgets the loaded keys (the next use reads them again); for operators' tools and tests. */
    void forget() {
        snapshot = null;
    }

    private synchronized SigningKey createFirstKey() {
        Optional<SigningKey> meanwhile = tx.execute(status -> repository.findActive());
        if (meanwhile.isPresent()) {
            return meanwhile.get();
        }
        try {
            return tx.execute(status -> repository.saveAndFlush(generate(clock.instant())));
        } catch (DataIntegrityViolationException raced) {
            return tx.execute(status -> repository.findActive()).orElseThrow(); // another instance created it first
        }
    }

    private static SigningKey generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder b64 = Base64.getEncoder();
            return new SigningKey(UUID.randomUUID().toString(), b64.encodeToString(pair.getPrivate().getEncoded()),
                    b64.encodeToString(pair.getPublic().getEncoded()), now);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    private static RSAKey toJwk(SigningKey key, boolean withPrivate) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
            RSAKey.Builder builder = new RSAKey.Builder(publicKey).keyID(key.kid()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256);
            if (withPrivate) {
                builder.privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key.privateKey()))));
            }
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("unreadable signing key " + key.kid(), e);
        }
    }
}
