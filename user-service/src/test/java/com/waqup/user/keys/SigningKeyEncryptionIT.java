package com.waqup.user.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.ServiceITSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Signing keys at rest on the real PostgreSQL: sealed when made, legacy rows sealed, older key-encryption keys re-wrapped. */
class SigningKeyEncryptionIT extends ServiceITSupport {

    @Autowired
    SigningKeys keys;
    @Autowired
    JdbcTemplate jdbc;

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A retired key (no token in circulation) inserted as stored, removed again after the test. */
    String insertRetired(KeyPair pair, String privateKey, String wrapped, String kekId) {
        String kid = "test-" + UUID.randomUUID();
        Instant longAgo = Instant.now().minus(400, ChronoUnit.DAYS);
        jdbc.update("insert into signing_key (kid, private_key, public_key, created_at, retired_at, wrapped_data_key, kek_id)"
                + " values (?, ?, ?, ?, ?, ?, ?)", kid, privateKey, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                Timestamp.from(longAgo), Timestamp.from(longAgo.plusSeconds(60)), wrapped, kekId);
        return kid;
    }

    Map<String, Object> row(String kid) {
        return jdbc.queryForMap("select private_key, wrapped_data_key, kek_id from signing_key where kid = ?", kid);
    }

    @Test
    void shouldStoreTheActiveKeyEncryptedUnderTheConfiguredKey() {
        String kid = keys.active().getKeyID();
        Map<String, Object> stored = row(kid);
        assertThat(stored.get("kek_id")).isEqualTo(KeyEncryption.DEVELOPMENT_KEY_ID);
        assertThat(stored.get("wrapped_data_key")).isNotNull();
        byte[] atRest = Base64.getDecoder().decode((String) stored.get("private_key"));
        assertThatThrownBy(() -> java.security.KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(atRest)))
                .as("what the database holds is not a private key").isInstanceOf(Exception.class);
        assertThat(keys.active().isPrivate()).as("and it still signs").isTrue();
    }

    @Test
    void shouldSealARowFromBeforeEncryption() throws Exception {
        KeyPair pair = rsa();
        String plaintext = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        String kid = insertRetired(pair, plaintext, null, null);
        try {
            assertThat(keys.reseal()).isGreaterThanOrEqualTo(1);

            Map<String, Object> stored = row(kid);
            assertThat(stored.get("kek_id")).isEqualTo(KeyEncryption.DEVELOPMENT_KEY_ID);
            assertThat(stored.get("private_key")).isNotEqualTo(plaintext);
            KeyEncryption.Sealed sealed = new KeyEncryption.Sealed((String) stored.get("private_key"),
                    (String) stored.get("wrapped_data_key"), (String) stored.get("kek_id"));
            assertThat(KeyEncryption.parse(devKey()).open(kid, sealed)).isEqualTo(pair.getPrivate().getEncoded());
            assertThat(keys.reseal()).as("nothing left to seal").isZero();
        } finally {
            jdbc.update("delete from signing_key where kid = ?", kid);
        }
    }

    @Test
    void shouldRewrapARowUnderAnOlderKeyEncryptionKeySoThatTheOldKeyCanBeDropped() throws Exception {
        String old = KeyEncryptionTest.key("k1");
        String fresh = KeyEncryptionTest.key("k2");
        KeyPair pair = rsa();
        String kid = "test-" + UUID.randomUUID();
        KeyEncryption.Sealed underOld = KeyEncryption.parse(old).seal(kid, pair.getPrivate().getEncoded());
        jdbc.update("insert into signing_key (kid, private_key, public_key, created_at, retired_at, wrapped_data_key, kek_id)"
                + " values (?, ?, ?, now() - interval '400 days', now() - interval '399 days', ?, ?)", kid, underOld.ciphertext(),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), underOld.wrappedDataKey(), underOld.kekId());
        try {
            // step 1 of a key-encryption key change: the new key first, the old one still listed
            assertThat(keys.reseal(KeyEncryption.parse(fresh + "," + old))).isGreaterThanOrEqualTo(1);

            Map<String, Object> stored = row(kid);
            assertThat(stored.get("kek_id")).isEqualTo("k2");
            assertThat(stored.get("private_key")).as("only the data key was re-wrapped").isEqualTo(underOld.ciphertext());
            KeyEncryption.Sealed sealed = new KeyEncryption.Sealed((String) stored.get("private_key"),
                    (String) stored.get("wrapped_data_key"), (String) stored.get("kek_id"));
            // step 2: the old key dropped
            assertThat(KeyEncryption.parse(fresh).open(kid, sealed)).isEqualTo(pair.getPrivate().getEncoded());
        } finally {
            jdbc.update("delete from signing_key where kid = ?", kid);
        }
    }

    @Test
    void shouldLeaveARowUnderAKeyEncryptionKeyNoLongerListedAsItIs() throws Exception {
        // a key-encryption key the service does not list: its row is left as it is (logged), never broken
        KeyPair lost = rsa();
        KeyEncryption.Sealed underLost = KeyEncryption.parse(KeyEncryptionTest.key("gone")).seal("lost", lost.getPrivate().getEncoded());
        String lostKid = insertRetired(lost, underLost.ciphertext(), underLost.wrappedDataKey(), "gone");
        try {
            keys.reseal();
            assertThat(row(lostKid).get("kek_id")).isEqualTo("gone");
            assertThat(row(lostKid).get("private_key")).isEqualTo(underLost.ciphertext());
        } finally {
            jdbc.update("delete from signing_key where kid = ?", lostKid);
        }
    }

    static String devKey() {
        return KeyEncryption.DEVELOPMENT_KEY_ID + ":" + Base64.getEncoder().encodeToString(
                "waqup-local-development-only-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
