package com.waqup.generation.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class GenerationJobTest {

    static final Instant T0 = Instant.parse("2025-01-15T10:30:00Z");

    static GenerationJob queued() {
        return GenerationJob.queue("session-" + UUID.randomUUID(), UUID.randomUUID(), ContentType.RITUAL, 1, "{}", 35, T0);
    }

    @Test
    void shouldDeriveTheSameJobIdFromTheSameSessionAndDifferentIdsFromOthers() {
        assertThat(GenerationJob.idFor("abc")).isEqualTo(GenerationJob.idFor("abc"))
                .isNotEqualTo(GenerationJob.idFor("abd"));
        GenerationJob job = GenerationJob.queue("abc", UUID.randomUUID(), ContentType.AFFIRMATION, 1, "{}", 25, T0);
        assertThat(job.id()).isEqualTo(GenerationJob.idFor("abc"));
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.progress()).isZero();
        assertThat(job.createdAt()).isEqualTo(job.updatedAt()).isEqualTo(T0);
    }

    @Test
    void shouldGoFromQueuedThroughWritingAndVoicingToReady() {
        GenerationJob job = queued();
        job.startWriting(T0.plusSeconds(1));
        assertThat(job.status()).isEqualTo(JobStatus.WRITING);
        assertThat(job.reportProgress(20, T0.plusSeconds(2))).isTrue();
        job.startVoicing(T0.plusSeconds(3));
        assertThat(job.reportProgress(60, T0.plusSeconds(4))).isTrue();
        job.markReady(T0.plusSeconds(5));
        assertThat(job.status()).isEqualTo(JobStatus.READY);
        assertThat(job.progress()).isEqualTo(100);
        assertThat(job.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(job.failureReason()).isNull();
    }

    @Test
    void shouldRefuseToSkipOrRepeatAState() {
        GenerationJob job = queued();
        assertThatThrownBy(() -> job.startVoicing(T0)).isInstanceOf(GenerationJob.IllegalTransitionException.class)
                .hasMessageContaining("queued");
        assertThatThrownBy(() -> job.markReady(T0)).isInstanceOf(GenerationJob.IllegalTransitionException.class);
        job.startWriting(T0);
        assertThatThrownBy(() -> job.startWriting(T0)).isInstanceOf(GenerationJob.IllegalTransitionException.class);
        assertThatThrownBy(() -> job.markReady(T0)).isInstanceOf(GenerationJob.IllegalTransitionException.class);
        job.startVoicing(T0);
        job.markReady(T0);
        assertThatThrownBy(() -> job.startWriting(T0)).isInstanceOf(GenerationJob.IllegalTransitionException.class);
        assertThatThrownBy(() -> job.fail("late", T0)).as("ready is terminal")
                .isInstanceOf(GenerationJob.IllegalTransitionException.class);
        assertThat(job.status()).isEqualTo(JobStatus.READY);
    }

    @Test
    void shouldFailFromEveryStateThatIsNotTerminal() {
        GenerationJob queuedJob = queued();
        queuedJob.fail("script_failed", T0.plusSeconds(1));
        assertThat(queuedJob.status()).isEqualTo(JobStatus.FAILED);
        assertThat(queuedJob.failureReason()).isEqualTo("script_failed");

        GenerationJob writing = queued();
        writing.startWriting(T0);
        writing.fail("script_failed", T0);
        assertThat(writing.status()).isEqualTo(JobStatus.FAILED);

        GenerationJob voicing = queued();
        voicing.startWriting(T0);
        voicing.startVoicing(T0);
        voicing.reportProgress(40, T0);
        voicing.fail("audio_failed", T0);
        assertThat(voicing.status()).isEqualTo(JobStatus.FAILED);
        assertThat(voicing.progress()).as("the progress reached is kept").isEqualTo(40);

        assertThatThrownBy(() -> voicing.fail("again", T0)).as("failed is terminal")
                .isInstanceOf(GenerationJob.IllegalTransitionException.class);
        assertThatThrownBy(() -> voicing.startWriting(T0)).isInstanceOf(GenerationJob.IllegalTransitionException.class);
        assertThatThrownBy(() -> queued().fail(" ", T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldOnlyLetProgressGrowWhileTheJobRuns() {
        GenerationJob job = queued();
        assertThatThrownBy(() -> job.reportProgress(10, T0)).as("nothing runs yet")
                .isInstanceOf(GenerationJob.IllegalTransitionException.class);
        job.startWriting(T0);
        assertThat(job.reportProgress(30, T0)).isTrue();
        assertThat(job.reportProgress(10, T0.plusSeconds(9))).as("a late, lower report").isFalse();
        assertThat(job.progress()).isEqualTo(30);
        assertThat(job.updatedAt()).isEqualTo(T0);
        assertThatThrownBy(() -> job.reportProgress(100, T0)).as("100 is ready").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> job.reportProgress(-1, T0)).isInstanceOf(IllegalArgumentException.class);
        job.startVoicing(T0);
        job.markReady(T0);
        assertThat(job.reportProgress(99, T0)).as("reports after the end are ignored").isFalse();
        assertThat(job.progress()).isEqualTo(100);
    }

    @Test
    void shouldRefuseAJobWithoutCostOrEstimate() {
        assertThatThrownBy(() -> GenerationJob.queue("s", UUID.randomUUID(), ContentType.RITUAL, 0, "{}", 30, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GenerationJob.queue("s", UUID.randomUUID(), ContentType.RITUAL, 1, "{}", 0, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static GenerationJob voicing() {
        GenerationJob job = queued();
        job.startWriting(T0);
        job.startVoicing(T0);
        return job;
    }

    @Test
    void shouldWaitForTheCaptureThenBeReadyAndLetTheFirstOutcomeWin() {
        GenerationJob job = voicing();
        assertThat(job.awaitCapture("{\"audio_key\": \"a\"}", T0)).isTrue();
        assertThat(job.settlement()).isEqualTo(Settlement.CAPTURE);
        assertThat(job.awaitRelease("TIMEOUT", "too late", T0)).as("the capture came first").isFalse();
        assertThat(job.awaitCapture("{}", T0)).as("a second audio.completed").isFalse();
        job.markReady(T0);
        assertThat(job.status()).isEqualTo(JobStatus.READY);
        assertThat(job.settlement()).isNull();
        assertThat(job.awaitRelease("TIMEOUT", "too late", T0)).as("ready is terminal").isFalse();
    }

    @Test
    void shouldWaitForTheReleaseThenFailWithThePendingReason() {
        GenerationJob job = voicing();
        assertThat(job.awaitRelease("TTS_FAILED", "The audio could not be produced", T0)).isTrue();
        assertThat(job.awaitCapture("{}", T0)).as("a late audio.completed").isFalse();
        assertThat(job.status()).as("still running until credit-service confirms").isEqualTo(JobStatus.VOICING);
        job.failAsPending(T0.plusSeconds(1));
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failureReason()).isEqualTo("The audio could not be produced");
        assertThat(job.failureCode()).isEqualTo("TTS_FAILED");
        assertThat(job.settlement()).isNull();
    }

    @Test
    void shouldFailInsteadOfCapturingAnExpiredHold() {
        GenerationJob job = voicing();
        assertThatThrownBy(() -> job.failInsteadOfCapture("HOLD_EXPIRED", "expired", T0))
                .isInstanceOf(GenerationJob.IllegalTransitionException.class);
        job.awaitCapture("{}", T0);
        job.failInsteadOfCapture("HOLD_EXPIRED", "expired", T0);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failureCode()).isEqualTo("HOLD_EXPIRED");
    }

    @Test
    void shouldQueueAJobWhoseWriterDiedAndCountTheAttempts() {
        GenerationJob job = queued();
        job.startWriting(T0);
        job.reportProgress(10, T0);
        job.restartWriting(T0.plusSeconds(200));
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.progress()).as("progress never goes back").isEqualTo(10);
        job.startWriting(T0.plusSeconds(201));
        assertThat(job.writingAttempts()).isEqualTo(2);
        assertThatThrownBy(() -> voicing().restartWriting(T0)).isInstanceOf(GenerationJob.IllegalTransitionException.class);
    }
}
