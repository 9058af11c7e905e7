package com.waqup.payment;

import java.util.Set;

import com.waqup.common.test.ServiceContractIT;

class PaymentServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "payment";
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
