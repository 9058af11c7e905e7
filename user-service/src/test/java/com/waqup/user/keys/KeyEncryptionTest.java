package com.waqup.user.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    static String key(String id) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return id + ":" + Base64.getEncoder().encodeToString(bytes);
    }

    static final byte[] SECRET = "a private key's PKCS#8 bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldSealWithTheFirstKeyAndOpenOnlyWithItsKeyAndKid() {
        String k1 = key("k1");
        KeyEncryption encryption = KeyEncryption.parse(k1 + "," + key("k0"));
        KeyEncryption.Sealed sealed = encryption.seal("kid-1", SECRET);

        assertThat(sealed.kekId()).isEqualTo("k1");
        assertThat(Base64.getDecoder().decode(sealed.ciphertext())).as("not the plaintext").isNotEqualTo(SECRET);
        assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext()), StandardCharsets.ISO_8859_1))
                .doesNotContain("PKCS#8");
        assertThat(encryption.open("kid-1", sealed)).isEqualTo(SECRET);
        assertThat(KeyEncryption.parse(k1).open("kid-1", sealed)).as("the same key alone").isEqualTo(SECRET);

        assertThatThrownBy(() -> encryption.open("kid-2", sealed)).as("bound to its kid").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> KeyEncryption.parse(key("k1")).open("kid-1", sealed)).as("another key under the same id")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> KeyEncryption.parse(key("k9")).open("kid-1", sealed)).as("its key not listed")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'k1'");
        byte[] altered = Base64.getDecoder().decode(sealed.ciphertext());
        altered[altered.length - 1] ^= 1;
        KeyEncryption.Sealed tampered = new KeyEncryption.Sealed(Base64.getEncoder().encodeToString(altered),
                sealed.wrappedDataKey(), sealed.kekId());
        assertThatThrownBy(() -> encryption.open("kid-1", tampered)).as("altered").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRewrapOnlyTheDataKeyUnderTheNewFirstKey() {
        String old = key("k1");
        String fresh = key("k2");
        KeyEncryption.Sealed underOld = KeyEncryption.parse(old).seal("kid-1", SECRET);

        KeyEncryption.Sealed rewrapped = KeyEncryption.parse(fresh + "," + old).rewrap("kid-1", underOld);

        assertThat(rewrapped.kekId()).isEqualTo("k2");
        assertThat(rewrapped.ciphertext()).as("the private key's ciphertext is untouched").isEqualTo(underOld.ciphertext());
        assertThat(rewrapped.wrappedDataKey()).isNotEqualTo(underOld.wrappedDataKey());
        assertThat(KeyEncryption.parse(fresh).open("kid-1", rewrapped)).as("the old key is no longer needed").isEqualTo(SECRET);
    }

    @Test
    void shouldRefuseAMissingOrMalformedKeyListNamingTheVariable() {
        assertThatThrownBy(() -> KeyEncryption.parse("")).hasMessageContaining("SIGNING_KEY_ENCRYPTION_KEYS is not set");
        assertThatThrownBy(() -> KeyEncryption.parse("nokey")).hasMessageContaining("id:base64");
        assertThatThrownBy(() -> KeyEncryption.parse("k1:c2hvcnQ=")).hasMessageContaining("not 32");
        assertThatThrownBy(() -> KeyEncryption.parse("k1:@@@")).hasMessageContaining("not base64");
        String k = key("k1");
        assertThatThrownBy(() -> KeyEncryption.parse(k + "," + k)).hasMessageContaining("twice");
    }
}
