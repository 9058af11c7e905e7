package com.waqup.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.waqup.common.test.Http;
import com.waqup.common.test.MonitoredMetrics;
import org.junit.jupiter.api.Test;

/**
 * The gateway exposes on its Actuator port what the alert rules and dashboards read of it (monitoring/metrics.yml):
 * per-route request histograms (latency percentiles and error rates at the edge) and the disk gauges.
 */
class GatewayMetricsIT extends GatewayITSupport {

    @Test
    void shouldExposeEveryMetricTheAlertsAndDashboardsReadOfIt() {
        assertThat(Http.get(url("/api/v1/credits/balance"), asUser()).status()).isEqualTo(200);
        String exposition = Http.get(managementUrl("/actuator/prometheus")).body();
        assertThat(MonitoredMetrics.missingFrom(exposition, MonitoredMetrics.of("gateway-service")))
                .as("metrics monitoring/metrics.yml expects of the gateway that its /actuator/prometheus lacks").isEmpty();
        assertThat(exposition).as("latency histograms, not only averages")
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*le=\"");
    }
}
