package com.waqup.generation.job;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface GenerationJobRepository extends JpaRepository<GenerationJob, UUID> {

    Optional<GenerationJob> findBySessionId(String sessionId);

    /** A person's own job; someone else's is as absent as an unknown one. */
    Optional<GenerationJob> findByIdAndUserId(UUID id, UUID userId);

    /**
     * The oldest queued job created after {@code notBefore}, locked for the caller's transaction; a job another
     * worker holds is skipped, so several workers (threads or instances) never take the same job.
     */
    @Query(value = """
            select * from generation_job
             where status = 'queued' and settlement is null and created_at > :notBefore
             order by created_at
             limit 1
             for update skip locked""", nativeQuery = true)
    List<GenerationJob> lockOldestQueued(@Param("notBefore") Instant notBefore);

    /** Jobs waiting for credit-service (a capture or a release), oldest first. */
    @Query("select j.id from GenerationJob j where j.settlement is not null order by j.updatedAt")
    List<UUID> findSettling(Pageable page);

    /** Jobs in {@code status}, not settling, last changed before {@code before} (writers that died). */
    @Query("select j.id from GenerationJob j where j.status = :status and j.settlement is null and j.updatedAt < :before")
    List<UUID> findUnchangedSince(@Param("status") JobStatus status, @Param("before") Instant before, Pageable page);

    /** Running jobs, not settling, created before {@code before} (past their deadline). */
    @Query("select j.id from GenerationJob j where j.status in :statuses and j.settlement is null and j.createdAt < :before")
    List<UUID> findCreatedBefore(@Param("statuses") Collection<JobStatus> statuses, @Param("before") Instant before,
            Pageable page);
}
