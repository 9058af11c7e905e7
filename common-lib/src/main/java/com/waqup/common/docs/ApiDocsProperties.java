package com.waqup.common.docs;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service's OpenAPI document groups its operations ({@code waqup.docs.*}).
 *
 * @param tags the service's domains, in order: an operation belongs to the first tag one of whose {@code paths}
 *             (Ant patterns over the document's paths, e.g. {@code /api/v1/content/*}{@code /play}) matches it. An
 *             operation no tag claims is grouped by the segment after {@code /api/v1/}.
 */
@ConfigurationProperties("waqup.docs")
public record ApiDocsProperties(@DefaultValue({}) List<Tag> tags) {

    /**
     * @param name        shown as the group's title in Swagger UI
     * @param description one sentence: what a client does with these operations
     * @param paths       Ant patterns of the paths in this group
     */
    public record Tag(String name, String description, @DefaultValue({}) List<String> paths) {
    }
}
