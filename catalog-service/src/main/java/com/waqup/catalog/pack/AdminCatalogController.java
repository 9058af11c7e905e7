package com.waqup.catalog.pack;

import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.security.AuthenticatedUser;
import com.waqup.common.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations on the search index, for administrators (the gateway also requires the admin role on /api/v1/admin/**). */
@RestController
@RequestMapping("/api/v1/admin/catalog")
class AdminCatalogController {

    private static final Logger log = LoggerFactory.getLogger(AdminCatalogController.class);

    private final PackIndex index;
    private final SearchCache cache;

    AdminCatalogController(PackIndex index, SearchCache cache) {
        this.index = index;
        this.cache = cache;
    }

    @PostMapping("/reindex")
    @Operation(summary = "Rebuild the search index from the catalog's projection and swap it in with zero downtime")
    PackIndex.Rebuild reindex(AuthenticatedUser user) {
        if (!user.hasRole(Roles.ADMIN)) {
            throw new DomainException(ErrorKind.FORBIDDEN, "FORBIDDEN", "Only administrators may rebuild the search index");
        }
        try {
            PackIndex.Rebuild rebuild = index.rebuild();
            cache.invalidate();
            log.info("search index rebuilt by {}", user.id());
            return rebuild;
        } catch (PackIndex.RebuildRunningException e) {
            throw DomainException.conflict("REINDEX_RUNNING", "A rebuild of the search index is already running");
        } catch (Elasticsearch.ElasticsearchException e) {
            log.error("reindex failed: {}", e.getMessage());
            throw DomainException.unavailable("SEARCH_UNAVAILABLE", "The search index could not be rebuilt; try again shortly");
        }
    }
}
