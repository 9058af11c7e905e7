package com.waqup.common.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Outside a developer's machine a service does not start with a secret whose value is the public default of the
 * local set-up (docs/deployment.md, Secrets). "Outside" is: the {@code production} profile, or running on
 * Kubernetes (Spring Boot's cloud-platform detection), unless the {@code local} profile is active (a developer's own
 * cluster). Each refused value is named by the variable that sets it; the values themselves are never printed.
 */
public class KnownDefaultSecrets implements EnvironmentPostProcessor, Ordered {

    /** A setting, the variable operators set it with, and the local default that must not reach a real deployment. */
    record Known(String property, String variable, String localDefault, boolean prefix) {

        boolean isDefault(String value) {
            // set but empty counts as missing: ServiceCredentials would fall back to the public local derivation
            return value != null && (value.isBlank() || (prefix ? value.startsWith(localDefault) : value.equals(localDefault)));
        }
    }

    static final List<Known> KNOWN = List.of(
            new Known("waqup.security.service-client.secret", "SERVICE_CLIENT_SECRET", "local-dev-service-secret", false),
            new Known("waqup.identity.service-client-master-key", "SERVICE_CLIENT_MASTER_KEY", "local-dev-service-master-key", false),
            new Known("waqup.identity.signing-key-encryption-keys", "SIGNING_KEY_ENCRYPTION_KEYS", "local-dev:", true),
            new Known("waqup.payments.erasure-pepper", "PAYMENTS_ERASURE_PEPPER", "local-dev-pepper", false),
            new Known("spring.rabbitmq.password", "RABBITMQ_PASSWORD", "guest", false));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!outsideADevelopersMachine(environment)) {
            return;
        }
        List<String> refused = new ArrayList<>();
        for (Known known : KNOWN) {
            if (known.isDefault(environment.getProperty(known.property()))) {
                refused.add(known.variable());
            }
        }
        if (!refused.isEmpty()) {
            throw new KnownDefaultSecretException(environment.getProperty("spring.application.name", "this service"), refused);
        }
    }

    static boolean outsideADevelopersMachine(ConfigurableEnvironment environment) {
        List<String> profiles = Arrays.asList(environment.getActiveProfiles());
        if (profiles.contains("local")) {
            return false;
        }
        return profiles.contains("production") || CloudPlatform.getActive(environment) == CloudPlatform.KUBERNETES;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after application.yml, the environment and the command line are all read
    }

    /** The start-up refusal; {@link KnownDefaultSecretFailureAnalyzer} turns it into a short report. */
    public static class KnownDefaultSecretException extends IllegalStateException {

        private final List<String> variables;

        KnownDefaultSecretException(String service, List<String> variables) {
            super(service + " will not start with the public local default of " + String.join(", ", variables)
                    + " outside a developer's machine");
            this.variables = List.copyOf(variables);
        }

        public List<String> variables() {
            return variables;
        }
    }
}
