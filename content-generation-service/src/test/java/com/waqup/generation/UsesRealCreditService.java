package com.waqup.generation;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Points the service under test at the real credit-service ({@link CreditServiceProcess}).
 * <p>
 * Why an interface: Spring caches one application context per distinct configuration, and the set of
 * {@code @DynamicPropertySource} methods is part of it. The module's contract IT must extend common-lib's
 * {@code ServiceContractIT} and the other ITs {@link GenerationITSupport}; Java gives each class one superclass, so
 * the one method lives here and every IT class implements this interface (the contract IT directly, the others
 * through {@link GenerationITSupport}). Every IT then has the same configuration and all share one context.
 */
public interface UsesRealCreditService {

    @DynamicPropertySource
    static void realCreditService(DynamicPropertyRegistry registry) {
        registry.add("waqup.services.credit.url", () -> CreditServiceProcess.get().url(""));
    }
}
