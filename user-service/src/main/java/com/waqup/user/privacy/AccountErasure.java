package com.waqup.user.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.outbox.IntegrationEvents;
import com.waqup.common.privacy.ErasedUsers;
import com.waqup.common.privacy.UserDeleted;
import com.waqup.common.privacy.UserDeletionRequested;
import com.waqup.user.account.Account;
import com.waqup.user.account.AccountRepository;
import com.waqup.user.profile.ProfileService;

/**
 * Erasing an account (docs/privacy.md): re-authentication with the password, every access token revoked, the account
 * and its sessions deleted at once (login and refresh fail from then on), and {@code user.deletion_requested} sent
 * to every service that holds personal data; each confirms with {@code user.deleted.{service}}.
 */
@Service
public class AccountErasure {

    private static final Logger log = LoggerFactory.getLogger(AccountErasure.class);

    private final AccountRepository accounts;
    private final PasswordEncoder passwords;
    private final RevokedTokens revoked;
    private final ProfileService profiles;
    private final IntegrationEvents events;
    private final JdbcTemplate jdbc;
    private final List<String> participants;
    private final Clock clock;

    AccountErasure(AccountRepository accounts, PasswordEncoder passwords, RevokedTokens revoked, ProfileService profiles,
            IntegrationEvents events, JdbcTemplate jdbc, PrivacyProperties properties, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.revoked = revoked;
        this.profiles = profiles;
        this.events = events;
        this.jdbc = jdbc;
        this.participants = List.copyOf(new TreeSet<>(properties.participants()));
        this.clock = clock;
    }

    public record Requested(UUID userId, Instant requestedAt, List<String> pendingServices) {
    }

    @Transactional
    public Requested request(UUID userId, String password) {
        Account account = accounts.findById(userId)
                .orElseThrow(() -> DomainException.notFound("USER_NOT_FOUND", "The account does not exist"));
        if (password == null || !passwords.matches(password, account.passwordHash())) {
            throw new DomainException(ErrorKind.UNAUTHENTICATED, "INVALID_CREDENTIALS", "The password is incorrect");
        }
        Instant now = clock.instant();
        try {
            // first: if this fails nothing is deleted; if the transaction fails after it, the person is only logged out
            revoked.revokeAllIssuedBefore(userId, now);
        } catch (DataAccessException e) {
            log.warn("cannot revoke the access tokens of {}: {}", userId, e.toString());
            throw new DomainException(ErrorKind.UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "The account cannot be deleted right now; please try again shortly").retryAfter(Duration.ofSeconds(5));
        }
        accounts.delete(account); // roles and refresh tokens go with it (ON DELETE CASCADE)
        jdbc.update("delete from paid_access where user_id = ?", userId); // the payments behind the paid tier
        accounts.flush();
        profiles.forget(userId);
        jdbc.update("insert into account_deletion (id, user_hash, requested_at, pending, completed_at) values (?, ?, ?, ?, ?)",
                UUID.randomUUID(), hash(userId), Timestamp.from(now), participants.toArray(String[]::new),
                participants.isEmpty() ? Timestamp.from(now) : null);
        events.publish(UserDeletionRequested.TYPE, new UserDeletionRequested(userId, now));
        log.info("account erasure requested; waiting for {}", participants);
        return new Requested(userId, now, participants);
    }

    /** One service confirmed; the request is complete when none is pending. Idempotent. */
    @Transactional
    public void confirmed(UserDeleted confirmation) {
        String service = confirmation.service();
        int updated = jdbc.update("""
                update account_deletion
                   set pending = array_remove(pending, ?),
                       confirmations = confirmations || jsonb_build_object(?::text, jsonb_build_object(
                           'deleted_at', ?::text, 'rows_deleted', ?::bigint, 'objects_deleted', ?::bigint)),
                       completed_at = coalesce(completed_at, case when cardinality(array_remove(pending, ?)) = 0 then now() end)
                 where user_hash = ?""",
                service, service, String.valueOf(confirmation.deletedAt()), confirmation.rowsDeleted(),
                confirmation.objectsDeleted(), service, hash(confirmation.userId()));
        if (updated == 0) {
            log.warn("user.deleted.{} for an erasure that was never requested here", service);
            return;
        }
        Map<String, Object> state = jdbc.queryForMap("select cardinality(pending) as pending, completed_at from account_deletion where user_hash = ?",
                hash(confirmation.userId()));
        log.info("erasure confirmed by {} ({} rows, {} objects); {} service(s) pending", service,
                confirmation.rowsDeleted(), confirmation.objectsDeleted(), state.get("pending"));
    }

    /** The receipt of an erasure, found by the person's id (operators and tests); empty when never requested. */
    public Optional<AccountDeletion> find(UUID userId) {
        return jdbc.query("select id, user_hash, requested_at, pending, completed_at from account_deletion where user_hash = ?",
                (rs, i) -> new AccountDeletion(rs.getObject("id", UUID.class), rs.getString("user_hash"),
                        rs.getTimestamp("requested_at").toInstant(),
                        new ArrayList<>(List.of((String[]) rs.getArray("pending").getArray())),
                        rs.getTimestamp("completed_at") == null ? null : rs.getTimestamp("completed_at").toInstant()),
                hash(userId)).stream().findFirst();
    }

    static String hash(UUID userId) {
        return ErasedUsers.hash(userId);
    }
}
