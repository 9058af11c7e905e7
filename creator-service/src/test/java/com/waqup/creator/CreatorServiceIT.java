package com.waqup.creator;

import java.util.Set;

import com.waqup.common.test.ServiceContractIT;

class CreatorServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "creator";
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db");
    }

    @Override
    protected Set<String> degradingDependencies() {
        return Set.of("rabbit");
    }
}
