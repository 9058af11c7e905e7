package com.waqup.catalog.pack;

import java.util.List;
import java.util.UUID;

import com.waqup.common.paging.PageQuery;
import com.waqup.common.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The seed's Marketplace APIs for browsing: search the published packs and open one. */
@RestController
@RequestMapping("/api/v1/catalog/packs")
class CatalogController {

    private final CatalogService catalog;

    CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "Search the published packs",
            description = "Full text over title, description, tags, practice titles and creator name: typo-tolerant, "
                    + "prefix-friendly, with domain synonyms and accent folding; filters narrow without changing the order. "
                    + "Without search, the best-rated packs come first.")
    @ApiResponse(responseCode = "200", description = "The result page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CatalogService.PackList.class)))
    ResponseEntity<byte[]> list(PageQuery page,
            @Parameter(description = "Words to search for (at most 200 characters)") @RequestParam(required = false) String search,
            @Parameter(description = "Only packs carrying every one of these tags (repeat the parameter or separate with commas)")
            @RequestParam(required = false) List<String> tags,
            @RequestParam(name = "creator_id", required = false) UUID creatorId,
            @Parameter(description = "free, one_time or subscription") @RequestParam(name = "price_type", required = false) String priceType) {
        // the answer's JSON as cached (CatalogService.search): written as is, not serialized again per request
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(catalog.search(CatalogService.criteria(search, tags, creatorId, priceType, page), page));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A published pack with its practices and whether you have access to it")
    CatalogService.PackDetail detail(AuthenticatedUser user, @PathVariable UUID id) {
        return catalog.detail(id, user.id());
    }
}
