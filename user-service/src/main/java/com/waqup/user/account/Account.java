package com.waqup.user.account;

import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.waqup.common.security.Roles;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A person's account: identity, credentials, roles, tier and preferences. */
@Entity
@Table(name = "app_user")
public class Account {

    @Id
    private UUID id;
    @Column(nullable = false)
    private String email;
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;
    @Column(nullable = false)
    private String tier;
    @Embedded
    private Preferences preferences;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role")
    private Set<String> roles = new HashSet<>();
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Account() {
    }

    public static Account register(String normalizedEmail, String passwordHash, Instant now) {
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.email = normalizedEmail;
        account.passwordHash = passwordHash;
        account.tier = "free";
        account.preferences = Preferences.defaults();
        account.roles.add(Roles.USER);
        account.createdAt = now;
        account.updatedAt = now;
        return account;
    }

    /** Emails are compared and stored trimmed and lower-cased. */
    public static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String tier() {
        return tier;
    }

    public Preferences preferences() {
        return preferences;
    }

    public Set<String> roles() {
        return Collections.unmodifiableSet(new TreeSet<>(roles));
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void updatePreferences(String voiceId, String pace, String tone, String language, String backgroundSound,
            String timeZone, Instant now) {
        preferences.merge(voiceId, pace, tone, language, backgroundSound, timeZone);
        updatedAt = now;
    }

    /** Adds the creator role; returns whether anything changed. */
    public boolean becomeCreator(Instant now) {
        boolean added = roles.add(Roles.CREATOR);
        if (added) {
            updatedAt = now;
        }
        return added;
    }

    /** Only for operators (see OperatorCommands); never reachable through the public API. */
    public boolean grantAdmin(Instant now) {
        boolean added = roles.add(Roles.ADMIN);
        if (added) {
            updatedAt = now;
        }
        return added;
    }

    public void changeTier(String newTier, Instant now) {
        if (!"free".equals(newTier) && !"paid".equals(newTier)) {
            throw new IllegalArgumentException("unknown tier " + newTier);
        }
        tier = newTier;
        updatedAt = now;
    }
}
