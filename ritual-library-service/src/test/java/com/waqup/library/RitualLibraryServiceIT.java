package com.waqup.library;

import java.util.Set;

import com.waqup.common.test.ServiceContractIT;

class RitualLibraryServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "library";
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db");
    }

    @Override
    protected Set<String> degradingDependencies() {
        return Set.of("rabbit", "redis", "s3");
    }

    @Override
    protected int minimumInternalRoutes() {
        return 4;
    }
}
