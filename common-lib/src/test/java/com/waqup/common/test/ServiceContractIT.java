package com.waqup.common.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.waqup.common.security.InternalScope;
import com.waqup.common.security.ServiceGrants;
import com.waqup.common.security.TokenRevocation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * What every waQup service must be, checked against the real application context on the real local
 * infrastructure (PostgreSQL database {@code waqup_test}, Redis, RabbitMQ, Elasticsearch where used).
 * A service's {@code *ServiceIT} extends this; its other ITs extend {@link ServiceITSupport}, and all of them
 * share one application context.
 */
public abstract class ServiceContractIT extends ServiceITSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMappings;

    @Autowired
    private Environment environment;

    /** The Postgres schema the service owns. */
    protected abstract String schema();

    /**
     * The health contributors that are the service's readiness besides {@code readinessState} and {@code schema}:
     * exactly these, what the service cannot serve its own requests without (docs/resilience.md).
     */
    protected abstract Set<String> readinessDependencies();

    /**
     * The health contributors the service reports in {@code /actuator/health} that an outage only degrades: they
     * must not be part of readiness (a Redis or RabbitMQ outage must not take every pod out of rotation).
     */
    protected Set<String> degradingDependencies() {
        return Set.of();
    }

    @Test
    void shouldBeReadyWithItsOwnDependenciesUp() {
        Http.Response readiness = Http.get(managementUrl("/actuator/health/readiness"));
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        JsonNode components = readiness.json().path("components");
        for (String dependency : readinessDependencies()) {
            assertThat(components.path(dependency).path("status").asString())
                    .as("readiness component %s in %s", dependency, readiness.body()).isEqualTo("UP");
        }
        Set<String> expected = new TreeSet<>(readinessDependencies());
        expected.addAll(Set.of("readinessState", "schema"));
        Set<String> actual = new TreeSet<>();
        components.propertyNames().forEach(actual::add);
        assertThat(actual).as("readiness is exactly what the service needs")
                .isEqualTo(expected);
        JsonNode health = Http.get(managementUrl("/actuator/health")).json().path("components");
        for (String dependency : degradingDependencies()) {
            assertThat(health.path(dependency).path("status").asString())
                    .as("%s is reported in /actuator/health, outside readiness", dependency).isEqualTo("UP");
        }
        JsonNode schema = components.path("schema");
        assertThat(schema.path("status").asString()).as("the service's own schema is readiness").isEqualTo("UP");
        assertThat(schema.path("details").path("schema").asString()).isEqualTo(schema());
        assertThat(schema.path("details").path("version").asString()).isNotBlank().isNotEqualTo("null");
        Http.Response liveness = Http.get(managementUrl("/actuator/health/liveness"));
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("components").has("db")).as("liveness must not depend on the database").isFalse();
    }

    @Test
    void shouldOwnItsSchemaThroughFlywayMigrations() throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement(
                        "select version, success from \"" + schema() + "\".flyway_schema_history where version is not null order by installed_rank")) {
            List<String> applied = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getBoolean("success")).isTrue();
                    applied.add(rs.getString("version"));
                }
            }
            assertThat(applied).contains("1");
        }
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement(
                        "select table_name from information_schema.tables where table_schema = ?")) {
            s.setString(1, schema());
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("event_publication", "processed_event");
        }
    }

    @Test
    void shouldAnswerAnUnknownRouteWithTheErrorEnvelope() {
        Http.Response response = Http.get(url("/api/v1/no-such-thing"), "X-Correlation-Id", "contract-test-404",
                "Authorization", "Bearer " + userToken());
        assertThat(response.status()).isEqualTo(404);
        JsonNode error = response.json().path("error");
        assertThat(error.path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(error.path("trace_id").asString()).isEqualTo("contract-test-404");
        assertThat(response.header("X-Correlation-Id")).isEqualTo("contract-test-404");
        assertThat(response.body()).doesNotContain("Exception", "\"timestamp\"");
    }

    @Test
    void shouldRefuseCallsWithoutAValidTokenItself() {
        Http.Response anonymous = Http.get(url("/api/v1/anything"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.json().path("error").path("code").asString()).isEqualTo("UNAUTHORIZED");

        Http.Response forged = Http.get(url("/api/v1/anything"), "Authorization",
                "Bearer " + TestTokens.signedByStranger(UUID.randomUUID()));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().path("error").path("code").asString()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void shouldKeepInternalEndpointsForServiceTokensOnly() {
        Http.Response asUser = Http.get(url("/internal/anything"), "Authorization", "Bearer " + userToken());
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.json().path("error").path("code").asString()).isEqualTo("FORBIDDEN");
        Http.Response asService = Http.get(url("/internal/anything"), "Authorization",
                "Bearer " + TestTokens.shared().service("contract-test", serviceName(), Set.of("anything")));
        assertThat(asService.status()).as("authorized, then simply not found").isEqualTo(404);
    }

    /**
     * Least privilege on every {@code /internal/**} route this service serves: the route declares its scope; no token is
     * 401, a person's token 403, a token for another service 401 (even with the scope), a token for this service
     * without the scope 403 {@code INSUFFICIENT_SCOPE}; and of every caller {@link ServiceGrants} knows, exactly those
     * granted the scope here get past authorization (docs/identity.md "Service identity").
     */
    @Test
    void shouldOpenEachInternalRouteOnlyToTheCallersGrantedItsScope() {
        List<String> checked = new ArrayList<>();
        handlerMappings.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/internal/")) {
                    continue;
                }
                InternalScope declared = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), InternalScope.class);
                if (declared == null) {
                    declared = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), InternalScope.class);
                }
                assertThat(declared).as("%s declares the scope a caller needs (@InternalScope)", pattern).isNotNull();
                String scope = declared.value();
                String path = pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                String verb = info.getMethodsCondition().getMethods().isEmpty() ? "GET"
                        : info.getMethodsCondition().getMethods().iterator().next().name();
                String route = verb + " " + pattern;
                assertThat(call(verb, path, null).status()).as("%s without a token", route).isEqualTo(401);
                assertThat(call(verb, path, TestTokens.shared().user(UUID.randomUUID(), "user", "creator", "admin")).status())
                        .as("%s with a person's token", route).isEqualTo(403);
                assertThat(call(verb, path, TestTokens.shared().service("any-service", "some-other-service", Set.of(scope))).status())
                        .as("%s with a token for another service", route).isEqualTo(401);
                Http.Response unscoped = call(verb, path, TestTokens.shared().service("any-service", serviceName(), Set.of("other:scope")));
                assertThat(unscoped.status()).as("%s without its scope", route).isEqualTo(403);
                assertThat(unscoped.json().path("error").path("code").asString()).isEqualTo("INSUFFICIENT_SCOPE");
                for (String caller : ServiceGrants.callers()) {
                    boolean granted = ServiceGrants.scopes(caller, serviceName()).contains(scope);
                    int status = call(verb, path, TestTokens.shared().service(caller, serviceName())).status();
                    if (granted) {
                        assertThat(status).as("%s by %s, granted %s", route, caller, scope).isNotIn(401, 403);
                    } else {
                        assertThat(status).as("%s by %s, not granted %s", route, caller, scope).isEqualTo(403);
                    }
                }
                checked.add(route);
            }
        });
        assertThat(checked.size()).as("internal routes checked: %s", checked).isGreaterThanOrEqualTo(minimumInternalRoutes());
    }

    /** How many {@code /internal/**} routes this service serves at least (its personal-data export counts). */
    protected int minimumInternalRoutes() {
        return 1;
    }

    private Http.Response call(String verb, String path, String token) {
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
        if (token != null) {
            headers.add("Authorization");
            headers.add("Bearer " + token);
        }
        return Http.send(verb, url(path), verb.equals("GET") || verb.equals("DELETE") ? null : "{}", headers.toArray(String[]::new));
    }

    private String serviceName() {
        return environment.getRequiredProperty("spring.application.name");
    }

    @Test
    void shouldPublishAnOpenApiDocumentThatMatchesTheWire() {
        Http.Response docs = Http.get(url("/v3/api-docs"));
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("openapi").asString()).startsWith("3.");
        assertThat(OpenApiContract.problems(docs.json())).as("what a client generated from the document would get wrong")
                .isEmpty();
    }

    @Autowired
    ObjectProvider<StringRedisTemplate> redis;

    @Test
    void shouldRefuseATokenRevokedByAnAccountErasureItself() {
        UUID erased = UUID.randomUUID();
        String token = TestTokens.shared().user(erased);
        StringRedisTemplate template = redis.getIfAvailable();
        assertThat(template).as("every service reads revocation markers from Redis").isNotNull();
        template.opsForValue().set(TokenRevocation.key(erased),
                Long.toString(Instant.now().plusSeconds(1).getEpochSecond()), Duration.ofMinutes(2));
        Http.Response revoked = Http.get(url("/api/v1/no-such-thing"), "Authorization", "Bearer " + token);
        assertThat(revoked.status()).as("called directly, not through the gateway").isEqualTo(401);
        assertThat(revoked.json().path("error").path("code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(Http.get(url("/api/v1/no-such-thing"), "Authorization", "Bearer " + userToken()).status())
                .as("anyone else's token still works").isEqualTo(404);
    }

    @Test
    void shouldRefuseTextPostgresCannotStoreInAQueryString() {
        Http.Response nul = Http.get(url("/api/v1/no-such-thing?search=calm%00sleep"), "Authorization", "Bearer " + userToken());
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().path("error").path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(nul.json().path("error").path("details").path("fields").path("search").asString()).contains("NUL");
    }

    @Test
    void shouldServeActuatorOnlyOnItsOwnPort() {
        assertThat(managementPort).as("management has a port of its own").isNotEqualTo(port);
        for (String path : new String[] { "/actuator/health", "/actuator/prometheus", "/actuator/info" }) {
            assertThat(Http.get(url(path), "Authorization", "Bearer " + userToken()).status())
                    .as("%s on the API's port", path).isEqualTo(404);
        }
    }

    @Test
    void shouldExposePrometheusMetricsAndBuildInfo() {
        Http.Response metrics = Http.get(managementUrl("/actuator/prometheus"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        Http.Response info = Http.get(managementUrl("/actuator/info"));
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().path("build").path("artifact").asString()).endsWith("-service");
        Http.Response env = Http.get(managementUrl("/actuator/env"));
        assertThat(env.status()).as("only health, info and prometheus are exposed").isIn(401, 404);
        assertThat(env.body()).doesNotContain("propertySources");
    }

    @Test
    void shouldExposeEveryMetricTheAlertsAndDashboardsReadOfIt() {
        // one API request first, so that the request histogram has a series even when this test runs first
        Http.get(url("/api/v1/no-such-route-for-metrics"), "Authorization", "Bearer " + userToken());
        String service = Http.get(managementUrl("/actuator/info")).json().path("build").path("artifact").asString();
        String exposition = Http.get(managementUrl("/actuator/prometheus")).body();
        assertThat(MonitoredMetrics.missingFrom(exposition, MonitoredMetrics.of(service)))
                .as("metrics monitoring/metrics.yml expects of %s that its /actuator/prometheus lacks", service).isEmpty();
        // the backlog gauges are read from the real database and broker: numbers, not NaN (a reading that failed)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                Http.get(managementUrl("/actuator/prometheus")).body().lines()
                        .filter(l -> l.matches("waqup_(outbox_backlog|outbox_oldest_age_seconds|queue_depth|dlq_depth)[{ ].*")))
                .as("backlog gauges of %s", service).isNotEmpty().noneMatch(l -> l.endsWith("NaN")));
    }

    @Test
    void shouldNotDependOnAnyOtherService() {
        String own = getClass().getPackageName();
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(own);
        assertThat(classes).as("production classes of " + own).isNotEmpty();
        noClasses().should().dependOnClassesThat(
                DescribedPredicate.describe("another waQup service",
                        (JavaClass c) -> c.getPackageName().startsWith("com.waqup.")
                                && !c.getPackageName().startsWith("com.waqup.common")
                                && !c.getPackageName().equals(own) && !c.getPackageName().startsWith(own + ".")))
                .check(classes);
    }

    /** The one package shape (docs/contributing.md): no cycles, controllers in their capability, no reaching into another's edges. */
    @Test
    void shouldKeepTheOnePackageShape() {
        ServiceArchitecture.check(getClass().getPackageName());
    }
}
