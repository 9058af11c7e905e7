package com.waqup.catalog;

import java.util.Set;

import com.waqup.common.test.ServiceContractIT;

class CatalogServiceIT extends ServiceContractIT {

    @Override
    protected String schema() {
        return "catalog";
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db");
    }

    @Override
    protected Set<String> degradingDependencies() {
        return Set.of("rabbit", "redis", "elasticsearch");
    }
}
