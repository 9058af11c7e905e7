package com.waqup.catalog.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The catalog's settings ({@code waqup.catalog.*}, docs/catalog.md).
 *
 * @param index            the Elasticsearch alias searches and writes go through; the indices behind it are named
 *                         {@code <index>-v<mapping version>-<timestamp>}
 * @param searchCacheTtl   how long a search's answer stays in Redis ({@code search:{hash}})
 * @param accessService    the {@code waqup.services.*} entry of ritual-library, which owns pack access
 * @param recommendations  how many recommendations {@code GET /recommendations} answers at most
 */
@ConfigurationProperties("waqup.catalog")
@Validated
public record CatalogProperties(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9_.-]*", message = "must be a lower-case Elasticsearch name")
        @DefaultValue("catalog-packs") String index,
        @NotNull @DefaultValue("5m") Duration searchCacheTtl,
        @NotBlank @DefaultValue("ritual-library-service") String accessService,
        @Min(1) @DefaultValue("10") int recommendations) {
}
