package com.waqup.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import com.waqup.common.config.KnownDefaultSecrets.KnownDefaultSecretException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class KnownDefaultSecretsTest {

    static final Map<String, Object> LOCAL_DEFAULTS = Map.of(
            "spring.application.name", "payment-service",
            "waqup.security.service-client.secret", "local-dev-service-secret",
            "waqup.identity.service-client-master-key", "local-dev-service-master-key",
            "waqup.payments.erasure-pepper", "local-dev-pepper",
            "waqup.identity.signing-key-encryption-keys", "local-dev:d2FxdXAtbG9jYWwtZGV2ZWxvcG1lbnQtb25seS1rZXk=",
            "spring.rabbitmq.password", "guest");

    static StandardEnvironment environment(Map<String, Object> properties, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        environment.setActiveProfiles(profiles);
        return environment;
    }

    static void check(StandardEnvironment environment) {
        new KnownDefaultSecrets().postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void shouldRefuseAnEmptyServiceSecretLikeAMissingOne() {
        assertThatThrownBy(() -> check(environment(Map.of("spring.application.name", "credit-service",
                "waqup.security.service-client.secret", ""), "production")))
                .isInstanceOf(KnownDefaultSecretException.class).hasMessageContaining("SERVICE_CLIENT_SECRET");
    }

    @Test
    void shouldRefuseEveryPublicDefaultInProductionNamingItsVariableButNotItsValue() {
        assertThatThrownBy(() -> check(environment(LOCAL_DEFAULTS, "production")))
                .isInstanceOf(KnownDefaultSecretException.class)
                .hasMessageContaining("payment-service")
                .hasMessageContaining("SERVICE_CLIENT_SECRET").hasMessageContaining("SERVICE_CLIENT_MASTER_KEY")
                .hasMessageContaining("SIGNING_KEY_ENCRYPTION_KEYS")
                .hasMessageContaining("PAYMENTS_ERASURE_PEPPER").hasMessageContaining("RABBITMQ_PASSWORD")
                .hasMessageNotContaining("local-dev-service-secret").hasMessageNotContaining("guest");
    }

    @Test
    void shouldRefuseThemOnKubernetesEvenWithoutTheProductionProfile() {
        Map<String, Object> onKubernetes = new java.util.HashMap<>(LOCAL_DEFAULTS);
        onKubernetes.put("spring.main.cloud-platform", "kubernetes");
        assertThatThrownBy(() -> check(environment(onKubernetes))).isInstanceOf(KnownDefaultSecretException.class);
        assertThatCode(() -> check(environment(onKubernetes, "local"))).as("a developer's own cluster").doesNotThrowAnyException();
    }

    @Test
    void shouldStartWithTheLocalDefaultsOnADevelopersMachineAndWithRealSecretsInProduction() {
        assertThatCode(() -> check(environment(LOCAL_DEFAULTS))).doesNotThrowAnyException();
        assertThatCode(() -> check(environment(Map.of(
                "waqup.security.service-client.secret", "s3cr3t-of-this-deployment",
                "waqup.identity.signing-key-encryption-keys", "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "spring.rabbitmq.password", "another"), "production"))).doesNotThrowAnyException();
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    @Test
    void shouldStopAStartingApplicationWithAShortReportOfWhatToSet(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE)
                .profiles("production").properties("waqup.security.service-client.secret=local-dev-service-secret",
                        "spring.main.banner-mode=off");
        assertThatThrownBy(app::run).isInstanceOf(KnownDefaultSecretException.class);
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Set SERVICE_CLIENT_SECRET")
                .doesNotContain("local-dev-service-secret");
    }
}
