package com.waqup.user.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.waqup.common.error.DomainException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * At least 10 characters (bean validation), at most 128, not one of the commonly used passwords shipped in
 * {@code common-passwords.txt}, and not built from the account's own email name.
 */
@Component
class PasswordPolicy {

    private final Set<String> common = new HashSet<>();

    PasswordPolicy() throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> common.add(l.toLowerCase(Locale.ROOT)));
        }
    }

    void check(String password, String normalizedEmail) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            throw weak("is too common; choose a less guessable password");
        }
        String name = normalizedEmail.substring(0, Math.max(0, normalizedEmail.indexOf('@')));
        if (name.length() >= 4 && lower.contains(name)) {
            throw weak("must not contain your email name");
        }
        if (password.chars().distinct().count() < 4) {
            throw weak("uses too few different characters");
        }
    }

    int size() {
        return common.size();
    }

    private static DomainException weak(String reason) {
        return DomainException.invalid("WEAK_PASSWORD", "The password is too weak",
                Map.of("fields", Map.of("password", reason)));
    }
}
