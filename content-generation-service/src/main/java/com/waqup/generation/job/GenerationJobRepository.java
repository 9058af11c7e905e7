package com.waqup.generation.job;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface GenerationJobRepository extends JpaRepository<GenerationJob, UUID> {

    Optional<GenerationJob> findBySessionId(String sessionId);

    /** A person's own job; someone else's is as absent as an unknown one. */
    Optional<GenerationJob> findByIdAndUserId(UUID id, UUID userId);
}
