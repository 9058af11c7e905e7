package com.waqup.catalog.review;

import java.util.UUID;

import com.waqup.common.paging.PageQuery;
import com.waqup.common.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/catalog/packs/{id}/reviews")
class ReviewController {

    static final int TEXT_MAX = 2000;

    private final ReviewService reviews;

    ReviewController(ReviewService reviews) {
        this.reviews = reviews;
    }

    record ReviewRequest(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = TEXT_MAX) String text) {
    }

    @PostMapping
    @Operation(summary = "Rate and review a pack you have (a second review replaces your first)",
            description = "201 for your first review, 200 when it replaces your earlier one. Not for the pack's creator.")
    ResponseEntity<ReviewService.ReviewView> post(AuthenticatedUser user, @PathVariable UUID id,
            @Valid @RequestBody ReviewRequest body) {
        ReviewService.Posted posted = reviews.post(user.id(), id, body.rating(), body.text());
        return ResponseEntity.status(posted.created() ? HttpStatus.CREATED : HttpStatus.OK).body(posted.review());
    }

    @GetMapping
    @Operation(summary = "A pack's reviews, newest first")
    ReviewService.ReviewList list(AuthenticatedUser user, @PathVariable UUID id, PageQuery page) {
        return reviews.list(user.id(), id, page);
    }
}
