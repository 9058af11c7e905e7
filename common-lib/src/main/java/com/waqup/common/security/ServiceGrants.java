package com.waqup.common.security;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Least privilege between our services: which caller may do what at which service. A service token names its caller
 * ({@code sub = service:<caller>}), its one audience ({@code aud = waqup-internal:<service it is for>}) and carries only
 * the scopes listed here for that pair ({@code scope}, space separated). user-service issues nothing else; every
 * {@code /internal/**} handler declares the scope it needs with {@link InternalScope}, and one without a declaration is
 * refused to everybody (docs/identity.md "Service identity").
 *
 * <p>The table is code, not configuration: who calls whom changes only with the code that makes the call, and the same
 * table is what the tests issue their tokens from.
 */
public final class ServiceGrants {

    /** The operator's client (benchmarks, incident tooling, tests): credit grants and reads no service makes itself. */
    public static final String OPERATOR = "waqup-operator";

    public static final String USERS_READ = "users:read";
    public static final String PERSONAL_DATA_EXPORT = "personal-data:export";
    public static final String CREDITS_QUOTE = "credits:quote";
    public static final String CREDITS_HOLD = "credits:hold";
    public static final String CREDITS_CAPTURE = "credits:capture";
    public static final String CREDITS_RELEASE = "credits:release";
    public static final String CREDITS_REFUND = "credits:refund";
    public static final String CREDITS_GRANT = "credits:grant";
    public static final String CREDITS_ADJUST = "credits:adjust";
    public static final String CREDITS_READ = "credits:read";
    public static final String CREDITS_PURCHASE = "credits:purchase";
    public static final String CREDIT_PACKS_READ = "credit-packs:read";
    public static final String GENERATIONS_CREATE = "generations:create";
    public static final String GENERATIONS_READ = "generations:read";
    public static final String REVOICES_CREATE = "revoices:create";
    public static final String PERSONALIZATIONS_CREATE = "personalizations:create";
    public static final String PACK_ACCESS_READ = "pack-access:read";
    public static final String CONTENT_READ = "content:read";
    public static final String CONTENT_COPY = "content:copy";

    /** Every service that holds personal data and answers {@code GET /internal/users/{id}/export} (docs/privacy.md). */
    private static final List<String> EXPORTERS = List.of("conversation-service", "content-generation-service",
            "audio-generation-service", "ritual-library-service", "credit-service", "creator-service", "catalog-service",
            "payment-service", "reward-service");

    private static final Map<String, Map<String, Set<String>>> GRANTS = grants();

    private ServiceGrants() {
    }

    private static Map<String, Map<String, Set<String>>> grants() {
        Map<String, Map<String, Set<String>>> g = new LinkedHashMap<>();
        grant(g, "conversation-service", "user-service", USERS_READ);
        grant(g, "conversation-service", "credit-service", CREDITS_QUOTE);
        grant(g, "conversation-service", "content-generation-service", GENERATIONS_CREATE);
        grant(g, "content-generation-service", "credit-service", CREDITS_HOLD, CREDITS_CAPTURE, CREDITS_RELEASE);
        grant(g, "ritual-library-service", "user-service", USERS_READ);
        grant(g, "ritual-library-service", "content-generation-service", REVOICES_CREATE, PERSONALIZATIONS_CREATE);
        grant(g, "creator-service", "ritual-library-service", CONTENT_READ, CONTENT_COPY);
        grant(g, "catalog-service", "ritual-library-service", PACK_ACCESS_READ);
        for (String exporter : EXPORTERS) {
            grant(g, "user-service", exporter, PERSONAL_DATA_EXPORT);
        }
        grant(g, OPERATOR, "credit-service", CREDITS_GRANT, CREDITS_ADJUST, CREDITS_REFUND, CREDITS_READ,
                CREDITS_PURCHASE, CREDIT_PACKS_READ, CREDITS_QUOTE);
        grant(g, OPERATOR, "content-generation-service", GENERATIONS_READ);
        return g;
    }

    private static void grant(Map<String, Map<String, Set<String>>> g, String caller, String audience, String... scopes) {
        g.computeIfAbsent(caller, c -> new LinkedHashMap<>())
                .computeIfAbsent(audience, a -> new TreeSet<>()).addAll(List.of(scopes));
    }

    /** The scopes {@code caller} holds at {@code audience}; empty when it may call nothing there. */
    public static Set<String> scopes(String caller, String audience) {
        return Set.copyOf(GRANTS.getOrDefault(caller, Map.of()).getOrDefault(audience, Set.of()));
    }

    /** Every scope some caller holds at {@code audience}: the whole internal API that service serves. */
    public static Set<String> scopesAt(String audience) {
        Set<String> all = new TreeSet<>();
        GRANTS.values().forEach(byAudience -> all.addAll(byAudience.getOrDefault(audience, Set.of())));
        return Set.copyOf(all);
    }

    /** Every caller that may obtain a service token. */
    public static Set<String> callers() {
        Set<String> callers = new TreeSet<>(Comparator.naturalOrder());
        callers.addAll(GRANTS.keySet());
        return callers;
    }

    /** The audience of a token for {@code service}, by its name ({@code credit-service}, or a short name {@code credit}). */
    public static String serviceName(String name) {
        return name.endsWith("-service") ? name : name + "-service";
    }
}
