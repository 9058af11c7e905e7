package com.waqup.user;

import java.util.Set;

import com.waqup.common.test.ServiceContractIT;

class UserServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "users";
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db");
    }

    @Override
    protected Set<String> degradingDependencies() {
        return Set.of("rabbit", "redis");
    }
}
