package com.waqup.common.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.waqup.common.test.MonitoredMetrics;
import com.waqup.common.test.RepositoryRoot;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert rules (monitoring/prometheus/waqup-alerts.yml) and the Grafana dashboards (monitoring/grafana/) name only
 * metrics the services really expose: every
 * metric in an expression must be listed in monitoring/metrics.yml, and every service's ServiceContractIT (and the
 * gateway's GatewayMetricsIT) checks its real /actuator/prometheus for what that file lists for it. An alert on a
 * metric nobody exposes never fires; this is what stops one from being merged.
 */
class AlertRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path RULES = RepositoryRoot.path().resolve("monitoring/prometheus/waqup-alerts.yml");

    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPINGS = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?");

    /** The metric names a PromQL expression reads: identifiers that are not functions, keywords or labels. */
    static Set<String> metricsIn(String expr) {
        String s = STRINGS.matcher(expr).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = GROUPINGS.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group(1);
            if (m.group(2) == null && !PROMQL_WORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> alerts() {
        Map<String, Object> file = YamlFiles.loadMap(RULES);
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                assertThat(alerts.put((String) rule.get("alert"), rule)).as("alert names are unique").isNull();
            }
        }
        return alerts;
    }

    @Test
    void shouldReadTheMetricNamesOfAnExpression() {
        assertThat(metricsIn("histogram_quantile(0.95, sum by (application, le) (rate(http_server_requests_seconds_bucket"
                + "{uri!~\"/actuator.*\", status=\"5xx\"}[5m]))) > 1 and on(job) up == 0 or vector(0)"))
                .containsExactly("http_server_requests_seconds_bucket", "up");
        assertThat(metricsIn("1 - disk_free_bytes / disk_total_bytes > 0.8"))
                .containsExactly("disk_free_bytes", "disk_total_bytes");
        assertThat(metricsIn("sum(increase(waqup_no_such_metric_total[30m])) > 0")).containsExactly("waqup_no_such_metric_total");
    }

    @Test
    void shouldNameOnlyMetricsTheServicesExpose() {
        Set<String> exposed = MonitoredMetrics.all();
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        alerts().forEach((name, rule) -> {
            Set<String> metrics = metricsIn((String) rule.get("expr"));
            assertThat(metrics).as("%s reads at least one metric", name).isNotEmpty();
            metrics.removeAll(exposed);
            if (!metrics.isEmpty()) {
                unknown.put(name, metrics);
            }
        });
        assertThat(unknown).as("alerts naming metrics no service exposes (monitoring/metrics.yml)").isEmpty();
    }

    @Test
    void shouldDrawTheDashboardsOnlyFromMetricsTheServicesExpose() throws IOException {
        Set<String> exposed = MonitoredMetrics.all();
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(RepositoryRoot.path().resolve("monitoring/grafana"))) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards).extracting(f -> f.getFileName().toString())
                .containsExactly("creation-pipeline.json", "money.json", "platform-overview.json");
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        for (Path dashboard : dashboards) {
            JsonNode root = JSON.readTree(Files.readString(dashboard));
            assertThat(root.path("uid").asString()).as("%s has a stable uid", dashboard).startsWith("waqup-");
            int queries = 0;
            for (JsonNode panel : root.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries++;
                    Set<String> metrics = metricsIn(target.path("expr").asString());
                    assertThat(metrics).as("%s / %s reads a metric", dashboard.getFileName(), panel.path("title").asString())
                            .isNotEmpty();
                    metrics.removeAll(exposed);
                    if (!metrics.isEmpty()) {
                        unknown.put(dashboard.getFileName() + " / " + panel.path("title").asString(), metrics);
                    }
                }
            }
            assertThat(queries).as("%s draws something", dashboard).isGreaterThan(5);
        }
        assertThat(unknown).as("dashboard panels reading metrics no service exposes (monitoring/metrics.yml)").isEmpty();
    }

    @Test
    void shouldShipTheseRulesAndDashboardsInTheChart() throws IOException {
        Path chart = RepositoryRoot.path().resolve("k8s/waqup");
        assertThat(Files.isSameFile(chart.resolve("monitoring/prometheus/waqup-alerts.yml"), RULES))
                .as("k8s/waqup/monitoring links to monitoring/: the PrometheusRule is this very file").isTrue();
        String template = Files.readString(chart.resolve("templates/monitoring.yaml"));
        assertThat(template).contains(".Files.Get \"monitoring/prometheus/waqup-alerts.yml\"")
                .contains(".Files.Glob \"monitoring/grafana/*.json\"").contains("kind: PrometheusRule").contains("kind: PodMonitor");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveEveryAlertASeverityAndASummary() {
        alerts().forEach((name, rule) -> {
            assertThat(name).startsWith("Waqup");
            assertThat((Map<String, Object>) rule.get("labels")).as(name).containsKey("severity");
            assertThat(((Map<String, Object>) rule.get("labels")).get("severity")).as(name).isIn("warning", "critical");
            assertThat((Map<String, Object>) rule.get("annotations")).as(name).containsKeys("summary", "description");
        });
    }

    @Test
    void shouldAlertOnTheSeedsThresholdsAndThePlatformsOwn() {
        Map<String, Map<String, Object>> alerts = alerts();
        assertThat(alerts).containsKeys("WaqupApiLatencyHigh", "WaqupApiErrorRateHigh", "WaqupCacheHitRateLow",
                "WaqupStorageAlmostFull", "WaqupDeadLetterQueueNotEmpty", "WaqupOutboxBacklogGrowing",
                "WaqupHoldSweeperReleasingHolds", "WaqupWebhookHandlingFailing");
        assertThat((String) alerts.get("WaqupApiLatencyHigh").get("expr")).contains("0.95").containsPattern("\\) > 1\\s*$");
        assertThat((String) alerts.get("WaqupApiErrorRateHigh").get("expr")).containsPattern("> 0.01\\s*$");
        assertThat((String) alerts.get("WaqupCacheHitRateLow").get("expr")).contains("< 0.8");
        assertThat((String) alerts.get("WaqupStorageAlmostFull").get("expr")).contains("> 0.8");
        assertThat((String) alerts.get("WaqupDeadLetterQueueNotEmpty").get("expr")).contains("waqup_dlq_depth").contains("> 0");
    }
}
