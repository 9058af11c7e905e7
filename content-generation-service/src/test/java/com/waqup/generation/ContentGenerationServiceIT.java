package com.waqup.generation;

import java.util.Set;

import com.waqup.common.test.ServiceContractIT;
import com.waqup.generation.script.ScriptWriter;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The platform's contract, run once for this module. It implements {@link UsesRealCreditService} only so that its
 * context is the same as every other IT's (see there).
 */
class ContentGenerationServiceIT extends ServiceContractIT implements UsesRealCreditService {

    /** The same spy as {@link GenerationITSupport}'s, so that this IT shares the module's one context. */
    @MockitoSpyBean
    ScriptWriter scriptWriter;

    @Override
    protected String schema() {
        return "generation";
    }

    @Override
    protected Set<String> readinessDependencies() {
        return Set.of("db");
    }

    @Override
    protected Set<String> degradingDependencies() {
        return Set.of("rabbit");
    }

    @Override
    protected int minimumInternalRoutes() {
        return 4;
    }
}
