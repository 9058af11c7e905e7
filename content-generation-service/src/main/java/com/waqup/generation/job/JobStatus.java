package com.waqup.generation.job;

import jakarta.persistence.Converter;

/**
 * Where a job is: {@code queued → writing → voicing → ready}, or {@code failed} from any state that is not
 * terminal. {@link GenerationJob} enforces the order.
 */
enum JobStatus {
    QUEUED, WRITING, VOICING, READY, FAILED;

    String code() {
        return CodedColumn.code(this);
    }

    boolean terminal() {
        return this == READY || this == FAILED;
    }

    @Converter(autoApply = true)
    static class Column extends CodedColumn<JobStatus> {

        Column() {
            super(JobStatus.class);
        }
    }
}
