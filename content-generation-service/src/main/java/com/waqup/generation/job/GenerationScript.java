package com.waqup.generation.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The script a job's writer produced (table {@code generation_script}); written once, in the job's hand-off to audio. */
@Entity
@Table(name = "generation_script")
class GenerationScript {

    @Id
    @Column(name = "job_id")
    private UUID jobId;
    @Column(nullable = false)
    private String title;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String tags;
    @Column(nullable = false)
    private String depth;
    /** The {@code Script} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String structure;
    @Column(name = "plain_text", nullable = false)
    private String plainText;
    @Column(name = "voice_id")
    private String voiceId;
    @Column(nullable = false)
    private String writer;
    @Column(nullable = false)
    private int words;
    @Column(name = "estimated_seconds", nullable = false)
    private double estimatedSeconds;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected GenerationScript() {
    }

    GenerationScript(UUID jobId, String title, String tags, String depth, String structure, String plainText,
            String voiceId, String writer, int words, double estimatedSeconds, Instant createdAt) {
        this.jobId = jobId;
        this.title = title;
        this.tags = tags;
        this.depth = depth;
        this.structure = structure;
        this.plainText = plainText;
        this.voiceId = voiceId;
        this.writer = writer;
        this.words = words;
        this.estimatedSeconds = Math.round(estimatedSeconds * 10) / 10.0;
        this.createdAt = createdAt;
    }

    UUID jobId() {
        return jobId;
    }

    String title() {
        return title;
    }

    String tags() {
        return tags;
    }

    String depth() {
        return depth;
    }

    String structure() {
        return structure;
    }

    String plainText() {
        return plainText;
    }

    String voiceId() {
        return voiceId;
    }

    String writer() {
        return writer;
    }
}
