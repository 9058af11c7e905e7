package com.waqup.creator.analytics;

import java.time.LocalDate;
import java.util.UUID;

import com.waqup.common.security.AuthenticatedUser;
import com.waqup.creator.profile.Creators;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/creators/me/packs/{id}/analytics?from&to} (ISO dates, UTC days, both included). */
@RestController
class AnalyticsController {

    private final AnalyticsService analytics;

    AnalyticsController(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @GetMapping("/api/v1/creators/me/packs/{id}/analytics")
    AnalyticsService.Report report(AuthenticatedUser user, @PathVariable UUID id,
            @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return analytics.report(Creators.require(user), id, from, to);
    }
}
