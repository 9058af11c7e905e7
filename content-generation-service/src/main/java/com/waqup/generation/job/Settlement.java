package com.waqup.generation.job;

import jakarta.persistence.Converter;

/** What credit-service must still be told about a job's hold before the job may end (docs/generation.md). */
enum Settlement {
    /** The audio is stored: capture the hold, then the job is ready. */
    CAPTURE,
    /** The job cannot finish: release the hold, then the job fails. */
    RELEASE;

    @Converter(autoApply = true)
    static class Column extends CodedColumn<Settlement> {

        Column() {
            super(Settlement.class);
        }
    }
}
