package com.waqup.user.privacy;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account export and erasure (docs/privacy.md).
 *
 * @param participants   every service that holds personal data, by its name in {@code user.deleted.{name}} and in
 *                       {@code waqup.services} (where its {@code /internal/users/{id}/export} is)
 * @param exportTimeout  read timeout of one participant's export
 */
@ConfigurationProperties("waqup.privacy")
public record PrivacyProperties(List<String> participants, @DefaultValue("10s") Duration exportTimeout) {

    public PrivacyProperties {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
