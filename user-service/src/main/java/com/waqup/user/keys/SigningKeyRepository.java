package com.waqup.user.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SigningKeyRepository extends JpaRepository<SigningKey, String> {

    @Query("select k from SigningKey k where k.retiredAt is null")
    Optional<SigningKey> findActive();

    /** The active key and the retired ones that may still have tokens in circulation. */
    @Query("select k from SigningKey k where k.retiredAt is null or k.retiredAt > :since order by k.createdAt desc")
    List<SigningKey> findPublishable(Instant since);
}
