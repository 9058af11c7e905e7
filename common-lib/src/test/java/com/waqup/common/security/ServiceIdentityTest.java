package com.waqup.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class ServiceIdentityTest {

    @Test
    void shouldDeriveTheSameSecretAsTheOperatorCommand() {
        // printf '%s' "waqup-service-client:credit-service" | openssl dgst -sha256 -hmac local-dev-service-master-key -binary | base64url
        assertThat(ServiceCredentials.secret("local-dev-service-master-key", "credit-service"))
                .isEqualTo("rfgbE5Ku78ThscO5IigWKNzsahmfuKHZI1Vq5QiuuRE");
        assertThat(ServiceCredentials.secret("another-master", "credit-service"))
                .isNotEqualTo(ServiceCredentials.secret("local-dev-service-master-key", "credit-service"));
        assertThat(ServiceCredentials.secret("m", "credit-service")).isNotEqualTo(ServiceCredentials.secret("m", "user-service"));
    }

    @Test
    void shouldUseTheLocallyDerivedSecretOnlyForTheLocalDefault() {
        assertThat(ServiceCredentials.effective("local-dev-service-secret", "credit-service"))
                .isEqualTo(ServiceCredentials.secret(ServiceCredentials.LOCAL_DEV_MASTER_KEY, "credit-service"));
        assertThat(ServiceCredentials.effective("s3cr3t-from-a-kubernetes-secret", "credit-service"))
                .isEqualTo("s3cr3t-from-a-kubernetes-secret");
    }

    @Test
    void shouldLetOnlyContentGenerationMoveHeldCredits() {
        for (String caller : ServiceGrants.callers()) {
            boolean captures = ServiceGrants.scopes(caller, "credit-service").contains(ServiceGrants.CREDITS_CAPTURE);
            assertThat(captures).as(caller).isEqualTo(caller.equals("content-generation-service"));
        }
        assertThat(ServiceGrants.scopes("content-generation-service", "credit-service"))
                .containsExactlyInAnyOrder(ServiceGrants.CREDITS_HOLD, ServiceGrants.CREDITS_CAPTURE, ServiceGrants.CREDITS_RELEASE);
        assertThat(ServiceGrants.scopes("payment-service", "credit-service")).isEmpty();
        assertThat(ServiceGrants.serviceName("credit")).isEqualTo("credit-service");
        assertThat(ServiceGrants.serviceName("credit-service")).isEqualTo("credit-service");
    }

    @Test
    void shouldGrantServiceAuthoritiesAndScopesOnlyForThisServicesAudience() {
        JwtAuthorities credit = new JwtAuthorities("waqup-api", JwtAuthorities.internalAudience("waqup-internal", "credit-service"));
        Jwt forCredit = jwt(List.of("waqup-internal:credit-service"), List.of("service"), "credits:hold credits:capture");
        assertThat(names(credit, forCredit)).containsExactlyInAnyOrder("ROLE_SERVICE", "SCOPE_credits:hold", "SCOPE_credits:capture");
        Jwt forUsers = jwt(List.of("waqup-internal:user-service"), List.of("service"), "users:read");
        assertThat(names(credit, forUsers)).as("a token for another service").isEmpty();
        Jwt userClaimingService = jwt(List.of("waqup-api"), List.of("user", "service"), "credits:capture");
        assertThat(names(credit, userClaimingService)).as("a person's token never becomes a service's").isEmpty();
        Jwt person = jwt(List.of("waqup-api"), List.of("user", "creator"), null);
        assertThat(names(credit, person)).containsExactlyInAnyOrder("ROLE_USER", "ROLE_CREATOR");
        JwtAuthorities gateway = new JwtAuthorities("waqup-api", null);
        assertThat(names(gateway, forCredit)).as("the gateway takes no service token").isEmpty();
    }

    private static List<String> names(JwtAuthorities authorities, Jwt jwt) {
        return authorities.convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
    }

    private static Jwt jwt(List<String> audience, List<String> roles, String scope) {
        Jwt.Builder b = Jwt.withTokenValue("t").header("alg", "RS256").subject("s").audience(audience).claim("roles", roles)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (scope != null) {
            b.claim("scope", scope);
        }
        return b.build();
    }
}
