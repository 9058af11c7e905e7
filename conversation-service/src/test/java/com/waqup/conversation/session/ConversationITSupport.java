package com.waqup.conversation.session;

import java.util.Map;
import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.ServiceProcess;
import com.waqup.common.test.TcpProxy;
import com.waqup.common.test.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * conversation-service with the real services it talks to, started from their built jars (built before this
 * module): credit-service for quotes and holds, content-generation-service for starting generation. They
 * trust the test issuer's JWKS; conversation gets its service token from the test issuer.
 */
abstract class ConversationITSupport extends ServiceITSupport {

    /** The service's Redis, through a proxy a test can stall (as a paused Redis would) and resume. */
    static final TcpProxy REDIS = new TcpProxy("127.0.0.1", 6379);

    static final ServiceProcess CREDITS = ServiceProcess.start("credit-service", ServiceProcess.freePort(),
            Map.of("JWKS_URI", TestTokens.shared().jwksUri()));
    static final ServiceProcess GENERATION = ServiceProcess.start("content-generation-service", ServiceProcess.freePort(),
            Map.of("JWKS_URI", TestTokens.shared().jwksUri(), "SERVICE_TOKEN_URI", TestTokens.shared().serviceTokenUri(),
                    "CREDIT_SERVICE_URL", CREDITS.url("")));

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            GENERATION.close();
            CREDITS.close();
        }));
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("waqup.services.credit.url", () -> CREDITS.url(""));
        registry.add("waqup.services.content-generation.url", () -> GENERATION.url(""));
    }

    static void giveCredits(UUID user, int amount) {
        Http.Response r = Http.post(CREDITS.url("/internal/credits/grants"), "{\"user_id\":\"" + user + "\",\"amount\":" + amount
                + ",\"reason\":\"test\",\"idempotency_key\":\"" + UUID.randomUUID() + "\"}", "Content-Type", "application/json",
                "Authorization", "Bearer " + TestTokens.shared().operator("credit-service"));
        if (r.status() != 200) {
            throw new IllegalStateException("grant failed: " + r.body());
        }
    }

    static int available(UUID user) {
        return Http.get(CREDITS.url("/internal/credits/balances/" + user), "Authorization",
                "Bearer " + TestTokens.shared().operator("credit-service")).json().path("available").asInt();
    }
}
