package com.waqup.audio;

import java.util.Set;

import com.waqup.common.test.ServiceContractIT;

class AudioGenerationServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "audio";
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db");
    }

    @Override
    protected Set<String> degradingDependencies() {
        return Set.of("rabbit", "s3");
    }
}
