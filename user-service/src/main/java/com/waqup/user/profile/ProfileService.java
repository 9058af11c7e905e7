package com.waqup.user.profile;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.user.account.Account;
import com.waqup.user.account.AccountRepository;
import com.waqup.user.keys.TokenIssuer;
import com.waqup.user.tier.PaidTier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Reading and changing a person's own profile; the Redis copy is evicted after every committed change. */
@Service
public class ProfileService {

    private final AccountRepository accounts;
    private final ProfileCache cache;
    private final Clock clock;
    private final TokenIssuer tokens;
    private final PaidTier paidTier;

    ProfileService(AccountRepository accounts, ProfileCache cache, Clock clock, TokenIssuer tokens, PaidTier paidTier) {
        this.paidTier = paidTier;
        this.accounts = accounts;
        this.cache = cache;
        this.clock = clock;
        this.tokens = tokens;
    }

    /** A fresh access token carrying the profile's current roles and tier (after becoming a creator). */
    public String accessToken(ProfileView view) {
        return tokens.accessToken(view.id(), view.roles(), paidTier.tierOf(view.id(), view.tier()));
    }

    @Transactional(readOnly = true)
    public ProfileView get(UUID userId) {
        ProfileView cached = cache.get(userId).orElseGet(() -> {
            ProfileView view = ProfileView.of(account(userId));
            cache.put(view);
            return view;
        });
        return cached.withTier(paidTier.tierOf(userId, cached.tier()));
    }

    @Transactional
    public ProfileView updatePreferences(UUID userId, ProfileController.PreferencesUpdate update) {
        if (update.timeZone() != null) {
            try {
                ZoneId.of(update.timeZone());
            } catch (DateTimeException e) {
                throw DomainException.invalidField("preferences.time_zone", "must be an IANA time zone such as Europe/Paris");
            }
        }
        Account account = account(userId);
        account.updatePreferences(update.voiceId(), update.pace(), update.tone(), update.language(),
                update.backgroundSound(), update.timeZone(), clock.instant());
        evictAfterCommit(userId);
        return ProfileView.of(account);
    }

    @Transactional
    public ProfileView becomeCreator(UUID userId) {
        Account account = account(userId);
        if (account.becomeCreator(clock.instant())) {
            evictAfterCommit(userId);
        }
        return ProfileView.of(account);
    }

    private Account account(UUID userId) {
        return accounts.findById(userId)
                .orElseThrow(() -> DomainException.notFound("USER_NOT_FOUND", "The account does not exist"));
    }

    /** The account is being erased: its cached profile goes now and again after commit. */
    public void forget(UUID userId) {
        evictAfterCommit(userId);
    }

    /** Evict now and again after commit, so no reader can re-cache the old state in between. */
    private void evictAfterCommit(UUID userId) {
        cache.evict(userId);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.evict(userId);
            }
        });
    }

}
