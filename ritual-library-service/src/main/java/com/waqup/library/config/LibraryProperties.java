package com.waqup.library.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The library's settings ({@code waqup.library.*}, docs/library.md).
 *
 * @param audioUrlTtl          how long a pre-signed audio URL is valid (SigV4 allows at most 7 days)
 * @param metadataTtl          how long an item's metadata stays in Redis ({@code ritual:{id}:metadata})
 * @param shareBaseUrl         the public base URL that share links start with (the gateway)
 * @param shareDefaultHours    a share link's lifetime when the request names none
 * @param shareMaxHours        the longest lifetime a share link may ask for
 * @param cleanupInterval      how often pending S3 deletions are retried
 */
@ConfigurationProperties("waqup.library")
@Validated
public record LibraryProperties(
        @NotNull @DefaultValue("1h") Duration audioUrlTtl,
        @NotNull @DefaultValue("1h") Duration metadataTtl,
        @NotBlank @DefaultValue("http://127.0.0.1:8080") String shareBaseUrl,
        @Min(1) @Max(720) @DefaultValue("168") int shareDefaultHours,
        @Min(1) @Max(720) @DefaultValue("720") int shareMaxHours,
        @NotNull @DefaultValue("1m") Duration cleanupInterval) {
}
