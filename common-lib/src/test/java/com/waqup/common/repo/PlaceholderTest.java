package com.waqup.common.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class PlaceholderTest {

    @Test
    void shouldFindEveryPlaceholderWithItsDefault() {
        assertThat(Placeholder.findAll("jdbc:postgresql://${DB_HOST:127.0.0.1}:${DB_PORT:5432}/waqup, ${DB_PASSWORD:}"))
                .extracting(Placeholder::toString)
                .containsExactly("${DB_HOST:127.0.0.1}", "${DB_PORT:5432}", "${DB_PASSWORD:}");
    }

    @Test
    void shouldReadTheVariablesOfNestedDefaultsButNotPropertyReferences() {
        Placeholder nested = Placeholder.findAll("${JWKS_URI:${USER_SERVICE_URL:http://127.0.0.1:8081}/.well-known/jwks.json}").get(0);
        assertThat(nested.environmentVariables()).containsExactly("JWKS_URI", "USER_SERVICE_URL");
        assertThat(Placeholder.findAll("${spring.application.name:waqup}").get(0).environmentVariables()).isEmpty();
    }

    @Test
    void shouldAcceptANestedDefaultPointingAtThisMachineOnlyWhenOneOfItsVariablesIsSet() {
        Placeholder jwks = Placeholder.findAll("${JWKS_URI:${USER_SERVICE_URL:http://127.0.0.1:8081}/jwks}").get(0);
        assertThat(jwks.problemInContainerWith(Set.of())).contains("points at the container itself");
        assertThat(jwks.problemInContainerWith(Set.of("JWKS_URI"))).isNull();
        assertThat(jwks.problemInContainerWith(Set.of("USER_SERVICE_URL"))).isNull();
    }

    @Test
    void shouldRequireAVariableWithoutDefaultButNotAPropertyReference() {
        assertThat(Placeholder.findAll("${STRIPE_SECRET_KEY}").get(0).problemInContainerWith(Set.of()))
                .isEqualTo("${STRIPE_SECRET_KEY} is not set and has no default");
        assertThat(Placeholder.findAll("${spring.application.name}").get(0).problemInContainerWith(Set.of())).isNull();
        assertThat(Placeholder.findAll("${REDIS_PASSWORD:}").get(0).problemInContainerWith(Set.of())).isNull();
        assertThat(Placeholder.findAll("${ES:http://localhost:9200}").get(0).problemInContainerWith(Set.of()))
                .contains("left to its default");
    }

    @Test
    void shouldIgnoreAnUnterminatedPlaceholder() {
        assertThat(Placeholder.findAll("${BROKEN:oops and ${OK:1}")).extracting(Placeholder::name).containsExactly("OK");
    }
}
