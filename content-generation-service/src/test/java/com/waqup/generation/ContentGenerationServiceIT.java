package com.waqup.generation;

import java.util.Set;

import com.waqup.common.test.ServiceContractIT;

class ContentGenerationServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "generation";
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db", "rabbit");
    }
}
