package com.waqup.user.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Admin is granted only by an operator command, never through the API. */
class OperatorCommandsIT extends ServiceITSupport {

    @Autowired
    OperatorCommands operator;

    @Test
    void shouldGrantAdminOnlyThroughTheOperatorCommand() {
        String email = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String password = "steady-harbour-" + UUID.randomUUID().toString().substring(0, 4);
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        assertThat(Http.post(url("/api/v1/auth/register"), credentials, "Content-Type", "application/json").status()).isEqualTo(201);

        assertThat(operator.execute("grant-admin", " " + email.toUpperCase())).isZero();
        assertThat(operator.execute("grant-admin", "nobody-" + UUID.randomUUID() + "@example.com")).isEqualTo(1);
        assertThat(operator.execute("make-me-rich", email)).isEqualTo(2);

        String token = Http.post(url("/api/v1/auth/login"), credentials, "Content-Type", "application/json").json()
                .path("token").asString();
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(JsonMapper.builder().build().readTree(claims).path("roles").toString()).contains("admin", "user");
    }
}
