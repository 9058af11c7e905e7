package com.waqup.credit.ledger;

import java.util.Collection;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface LedgerEntryRepository extends JpaRepository<LedgerEntry, UUID> {

    boolean existsByIdempotencyKey(String key);

    @Query("select e from LedgerEntry e where e.userId = :userId and e.type in :types order by e.createdAt desc, e.id desc")
    Page<LedgerEntry> findVisible(UUID userId, Collection<String> types, Pageable page);

    @Query("select coalesce(sum(e.amount), 0) from LedgerEntry e where e.userId = :userId")
    long sumOf(UUID userId);
}
