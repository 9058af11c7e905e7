package com.waqup.common.test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code monitoring/metrics.yml}: the metrics the alert rules and dashboards read, and which service exposes each.
 * Services check their real {@code /actuator/prometheus} against it ({@link ServiceContractIT}); the alert rules are
 * checked against it ({@code AlertRulesTest}).
 */
public final class MonitoredMetrics {

    private MonitoredMetrics() {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> file() {
        String text = RepositoryRoot.read(RepositoryRoot.path().resolve("monitoring/metrics.yml"));
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    /** What {@code service} must expose: the metrics of every service and its own. */
    @SuppressWarnings("unchecked")
    public static Set<String> of(String service) {
        Map<String, Object> file = file();
        Map<String, List<String>> services = (Map<String, List<String>>) file.get("services");
        if (!services.containsKey(service)) {
            throw new IllegalArgumentException(service + " is not listed in monitoring/metrics.yml");
        }
        Set<String> names = new TreeSet<>(services.get(service));
        if (!service.equals("gateway-service")) {
            names.addAll((List<String>) file.get("every-service"));
        }
        return names;
    }

    /** Every metric some service exposes, plus the series Prometheus makes itself ({@code up}). */
    @SuppressWarnings("unchecked")
    public static Set<String> all() {
        Map<String, Object> file = file();
        Set<String> names = new TreeSet<>((List<String>) file.get("every-service"));
        ((Map<String, List<String>>) file.get("services")).values().forEach(names::addAll);
        names.addAll((List<String>) file.get("prometheus"));
        return names;
    }

    /** The names of {@code expected} that have no sample in a Prometheus text exposition. */
    public static Set<String> missingFrom(String exposition, Set<String> expected) {
        Set<String> missing = new TreeSet<>();
        for (String name : expected) {
            if (!Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(exposition).find()) {
                missing.add(name);
            }
        }
        return missing;
    }
}
