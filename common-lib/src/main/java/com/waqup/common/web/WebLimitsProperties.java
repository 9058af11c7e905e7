package com.waqup.common.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits every servlet service applies to what a caller sends ({@code waqup.limits.*}).
 *
 * @param maxRequestSize a request body larger than this is refused with 413, whether its length is declared
 *                       ({@code Content-Length}) or only found out while reading it (chunked)
 */
@ConfigurationProperties("waqup.limits")
public record WebLimitsProperties(@DefaultValue("1MB") DataSize maxRequestSize) {
}
