package com.waqup.generation;

import java.util.Set;

import com.waqup.common.test.ServiceContractIT;

/**
 * The platform's contract, run once for this module. It implements {@link UsesRealCreditService} only so that its
 * context is the same as every other IT's (see there).
 */
class ContentGenerationServiceIT extends ServiceContractIT implements UsesRealCreditService {

    @Override
    protected String schema() {
        return "generation";
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db", "rabbit");
    }
}
