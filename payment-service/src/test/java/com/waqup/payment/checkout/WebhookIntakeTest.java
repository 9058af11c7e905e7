package com.waqup.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** What the intake reads of an event before storing it: its top-level id and type, from one well-formed JSON object. */
class WebhookIntakeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void shouldReadTheTopLevelIdAndTypeAndNotThoseOfTheEventsObject() {
        String event = """
                {"object":"event","data":{"object":{"id":"cs_test_1","type":"inner","metadata":{"id":"x"}},"previous":[1,{"type":"y"}]},
                 "id":"evt_1","api_version":"2025-01-27","livemode":false,"type":"checkout.session.completed","created":1733600000}""";

        assertThat(WebhookIntake.head(JSON, event)).isEqualTo(new WebhookIntake.Head("evt_1", "checkout.session.completed"));
    }

    @Test
    void shouldLeaveAnIdOrTypeThatIsNotAStringOut() {
        assertThat(WebhookIntake.head(JSON, "{\"id\":42,\"type\":{\"a\":1}}")).isEqualTo(new WebhookIntake.Head(null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "[]", "\"evt\"", "{\"id\":\"evt_1\",\"type\":\"t\"", "{\"id\":\"evt_1\"} {}",
            "{\"id\":\"evt_1\",\"data\":{\"object\":}}", "" })
    void shouldRefuseWhatIsNotOneWellFormedObject(String payload) {
        assertThatThrownBy(() -> WebhookIntake.head(JSON, payload)).isInstanceOf(RuntimeException.class);
    }
}
