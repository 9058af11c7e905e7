package com.waqup.generation.job;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a job is: {@code queued → writing → voicing → ready}, or {@code failed} from any state that is not
 * terminal. {@link GenerationJob} enforces the order.
 */
enum JobStatus {
    QUEUED, WRITING, VOICING, READY, FAILED;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean terminal() {
        return this == READY || this == FAILED;
    }

    @jakarta.persistence.Converter(autoApply = true)
    static class Column implements jakarta.persistence.AttributeConverter<JobStatus, String> {

        @Override
        public String convertToDatabaseColumn(JobStatus status) {
            return status == null ? null : status.code();
        }

        @Override
        public JobStatus convertToEntityAttribute(String code) {
            return code == null ? null : Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unknown job status " + code));
        }
    }
}
