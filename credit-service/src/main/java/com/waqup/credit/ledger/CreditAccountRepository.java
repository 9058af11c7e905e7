package com.waqup.credit.ledger;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface CreditAccountRepository extends JpaRepository<CreditAccount, UUID> {

    /** Creates the account if it does not exist yet (safe under concurrency). */
    @Modifying
    @Query(value = "insert into credit_account (user_id, created_at) values (:userId, :now) on conflict do nothing",
            nativeQuery = true)
    void createIfAbsent(UUID userId, Instant now);

    /** Loads and row-locks the account until the transaction ends: the per-person serialization point. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from CreditAccount a where a.userId = :userId")
    Optional<CreditAccount> lock(UUID userId);

    /** Like {@link #lock} but gives up at once if someone else holds the lock (the sweeper never waits). */
    @Query(value = "select * from credit_account where user_id = :userId for update skip locked", nativeQuery = true)
    Optional<CreditAccount> lockIfFree(UUID userId);
}
