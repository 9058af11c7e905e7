package com.waqup.common.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.waqup.common.test.RepositoryRoot;

/**
 * Keeps the deployment descriptors (docker-compose.yml, the Dockerfile, the Helm chart's values) consistent with
 * the build's modules and with what each service's configuration really reads. {@code docker compose config} and
 * {@code helm lint} cannot run on the build machines; this checks what they would, and more: that no container
 * is left pointing at 127.0.0.1 (itself), that no variable set for a service is a typo, that ports agree.
 * <p>
 * The repository and its modules come from {@link RepositoryRoot} ({@code -Dwaqup.root} points it elsewhere).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentDescriptorsTest {

    private static final String COMPOSE_FILE = "docker-compose.yml";
    private static final String CHART = "k8s/waqup";
    private static final String GATEWAY = "gateway-service";
    private static final String APPS_PROFILE = "apps";
    private static final String SERVICE_HEALTHY = "service_healthy";
    private static final String READINESS = "/actuator/health/readiness";
    /** Read by the JVM itself, or bound by Spring Boot's relaxed binding straight to a property, no placeholder needed. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final List<String> RELAXED_BINDING_PREFIXES = List.of("SPRING_", "MANAGEMENT_", "LOGGING_", "SERVER_", "WAQUP_");
    private static final Set<String> COMPOSE_TOP_LEVEL_KEYS = Set.of("name", "services", "volumes", "networks", "configs", "secrets", "include");
    private static final Pattern HOST_VARIABLE = Pattern.compile(".*_(HOST|HOSTS|ADDRESS|ADDRESSES|ENDPOINT|URL|URLS|URI|URIS)");
    private static final Pattern SERVICE_URL = Pattern.compile("https?://([a-z0-9-]+-service)(?::(\\d+))?");

    private Path root;
    private List<String> modules;
    private List<String> serviceModules;
    private final Map<String, ServiceConfiguration> configurations = new TreeMap<>();
    private Map<String, Object> compose;

    @BeforeAll
    void readTheBuild() {
        root = RepositoryRoot.path();
        modules = RepositoryRoot.modules();
        serviceModules = modules.stream().filter(m -> m.endsWith("-service")).toList();
        serviceModules.forEach(m -> configurations.put(m, ServiceConfiguration.read(root, m)));
        assertThat(serviceModules).as("the root pom.xml's <module>s ending in -service").isNotEmpty();
    }

    // ---- docker-compose.yml -------------------------------------------------------------------------------------

    @Test
    void shouldParseTheComposeFileWithItsAnchorsResolved() {
        List<String> problems = new ArrayList<>();
        compose().keySet().stream()
                .filter(key -> !COMPOSE_TOP_LEVEL_KEYS.contains(key) && !key.startsWith("x-"))
                .forEach(key -> problems.add(COMPOSE_FILE + ": unknown top-level key '" + key
                        + "' (shared pieces belong in x- extension fields)"));
        if (containsMergeKey(compose().get("services"))) {
            problems.add(COMPOSE_FILE + ": a '<<' merge key was not resolved (merge only mappings, via anchors)");
        }
        Set<String> declaredVolumes = map(compose().get("volumes")).keySet();
        services().forEach((name, service) -> {
            if (!service.containsKey("image") && !service.containsKey("build")) {
                problems.add(COMPOSE_FILE + ": service " + name + " has neither image nor build");
            }
            for (Object volume : list(service.get("volumes"))) {
                Map<String, Object> longSyntax = map(volume);
                String source = volume instanceof Map<?, ?> ? str(longSyntax.get("source")) : volume.toString().split(":")[0];
                boolean named = volume instanceof Map<?, ?> ? "volume".equals(longSyntax.get("type")) && source != null
                        : !source.startsWith(".") && !source.startsWith("/") && !source.startsWith("~");
                if (named && !declaredVolumes.contains(source)) {
                    problems.add(COMPOSE_FILE + ": service " + name + " mounts volume '" + source
                            + "', which the top-level volumes do not declare");
                }
            }
        });
        assertThat(problems).as("problems in " + COMPOSE_FILE).isEmpty();
    }

    @Test
    void shouldDefineAComposeServiceForEveryModule() {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> services = services();
        serviceModules.stream().filter(m -> !services.containsKey(m))
                .forEach(m -> problems.add("module " + m + " has no service of the same name in " + COMPOSE_FILE));
        services.forEach((name, service) -> {
            boolean looksLikeAnApp = name.endsWith("-service") || list(service.get("profiles")).contains(APPS_PROFILE)
                    || ".".equals(buildContext(service));
            if (looksLikeAnApp && !serviceModules.contains(name)) {
                problems.add(COMPOSE_FILE + ": service " + name + " is not a -service module of the root pom.xml");
            }
        });
        assertThat(problems).as("compose services vs the root pom's modules " + serviceModules).isEmpty();
    }

    @Test
    void shouldBuildEveryServiceFromTheRootDockerfileBehindTheAppsProfile() {
        List<String> problems = new ArrayList<>();
        services().forEach((name, service) -> {
            List<Object> profiles = list(service.get("profiles"));
            if (!serviceModules.contains(name)) {
                if (!profiles.isEmpty()) {
                    problems.add(COMPOSE_FILE + ": infrastructure service " + name + " is behind profiles " + profiles
                            + "; infrastructure starts by default");
                }
                return;
            }
            if (!profiles.equals(List.of(APPS_PROFILE))) {
                problems.add(COMPOSE_FILE + ": " + name + " has profiles " + profiles + ", expected [" + APPS_PROFILE + "]");
            }
            if (!".".equals(buildContext(service))) {
                problems.add(COMPOSE_FILE + ": " + name + " is not built with context '.' (the root Dockerfile)");
                return;
            }
            Object dockerfile = map(service.get("build")).get("dockerfile");
            if (dockerfile != null && !"Dockerfile".equals(dockerfile)) {
                problems.add(COMPOSE_FILE + ": " + name + " is built from " + dockerfile + ", not the root Dockerfile");
            }
            Map<String, String> args = keyValues(map(service.get("build")).get("args"));
            if (!name.equals(args.get("MODULE"))) {
                problems.add(COMPOSE_FILE + ": " + name + " builds MODULE " + args.get("MODULE") + ", not " + name);
            }
            Integer port = configurations.get(name).port();
            if (port != null && !String.valueOf(port).equals(args.get("PORT"))) {
                problems.add(COMPOSE_FILE + ": " + name + " builds its image with PORT " + args.get("PORT")
                        + " but listens on " + port + " (${PORT:" + port + "} in its application.yml)");
            }
        });
        assertThat(problems).as("how " + COMPOSE_FILE + " builds the services").isEmpty();
    }

    @Test
    void shouldPublishEveryServiceOnThePortItsApplicationYmlDeclares() {
        List<String> problems = new ArrayList<>();
        forEachComposedService(problems, (module, configuration) -> {
            String port = String.valueOf(configuration.port());
            Map<String, Object> service = services().get(module);
            List<PortMapping> mappings = ports(service);
            if (mappings.size() != 1 || !port.equals(mappings.get(0).published()) || !port.equals(mappings.get(0).target())) {
                problems.add(COMPOSE_FILE + ": " + module + " publishes " + mappings + ", expected " + port + ":" + port
                        + " (${PORT:" + port + "} in its application.yml)");
            }
            String portVariable = environment(service).get("PORT");
            if (portVariable != null && !portVariable.equals(port)) {
                problems.add(COMPOSE_FILE + ": " + module + " sets PORT=" + portVariable + " but is published on " + port);
            }
        });
        assertThat(problems).as("service ports in " + COMPOSE_FILE).isEmpty();
    }

    @Test
    void shouldSetOnlyEnvironmentVariablesTheServiceReads() {
        List<String> problems = new ArrayList<>();
        forEachComposedService(problems, (module, configuration) ->
                unknownVariables(environment(services().get(module)).keySet(), configuration)
                        .forEach(variable -> problems.add(COMPOSE_FILE + ": " + module + " sets " + variable
                                + ", which no placeholder of its configuration reads (it reads "
                                + configuration.environmentVariables() + ")")));
        assertThat(problems).as("environment variables in " + COMPOSE_FILE + " that nothing reads (typos?)").isEmpty();
    }

    @Test
    void shouldOverrideEveryDefaultThatWouldPointAContainerAtItself() {
        List<String> problems = new ArrayList<>();
        forEachComposedService(problems, (module, configuration) ->
                configuration.problemsInContainerWith(environment(services().get(module)).keySet())
                        .forEach(problem -> problems.add(COMPOSE_FILE + ": " + module + ": " + problem)));
        assertThat(problems).as("placeholders " + COMPOSE_FILE + " must set (127.0.0.1 inside a container is the container)")
                .isEmpty();
    }

    @Test
    void shouldPointServiceUrlsInComposeAtTheRightServiceAndPort() {
        List<String> problems = new ArrayList<>();
        services().forEach((name, service) -> environment(service).forEach((variable, value) ->
                problems.addAll(serviceUrlProblems(COMPOSE_FILE + ": " + name + " " + variable, value))));
        assertThat(problems).as("service URLs in " + COMPOSE_FILE).isEmpty();
    }

    @Test
    void shouldWaitOnlyForHealthyDependenciesThatExist() {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> services = services();
        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn instanceof List<?>) {
                problems.add(COMPOSE_FILE + ": " + name + " uses the short depends_on list; give every dependency"
                        + " condition: " + SERVICE_HEALTHY);
                return;
            }
            map(dependsOn).forEach((target, condition) -> {
                if (!services.containsKey(target)) {
                    problems.add(COMPOSE_FILE + ": " + name + " depends on " + target + ", which is not a service");
                } else if (target.equals(name)) {
                    problems.add(COMPOSE_FILE + ": " + name + " depends on itself");
                }
                Object expected = map(condition).get("condition");
                if (!SERVICE_HEALTHY.equals(expected)) {
                    problems.add(COMPOSE_FILE + ": " + name + " waits for " + target + " with condition " + expected
                            + ", expected " + SERVICE_HEALTHY);
                }
            });
        });
        services.keySet().forEach(start -> {
            List<String> cycle = cycleFrom(start, new ArrayList<>(), services);
            if (cycle != null) {
                problems.add(COMPOSE_FILE + ": depends_on cycle " + String.join(" -> ", cycle));
            }
        });
        assertThat(problems).as("depends_on in " + COMPOSE_FILE).isEmpty();
    }

    @Test
    void shouldWaitForTheInfrastructureEachServiceIsConfiguredToReach() {
        List<String> problems = new ArrayList<>();
        Set<String> infrastructure = new TreeSet<>(services().keySet());
        infrastructure.removeAll(serviceModules);
        for (String module : composedServiceModules()) {
            Map<String, Object> service = services().get(module);
            Set<String> waitsFor = map(service.get("depends_on")).keySet();
            environment(service).forEach((variable, value) -> infrastructure.stream()
                    .filter(host -> reaches(variable, value, host))
                    .filter(host -> !waitsFor.contains(host))
                    .forEach(host -> problems.add(COMPOSE_FILE + ": " + module + " reaches " + host + " (" + variable + "="
                            + value + ") but does not depend on it with condition " + SERVICE_HEALTHY)));
        }
        assertThat(problems).as("start order in " + COMPOSE_FILE).isEmpty();
    }

    @Test
    void shouldHealthCheckEveryContainer() {
        List<String> problems = new ArrayList<>();
        services().forEach((name, service) -> {
            Map<String, Object> healthcheck = map(service.get("healthcheck"));
            Object test = healthcheck.get("test");
            String testText = test instanceof List<?> parts ? String.join(" ", parts.stream().map(String::valueOf).toList())
                    : String.valueOf(test);
            if (test == null || testText.isBlank() || testText.equals("NONE") || Boolean.TRUE.equals(healthcheck.get("disable"))) {
                problems.add(COMPOSE_FILE + ": " + name + " has no healthcheck test");
            } else if (serviceModules.contains(name) && !testText.contains(READINESS)) {
                problems.add(COMPOSE_FILE + ": " + name + "'s healthcheck (" + testText + ") does not ask " + READINESS);
            }
        });
        assertThat(problems).as("health checks in " + COMPOSE_FILE).isEmpty();
    }

    @Test
    void shouldStartTheGatewayAfterEveryOtherService() {
        assertThat(services()).as(COMPOSE_FILE + " services").containsKey(GATEWAY);
        Set<String> missing = new TreeSet<>(serviceModules);
        missing.remove(GATEWAY);
        missing.removeAll(map(services().get(GATEWAY).get("depends_on")).keySet());
        assertThat(missing).as(COMPOSE_FILE + ": services the gateway does not depend on (with condition "
                + SERVICE_HEALTHY + ")").isEmpty();
    }

    // ---- Dockerfile -----------------------------------------------------------------------------------------------

    @Test
    void shouldCopyEveryModulePomIntoTheDockerBuild() {
        String dockerfile = RepositoryRoot.read(root.resolve("Dockerfile"));
        List<String> missing = modules.stream()
                .filter(m -> !Pattern.compile("(?m)^COPY\\s+(--\\S+\\s+)*" + Pattern.quote(m + "/pom.xml") + "\\s").matcher(dockerfile).find())
                .map(m -> "Dockerfile does not COPY " + m + "/pom.xml before the dependency download (the reactor would"
                        + " not find the module)")
                .toList();
        assertThat(missing).as("module poms in the Dockerfile").isEmpty();
    }

    // ---- Helm chart ------------------------------------------------------------------------------------------------

    /**
     * The egress NetworkPolicy of each workload lets it reach exactly what its configuration reads: the services whose
     * {@code *_SERVICE_URL} it reads (user-service also for {@code JWKS_URI}/{@code SERVICE_TOKEN_URI}), PostgreSQL for
     * {@code DB_URL}, Redis, RabbitMQ, Elasticsearch, S3 (its endpoint, or the gateway's {@code WEB_MEDIA_UPSTREAM}),
     * and the vendors' HTTPS when it reads a vendor's settings (payment-service: Stripe, configured under
     * {@code waqup.payments.*}).
     */
    @Test
    void shouldLetEveryKubernetesServiceReachExactlyWhatItsConfigurationReads() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = map(values("values.yaml").get("services"));
        for (String module : serviceModules) {
            ServiceConfiguration configuration = configurations.get(module);
            if (configuration.problem() != null) {
                problems.add(configuration.problem());
                continue;
            }
            Set<String> read = configuration.environmentVariables();
            Set<String> calls = new TreeSet<>();
            for (String variable : read) {
                if (variable.endsWith("_SERVICE_URL")) {
                    calls.add(variable.substring(0, variable.length() - "_URL".length()).toLowerCase(Locale.ROOT).replace('_', '-'));
                }
            }
            if (read.contains("JWKS_URI") || read.contains("SERVICE_TOKEN_URI")) {
                calls.add("user-service");
            }
            calls.remove(module);
            Set<String> destinations = new TreeSet<>();
            if (read.contains("DB_URL")) destinations.add("postgres");
            if (read.contains("REDIS_HOST")) destinations.add("redis");
            if (read.contains("RABBITMQ_HOST")) destinations.add("rabbitmq");
            if (read.contains("ELASTICSEARCH_URIS")) destinations.add("elasticsearch");
            if (read.contains("S3_ENDPOINT") || read.contains("WEB_MEDIA_UPSTREAM")) destinations.add("s3");
            if (module.equals("payment-service") || read.stream().anyMatch(v -> v.startsWith("OPENAI_")
                    || v.startsWith("ANTHROPIC_") || v.startsWith("ELEVENLABS_") || v.startsWith("PLAYHT_"))) {
                destinations.add("vendors");
            }
            Map<String, Object> egress = map(map(services.get(module)).get("egress"));
            Set<String> chartCalls = new TreeSet<>(list(egress.get("calls")).stream().map(String::valueOf).toList());
            Set<String> chartDestinations = new TreeSet<>(list(egress.get("destinations")).stream().map(String::valueOf).toList());
            if (!chartCalls.equals(calls)) {
                problems.add(CHART + "/values.yaml: services." + module + ".egress.calls is " + chartCalls
                        + ", its configuration calls " + calls);
            }
            if (!chartDestinations.equals(destinations)) {
                problems.add(CHART + "/values.yaml: services." + module + ".egress.destinations is " + chartDestinations
                        + ", its configuration reaches " + destinations);
            }
        }
        assertThat(problems).as("egress of the Kubernetes workloads").isEmpty();
    }

    @Test
    void shouldListEveryServiceInTheHelmValuesWithItsPort() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = map(values("values.yaml").get("services"));
        serviceModules.stream().filter(m -> !services.containsKey(m))
                .forEach(m -> problems.add(CHART + "/values.yaml: services has no entry for module " + m));
        services.keySet().stream().filter(name -> !serviceModules.contains(name))
                .forEach(name -> problems.add(CHART + "/values.yaml: services." + name + " is not a -service module"));
        problems.addAll(portProblems("values.yaml", services));
        assertThat(problems).as("services in " + CHART + "/values.yaml").isEmpty();
    }

    @Test
    void shouldNameOnlyRealServicesInTheProductionValues() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = map(values("values-prod.yaml").get("services"));
        services.keySet().stream().filter(name -> !serviceModules.contains(name))
                .forEach(name -> problems.add(CHART + "/values-prod.yaml: services." + name
                        + " is not a -service module (Helm would render a workload without a port or image)"));
        problems.addAll(portProblems("values-prod.yaml", services));
        assertThat(problems).as("services in " + CHART + "/values-prod.yaml").isEmpty();
    }

    @Test
    void shouldGiveEveryKubernetesServiceTheEnvironmentItsConfigurationNeeds() {
        Set<String> problems = new LinkedHashSet<>();
        Map<String, Object> base = values("values.yaml");
        Map<String, Map<String, Object>> layers = new LinkedHashMap<>();
        layers.put(CHART + "/values.yaml", base);
        layers.put(CHART + "/values.yaml + values-prod.yaml", YamlFiles.deepMerge(base, values("values-prod.yaml")));
        layers.forEach((where, values) -> {
            Map<String, Object> shared = map(values.get("config"));
            shared.forEach((variable, value) -> problems.addAll(serviceUrlProblems(where + ": config." + variable, str(value))));
            for (String module : serviceModules) {
                ServiceConfiguration configuration = configurations.get(module);
                if (configuration.problem() != null) {
                    problems.add(configuration.problem());
                    continue;
                }
                // what the workload template renders: defaults, then the service's own entry
                Map<String, Object> service = YamlFiles.deepMerge(map(values.get("defaults")), map(map(values.get("services")).get(module)));
                Map<String, Object> env = map(service.get("env"));
                List<String> secretKeys = new ArrayList<>(list(service.get("secretKeys")).stream().map(String::valueOf).toList());
                list(service.get("optionalSecretKeys")).stream().map(String::valueOf).forEach(secretKeys::add);
                // variables the template sets to the public URL (values: publicUrl, else the Ingress host)
                List<String> publicUrlEnv = list(service.get("publicUrlEnv")).stream().map(String::valueOf).toList();
                Set<String> set = new HashSet<>(shared.keySet());
                set.addAll(env.keySet());
                set.addAll(secretKeys);
                set.addAll(publicUrlEnv);
                set.add("PORT"); // the template always sets PORT from the entry's port
                configuration.problemsInContainerWith(set)
                        .forEach(problem -> problems.add(where + ": " + module + ": " + problem));
                Set<String> ownVariables = new TreeSet<>(env.keySet());
                ownVariables.addAll(secretKeys);
                ownVariables.addAll(publicUrlEnv);
                unknownVariables(ownVariables, configuration).forEach(variable -> problems.add(where + ": " + module
                        + " sets " + variable + " (env or secretKeys), which no placeholder of its configuration reads"));
                env.forEach((variable, value) -> problems.addAll(serviceUrlProblems(where + ": " + module + " " + variable, str(value))));
            }
        });
        assertThat(problems).as("environment of the Kubernetes workloads").isEmpty();
    }

    /**
     * Actuator (health details, Prometheus, info) listens on a port of its own, the service's port + 1000, which the
     * chart's Service and Ingress never expose and compose does not publish; probes and the health check ask it there.
     */
    @Test
    void shouldServeActuatorOnAPortNoServiceOrIngressExposes() {
        List<String> problems = new ArrayList<>();
        for (String module : serviceModules) {
            Integer port = configurations.get(module).port();
            String yml = RepositoryRoot.read(root.resolve(module).resolve("src/main/resources/application.yml"));
            String expected = "${MANAGEMENT_PORT:" + (port == null ? "?" : port + 1000) + "}";
            if (!Pattern.compile("(?s)\\nmanagement:\\n.*?\\n  server:\\n    port: " + Pattern.quote(expected)).matcher(yml).find()) {
                problems.add(module + "/src/main/resources/application.yml: management.server.port is not " + expected);
            }
        }
        String template = RepositoryRoot.read(root.resolve(CHART).resolve("templates/_workload.tpl"));
        String service = template.substring(template.indexOf("kind: Service"), template.indexOf("kind: PodDisruptionBudget"));
        if (service.contains("management")) {
            problems.add(CHART + "/templates/_workload.tpl: the Service exposes the management port");
        }
        if (!template.contains("port: management")) {
            problems.add(CHART + "/templates/_workload.tpl: the probes do not ask the management port");
        }
        String healthcheck = RepositoryRoot.read(root.resolve("docker/healthcheck"));
        if (!healthcheck.contains("MANAGEMENT_PORT")) {
            problems.add("docker/healthcheck does not ask the management port");
        }
        assertThat(problems).as("Actuator's own port").isEmpty();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private record PortMapping(String published, String target) {
        @Override
        public String toString() {
            return published + ":" + target;
        }
    }

    private List<String> composedServiceModules() {
        return serviceModules.stream().filter(services()::containsKey).toList();
    }

    /** Checks each service module that compose defines and whose configuration could be read; reports the others. */
    private void forEachComposedService(Collection<String> problems, BiConsumer<String, ServiceConfiguration> check) {
        for (String module : composedServiceModules()) {
            ServiceConfiguration configuration = configurations.get(module);
            if (configuration.problem() != null) {
                problems.add(configuration.problem());
            } else {
                check.accept(module, configuration);
            }
        }
    }

    private Set<String> unknownVariables(Collection<String> variables, ServiceConfiguration configuration) {
        Set<String> read = configuration.environmentVariables();
        Set<String> unknown = new TreeSet<>();
        for (String variable : variables) {
            boolean readWithoutPlaceholder = JVM_VARIABLES.contains(variable)
                    || RELAXED_BINDING_PREFIXES.stream().anyMatch(variable::startsWith);
            if (!read.contains(variable) && !readWithoutPlaceholder) {
                unknown.add(variable);
            }
        }
        return unknown;
    }

    /** Whether a variable names the host: in a URL (scheme://host, user@host), or as the value of a *_HOST(S)-like variable. */
    private static boolean reaches(String variable, String value, String host) {
        if (value == null) {
            return false;
        }
        String quoted = Pattern.quote(host);
        return Pattern.compile("(//|@)" + quoted + "($|[:/,])").matcher(value).find()
                || (HOST_VARIABLE.matcher(variable).matches()
                        && Pattern.compile("(^|,)" + quoted + "($|[:,])").matcher(value).find());
    }

    /** A URL naming a *-service host must name a module and use that module's port. */
    private List<String> serviceUrlProblems(String where, String value) {
        List<String> problems = new ArrayList<>();
        if (value == null) {
            return problems;
        }
        Matcher url = SERVICE_URL.matcher(value);
        while (url.find()) {
            String host = url.group(1);
            if (!serviceModules.contains(host)) {
                problems.add(where + "=" + value + " names " + host + ", which is not a -service module");
                continue;
            }
            Integer port = configurations.get(host).port();
            if (port != null && !String.valueOf(port).equals(url.group(2))) {
                problems.add(where + "=" + value + " should reach " + host + " on its port " + port);
            }
        }
        return problems;
    }

    private List<String> portProblems(String file, Map<String, Object> services) {
        List<String> problems = new ArrayList<>();
        services.forEach((name, entry) -> {
            ServiceConfiguration configuration = configurations.get(name);
            Object port = map(entry).get("port");
            if (configuration == null || (port == null && file.equals("values-prod.yaml"))) {
                return;
            }
            if (configuration.port() == null) {
                problems.add(configuration.problem());
            } else if (!String.valueOf(configuration.port()).equals(str(port))) {
                problems.add(CHART + "/" + file + ": services." + name + ".port is " + port + ", but " + name
                        + " listens on " + configuration.port());
            }
        });
        return problems;
    }

    private List<String> cycleFrom(String service, List<String> path, Map<String, Map<String, Object>> services) {
        if (path.contains(service)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(service), path.size()));
            cycle.add(service);
            return cycle.get(0).equals(path.get(0)) ? cycle : null; // report each cycle from one of its own members only
        }
        path.add(service);
        for (String next : map(map(services.get(service)).get("depends_on")).keySet()) {
            if (services.containsKey(next)) {
                List<String> cycle = cycleFrom(next, path, services);
                if (cycle != null) {
                    return cycle;
                }
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    private Map<String, Object> compose() {
        if (compose == null) {
            compose = YamlFiles.loadMap(root.resolve(COMPOSE_FILE));
        }
        return compose;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> services() {
        Object services = compose().get("services");
        assertThat(services).as(COMPOSE_FILE + " has a services mapping").isInstanceOf(Map.class);
        return (Map<String, Map<String, Object>>) services;
    }

    private Map<String, Object> values(String file) {
        return YamlFiles.loadMap(root.resolve(CHART).resolve(file));
    }

    private static String buildContext(Map<String, Object> service) {
        Object build = service.get("build");
        return build instanceof Map<?, ?> map ? str(map.get("context")) : str(build);
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        return keyValues(service.get("environment"));
    }

    /** A compose key/value block in either of its forms: a mapping, or a list of KEY=VALUE. */
    private static Map<String, String> keyValues(Object block) {
        Map<String, String> values = new TreeMap<>();
        if (block instanceof Map<?, ?> map) {
            map.forEach((k, v) -> values.put(k.toString(), str(v)));
        } else if (block instanceof List<?> list) {
            for (Object item : list) {
                String entry = item.toString();
                int equals = entry.indexOf('=');
                values.put(equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? null : entry.substring(equals + 1));
            }
        }
        return values;
    }

    private static List<PortMapping> ports(Map<String, Object> service) {
        List<PortMapping> mappings = new ArrayList<>();
        for (Object port : list(service.get("ports"))) {
            if (port instanceof Map<?, ?> longSyntax) {
                mappings.add(new PortMapping(str(longSyntax.get("published")), str(longSyntax.get("target"))));
                continue;
            }
            String[] parts = port.toString().replaceFirst("/(tcp|udp)$", "").split(":");
            mappings.add(switch (parts.length) {
                case 1 -> new PortMapping(null, parts[0]);
                case 2 -> new PortMapping(parts[0], parts[1]);
                default -> new PortMapping(parts[parts.length - 2], parts[parts.length - 1]);
            });
        }
        return mappings;
    }

    private static boolean containsMergeKey(Object node) {
        if (node instanceof Map<?, ?> map) {
            return map.containsKey("<<") || map.values().stream().anyMatch(DeploymentDescriptorsTest::containsMergeKey);
        }
        return node instanceof List<?> list && list.stream().anyMatch(DeploymentDescriptorsTest::containsMergeKey);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
