package com.waqup.gateway;

import com.waqup.common.test.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The gateway keeps the services' package shape too (docs/contributing.md); it has no ServiceContractIT. */
class GatewayArchitectureTest {

    @Test
    void shouldKeepTheOnePackageShape() {
        ServiceArchitecture.check(getClass().getPackageName());
    }
}
