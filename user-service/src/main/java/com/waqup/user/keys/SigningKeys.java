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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RS256 keys tokens are signed with, shared by every user-service instance through the database. The
 * active key signs; on rotation it is retired but stays published (JWKS) for the access-token lifetime plus a
 * margin, so tokens it signed keep verifying until they expire. Instances re-read the keys every 30 s. Private halves
 * are stored encrypted ({@link KeyEncryption}); at start-up every row not sealed under the current key-encryption key
 * is sealed or re-wrapped ({@link #reseal()}).
 */
@Service
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration CACHE = Duration.ofSeconds(30);

    private final SigningKeyRepository repository;
    private final TransactionTemplate tx;
    private final IdentityProperties properties;
    private final Clock clock;
    private final KeyEncryption encryption;
    private volatile Snapshot snapshot;

    record Snapshot(RSAKey active, JWKSet published, Instant loadedAt) {
    }

    SigningKeys(SigningKeyRepository repository, TransactionTemplate tx, IdentityProperties properties, Clock clock,
            @Value("${waqup.identity.signing-key-encryption-keys:}") String encryptionKeys) {
        this.repository = repository;
        this.encryption = KeyEncryption.parse(encryptionKeys);
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

    /** At start-up: every key at rest sealed under the current key-encryption key. */
    @EventListener(ApplicationReadyEvent.class)
    void sealAtRest() {
        if (KeyEncryption.DEVELOPMENT_KEY_ID.equals(encryption.currentId())) {
            log.warn("signing keys are encrypted with the local development key-encryption key, which is public:"
                    + " set SIGNING_KEY_ENCRYPTION_KEYS anywhere but on a developer's machine (docs/identity.md)");
        }
        int changed = reseal();
        if (changed > 0) {
            log.info("{} signing key(s) sealed under key-encryption key {}", changed, encryption.currentId());
        }
    }

    /**
     * Seals rows from before encryption and re-wraps the data keys of rows under an older key-encryption key with the
     * current one; a row under a key no longer listed is left as it is (logged: a retired key whose tokens have
     * expired needs nothing but its public half). Returns how many rows changed.
     */
    int reseal() {
        return reseal(encryption);
    }

    /** {@link #reseal()} with the given keys (tests: a key list the service was not started with). */
    int reseal(KeyEncryption encryption) {
        Integer changed = tx.execute(status -> {
            int n = 0;
            for (SigningKey key : repository.findAll()) {
                if (encryption.currentId().equals(key.kekId())) {
                    continue;
                }
                if (key.kekId() == null) {
                    key.seal(encryption.seal(key.kid(), Base64.getDecoder().decode(key.plaintextPrivateKey())));
                } else if (encryption.knows(key.kekId())) {
                    key.seal(encryption.rewrap(key.kid(), key.sealed()));
                } else {
                    log.error("signing key {} is sealed under key-encryption key '{}', which SIGNING_KEY_ENCRYPTION_KEYS"
                            + " no longer lists: it cannot sign (its public half still verifies)", key.kid(), key.kekId());
                    continue;
                }
                n++;
            }
            return n;
        });
        snapshot = null;
        return changed == null ? 0 : changed;
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

    private SigningKey generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = UUID.randomUUID().toString();
            return new SigningKey(kid, encryption.seal(kid, pair.getPrivate().getEncoded()),
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), now);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    private RSAKey toJwk(SigningKey key, boolean withPrivate) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
            RSAKey.Builder builder = new RSAKey.Builder(publicKey).keyID(key.kid()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256);
            if (withPrivate) {
                byte[] pkcs8 = key.sealed() == null ? Base64.getDecoder().decode(key.plaintextPrivateKey())
                        : encryption.open(key.kid(), key.sealed());
                builder.privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
            }
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("unreadable signing key " + key.kid(), e);
        }
    }
}
