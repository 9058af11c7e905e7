package com.waqup.generation;

import java.util.Map;

import com.waqup.common.test.ServiceProcess;
import com.waqup.common.test.TestTokens;

/**
 * The real credit-service, started from its built jar ({@code credit-service/target}) as its own JVM the first
 * time a test needs it, once per test JVM, and stopped when the JVM exits. It trusts {@link TestTokens}' keys, so
 * it accepts this service's token (fetched from TestTokens' stand-in token endpoint) and the tests' own tokens.
 */
public final class CreditServiceProcess {

    private CreditServiceProcess() {
    }

    /** Lazy holder: the process starts when {@link #get()} is first called. */
    private static final class Holder {

        static final ServiceProcess PROCESS = start();

        private static ServiceProcess start() {
            ServiceProcess process = ServiceProcess.start("credit-service", ServiceProcess.freePort(),
                    Map.of("JWKS_URI", TestTokens.shared().jwksUri()));
            Runtime.getRuntime().addShutdownHook(new Thread(process::close, "stop-credit-service"));
            return process;
        }
    }

    public static ServiceProcess get() {
        return Holder.PROCESS;
    }
}
