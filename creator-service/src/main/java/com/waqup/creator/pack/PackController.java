package com.waqup.creator.pack;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import com.waqup.common.error.DomainException;
import com.waqup.common.paging.PageQuery;
import com.waqup.common.security.AuthenticatedUser;
import com.waqup.creator.profile.Creators;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The creator's packs ({@code /api/v1/creators/me/packs}, creator role). Request bodies use the catalog's field names
 * ({@code price_amount} decimal, {@code price_type}, {@code subscription_interval}, {@code tags}).
 */
@RestController
@RequestMapping("/api/v1/creators/me/packs")
class PackController {

    private final PackService packs;
    private final PackRules rules;

    PackController(PackService packs, PackRules rules) {
        this.packs = packs;
        this.rules = rules;
    }

    /** A pack's metadata; a PUT replaces all of it (an absent field becomes empty or its default). */
    record PackRequest(String title, String description, String priceType, BigDecimal priceAmount, String currency,
            String subscriptionInterval, @Size(max = 100) List<String> tags, String coverUrl) {
    }

    record ItemsRequest(List<UUID> contentIds) {
    }

    /** One item's settings: whether buyers may personalize it (required; checked after the role, like the items list). */
    record ItemSettingsRequest(Boolean personalizable) {
    }

    private Pack.Metadata metadata(PackRequest body) {
        return rules.metadata(body.title(), body.description(), body.priceType(), body.priceAmount(), body.currency(),
                body.subscriptionInterval(), body.tags(), body.coverUrl());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PackService.PackView create(AuthenticatedUser user, @Valid @RequestBody PackRequest body) {
        UUID creator = Creators.require(user);
        return packs.create(creator, metadata(body));
    }

    @GetMapping
    PackService.PackPage list(AuthenticatedUser user, PageQuery page,
            @RequestParam(name = "status", required = false) String status) {
        return packs.list(Creators.require(user), status, page);
    }

    @GetMapping("/{id}")
    PackService.PackView get(AuthenticatedUser user, @PathVariable UUID id) {
        return packs.get(Creators.require(user), id);
    }

    @PutMapping("/{id}")
    PackService.PackView update(AuthenticatedUser user, @PathVariable UUID id, @Valid @RequestBody PackRequest body) {
        UUID creator = Creators.require(user);
        return packs.update(creator, id, metadata(body));
    }

    @PutMapping("/{id}/items")
    PackService.PackView items(AuthenticatedUser user, @PathVariable UUID id, @RequestBody ItemsRequest body) {
        UUID creator = Creators.require(user);
        if (body.contentIds() == null) {
            throw DomainException.invalidField("content_ids", "is required (an ordered list of content ids)");
        }
        return packs.setItems(creator, id, body.contentIds());
    }

    @PutMapping("/{id}/items/{itemId}")
    PackService.PackView item(AuthenticatedUser user, @PathVariable UUID id, @PathVariable UUID itemId,
            @RequestBody ItemSettingsRequest body) {
        UUID creator = Creators.require(user);
        if (body.personalizable() == null) {
            throw DomainException.invalidField("personalizable", "is required (true or false)");
        }
        return packs.setPersonalizable(creator, id, itemId, body.personalizable());
    }

    @PostMapping("/{id}/publish")
    PackService.PackView publish(AuthenticatedUser user, @PathVariable UUID id) {
        return packs.publish(Creators.require(user), id);
    }

    @PostMapping("/{id}/archive")
    PackService.PackView archive(AuthenticatedUser user, @PathVariable UUID id) {
        return packs.archive(Creators.require(user), id);
    }

    @GetMapping("/{id}/revisions")
    PackService.RevisionPage revisions(AuthenticatedUser user, @PathVariable UUID id, PageQuery page) {
        return packs.revisions(Creators.require(user), id, page);
    }
}
