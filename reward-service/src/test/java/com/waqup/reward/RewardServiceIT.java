package com.waqup.reward;

import java.util.Set;

import com.waqup.common.test.ServiceContractIT;

class RewardServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "reward";
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
