package com.waqup.audio.job;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/**
 * How the worker reads a database that fails under it. A commit that cannot complete (Postgres restarting while the job
 * is being completed) surfaces as a {@link TransactionSystemException}, not a {@code DataAccessException}: it is the
 * database being out of reach, retried like one, never the job's own failure.
 */
class AudioWorkerTest {

    private final AudioJobs jobs = mock(AudioJobs.class);
    private final AudioPipeline pipeline = mock(AudioPipeline.class);
    private final LeaseKeeper leases = mock(LeaseKeeper.class);
    private final AudioWorker worker = new AudioWorker(jobs, pipeline,
            new AudioWorkProperties(1, 3, Duration.ofMillis(1), null, null, null, null), leases);

    private final UUID id = UUID.randomUUID();
    private final AudioRequested request = new AudioRequested(id, id, UUID.randomUUID(), 1, "affirmation", null, null, null, null, 60.0,
            List.of(new AudioRequested.Segment(0, "I am calm.", 1.0)));
    private final AudioEvents.AudioCompleted done = new AudioEvents.AudioCompleted(id, id, request.userId(), 1, "audio/x.mp3", "bucket",
            "mp3", "audio/mpeg", 60, 128, 44100, 1000, -16, -1, new AudioEvents.VoiceRef("v", "Voice", "festival"), List.of());

    @Test
    void shouldRetryTheCompletionWhenItsCommitFails() throws Exception {
        UUID owner = claimedAndRendered();
        when(jobs.complete(eq(request), eq(owner), eq(done), anyString(), anyLong()))
                .thenThrow(new TransactionSystemException("Could not commit JDBC transaction"))
                .thenReturn(true);

        worker.handle(request);

        verify(jobs, times(2)).complete(eq(request), eq(owner), eq(done), anyString(), anyLong());
        verify(jobs, never()).fail(any(), any(), any(), any());
    }

    @Test
    void shouldLeaveTheJobToRedeliveryWhenCommitsKeepFailing() throws Exception {
        UUID owner = claimedAndRendered();
        when(jobs.complete(eq(request), eq(owner), eq(done), anyString(), anyLong()))
                .thenThrow(new TransactionSystemException("Could not commit JDBC transaction"));

        assertThatThrownBy(() -> worker.handle(request)).isInstanceOf(TransactionSystemException.class);

        verify(jobs, times(3)).complete(eq(request), eq(owner), eq(done), anyString(), anyLong());
        verify(jobs, never()).fail(any(), any(), any(), any());
        verify(jobs).release(request, owner);
    }

    /** This worker claims the job, renders it and keeps its lease; what completing it does is the test's. */
    private UUID claimedAndRendered() throws Exception {
        UUID owner = UUID.randomUUID();
        when(jobs.claim(request)).thenReturn(new AudioJobs.Claimed(owner, 1));
        when(pipeline.run(request, owner)).thenReturn(done);
        when(jobs.renew(request, owner)).thenReturn(true);
        return owner;
    }
}
