package com.waqup.credit.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface CreditHoldRepository extends JpaRepository<CreditHold, UUID> {

    Optional<CreditHold> findByJobId(UUID jobId);

    /**
     * Whose hold it is, without loading the hold: a hold loaded before the row lock would stay in the
     * persistence context with its old state, and the locking read would not refresh it.
     */
    @Query("select h.userId from CreditHold h where h.jobId = :jobId")
    Optional<UUID> findOwnerByJobId(UUID jobId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from CreditHold h where h.jobId = :jobId")
    Optional<CreditHold> lockByJobId(UUID jobId);

    @Query("select h.jobId from CreditHold h where h.status = 'open' and h.expiresAt <= :now order by h.expiresAt")
    List<UUID> findExpiredJobIds(Instant now, Limit limit);
}
