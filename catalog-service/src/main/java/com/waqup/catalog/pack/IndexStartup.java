package com.waqup.catalog.pack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On start: makes sure the search alias exists and carries this build's mapping version (building or rebuilding it
 * from the projection, behind the alias). Elasticsearch being down does not stop the service: readiness shows it, and
 * the next start or {@code POST /api/v1/admin/catalog/reindex} builds the index.
 */
@Component
class IndexStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IndexStartup.class);

    private final PackIndex index;

    IndexStartup(PackIndex index) {
        this.index = index;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            index.ensureReady();
        } catch (RuntimeException e) {
            log.error("search index {} could not be prepared (reindex once Elasticsearch is back): {}", index.alias(),
                    e.getMessage());
        }
    }
}
