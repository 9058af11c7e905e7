package com.waqup.user.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.outbox.IntegrationEvents;
import com.waqup.user.account.Account;
import com.waqup.user.account.AccountRepository;
import com.waqup.user.config.IdentityProperties;
import com.waqup.user.keys.TokenIssuer;
import com.waqup.user.tier.PaidTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registration, login, refresh-token rotation and logout. */
@Service
class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);
    private static final Logger security = LoggerFactory.getLogger("waqup.security");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountRepository accounts;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final TokenIssuer issuer;
    private final PaidTier paidTier;
    private final IntegrationEvents events;
    private final IdentityProperties properties;
    private final Clock clock;
    /** Compared against when the email is unknown, so both failures cost the same time. */
    private final String dummyHash;

    AuthService(AccountRepository accounts, RefreshTokenRepository refreshTokens, PasswordEncoder passwords,
            PasswordPolicy policy, LoginThrottle throttle, TokenIssuer issuer, IntegrationEvents events,
            IdentityProperties properties, Clock clock, PaidTier paidTier) {
        this.paidTier = paidTier;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.passwords = passwords;
        this.policy = policy;
        this.throttle = throttle;
        this.issuer = issuer;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.dummyHash = passwords.encode("dummy-password-for-timing-" + UUID.randomUUID());
    }

    record Session(Account account, String accessToken, String refreshToken) {
    }

    @Transactional
    public Session register(String email, String password) {
        String normalized = Account.normalizeEmail(email);
        policy.check(password, normalized);
        if (accounts.existsByEmail(normalized)) {
            throw emailTaken();
        }
        Account account;
        try {
            account = accounts.saveAndFlush(Account.register(normalized, passwords.encode(password), clock.instant()));
        } catch (DataIntegrityViolationException raced) {
            throw emailTaken();
        }
        events.publish(UserRegistered.TYPE, new UserRegistered(account.id(), account.createdAt()));
        log.info("account {} registered", account.id());
        return startSession(account);
    }

    @Transactional
    public Session login(String email, String password, String ip) {
        String normalized = Account.normalizeEmail(email);
        throttle.checkAllowed(normalized, ip);
        Optional<Account> found = accounts.findByEmail(normalized);
        boolean matches = passwords.matches(password, found.map(Account::passwordHash).orElse(dummyHash));
        if (found.isEmpty() || !matches) {
            throttle.recordFailure(normalized, ip);
            security.info("login failed for an account hash {} from {}", Hashes.sha256(normalized).substring(0, 12), ip);
            throw new DomainException(ErrorKind.UNAUTHENTICATED, "INVALID_CREDENTIALS", "The email or password is incorrect");
        }
        throttle.recordSuccess(normalized, ip);
        return startSession(found.get());
    }

    record Rotated(String accessToken, String refreshToken) {
    }

    /** Rotates a refresh token; a token that was already rotated revokes its whole family (it leaked). */
    @Transactional(noRollbackFor = DomainException.class)
    public Rotated refresh(String rawRefreshToken) {
        Instant now = clock.instant();
        RefreshToken token = refreshTokens.findForUpdate(Hashes.sha256(rawRefreshToken)).orElseThrow(AuthService::invalidRefresh);
        if (token.revoked()) {
            throw invalidRefresh();
        }
        if (token.rotated()) {
            int revoked = refreshTokens.revokeFamily(token.familyId(), now, "reuse_detected");
            security.warn("SECURITY refresh token reuse detected: user {} family {} revoked ({} tokens)",
                    token.userId(), token.familyId(), revoked);
            throw new DomainException(ErrorKind.UNAUTHENTICATED, "REFRESH_TOKEN_REUSED",
                    "This refresh token was already used; sign in again");
        }
        if (token.expiredAt(now)) {
            throw new DomainException(ErrorKind.UNAUTHENTICATED, "REFRESH_TOKEN_EXPIRED", "The session has expired; sign in again");
        }
        Account account = accounts.findById(token.userId()).orElseThrow(AuthService::invalidRefresh);
        token.markRotated(now);
        String next = newRefreshToken(token.familyId(), account.id(), now);
        return new Rotated(accessToken(account), next);
    }

    /** Ends the session the refresh token belongs to, if it is the caller's; silent otherwise. */
    @Transactional
    public void logout(UUID userId, String rawRefreshToken) {
        refreshTokens.findForUpdate(Hashes.sha256(rawRefreshToken)).filter(t -> t.userId().equals(userId))
                .ifPresent(t -> refreshTokens.revokeFamily(t.familyId(), clock.instant(), "logout"));
    }

    String accessToken(Account account) {
        return issuer.accessToken(account.id(), List.copyOf(account.roles()), paidTier.tierOf(account.id(), account.tier()));
    }

    private Session startSession(Account account) {
        String refresh = newRefreshToken(UUID.randomUUID(), account.id(), clock.instant());
        return new Session(account, accessToken(account), refresh);
    }

    private String newRefreshToken(UUID family, UUID userId, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        refreshTokens.save(RefreshToken.issue(family, userId, Hashes.sha256(raw), now, now.plus(properties.refreshTokenTtl())));
        return raw;
    }


    private static DomainException emailTaken() {
        return new DomainException(ErrorKind.CONFLICT, "EMAIL_TAKEN", "An account with this email already exists",
                Map.of("fields", Map.of("email", "is already registered")));
    }

    private static DomainException invalidRefresh() {
        return new DomainException(ErrorKind.UNAUTHENTICATED, "INVALID_REFRESH_TOKEN", "The refresh token is not valid");
    }
}
