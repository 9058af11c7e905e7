package com.waqup.user.privacy;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account export and erasure (docs/privacy.md).
 *
 * @param participants   every service that holds personal data: name (as in {@code user.deleted.{name}}) → base URL
 *                       of its {@code /internal/users/{id}/export}
 * @param exportTimeout  read timeout of one participant's export
 */
@ConfigurationProperties("waqup.privacy")
public record PrivacyProperties(Map<String, String> participants, @DefaultValue("10s") Duration exportTimeout) {

    public PrivacyProperties {
        participants = participants == null ? Map.of() : Map.copyOf(participants);
    }
}
