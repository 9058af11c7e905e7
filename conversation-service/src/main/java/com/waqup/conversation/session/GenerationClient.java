package com.waqup.conversation.session;

import java.util.Map;
import java.util.UUID;

import com.waqup.common.client.InternalCallException;
import com.waqup.common.client.InternalClient;
import com.waqup.common.client.InternalClients;
import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Starts generation in content-generation-service ({@code POST /internal/generations}), which creates the job
 * and places the credit hold; idempotent by session there too. Short of credits: its 402 is passed on as is.
 */
@Component
public class GenerationClient {

    private static final Logger log = LoggerFactory.getLogger(GenerationClient.class);
    private final InternalClient generation;

    GenerationClient(InternalClients clients) {
        this.generation = clients.client("content-generation");
    }

    public record Started(UUID ritualId, int estimatedTime) {
    }

    private record StartGeneration(String sessionId, UUID userId, String contentType, Map<String, Object> request) {
    }

    /** The part of content-generation's answer this service reads. */
    private record Job(UUID ritualId, Integer estimatedTime) {
    }

    public Started start(String sessionId, UUID userId, String contentType, Map<String, Object> request) {
        Job job;
        try {
            job = generation.post(Job.class, "/internal/generations", new StartGeneration(sessionId, userId, contentType, request));
        } catch (InternalCallException e) {
            if (e.status() == HttpStatus.PAYMENT_REQUIRED.value()) {
                throw new DomainException(ErrorKind.INSUFFICIENT_FUNDS, "INSUFFICIENT_CREDITS",
                        e.errorMessage() != null ? e.errorMessage() : "Not enough credits", e.details());
            }
            log.warn("generation unavailable for session {}: {}", sessionId, e.getMessage());
            throw unavailable();
        }
        if (job == null || job.ritualId() == null) {
            throw unavailable();
        }
        return new Started(job.ritualId(), job.estimatedTime() != null ? job.estimatedTime() : 60);
    }

    private static DomainException unavailable() {
        return new DomainException(ErrorKind.UNAVAILABLE, "GENERATION_UNAVAILABLE",
                "Creation is unavailable right now; your session is kept, try again in a moment");
    }
}
