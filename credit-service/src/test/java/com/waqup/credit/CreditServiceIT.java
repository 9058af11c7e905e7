package com.waqup.credit;

import java.util.Set;

import com.waqup.common.test.ServiceContractIT;

class CreditServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "credit";
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db");
    }

    @Override
    protected Set<String> degradingDependencies() {
        return Set.of("rabbit", "redis");
    }

    @Override
    protected int minimumInternalRoutes() {
        return 11;
    }
}
