package com.waqup.catalog.recommend;

import com.waqup.common.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RecommendationController {

    private final RecommendationService recommendations;

    RecommendationController(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GetMapping("/api/v1/catalog/recommendations")
    @Operation(summary = "Packs for you, from your intents and practice history, each with the reason",
            description = "Leaves out packs you created or already have. Without any history: well-rated popular packs.")
    RecommendationService.Recommendations recommend(AuthenticatedUser user) {
        return recommendations.recommend(user.id());
    }
}
