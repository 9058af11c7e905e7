package com.waqup.library.practice;

import java.time.Instant;
import java.util.UUID;

import com.waqup.common.paging.PageQuery;
import com.waqup.common.security.AuthenticatedUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The seed's play/complete and history endpoints, and the person's practice stats. */
@RestController
class PracticeController {

    private final PracticeService practice;

    PracticeController(PracticeService practice) {
        this.practice = practice;
    }

    record PlayRequest(Instant startedAt) {
    }

    record CompleteRequest(UUID practiceEventId, Instant completedAt, Integer duration) {
    }

    @PostMapping("/api/v1/content/{id}/play")
    @ResponseStatus(HttpStatus.CREATED)
    PracticeService.Started play(AuthenticatedUser user, @PathVariable UUID id, @RequestBody PlayRequest body) {
        return practice.play(user.id(), id, body.startedAt());
    }

    @PostMapping("/api/v1/content/{id}/complete")
    PracticeService.Completed complete(AuthenticatedUser user, @PathVariable UUID id, @RequestBody CompleteRequest body) {
        return practice.complete(user.id(), id, body.practiceEventId(), body.completedAt(), body.duration());
    }

    @GetMapping("/api/v1/users/me/history")
    PracticeService.History history(AuthenticatedUser user, PageQuery page,
            @RequestParam(name = "ritual_id", required = false) UUID ritualId) {
        return practice.history(user.id(), ritualId, page);
    }

    @GetMapping("/api/v1/users/me/stats")
    PracticeService.Stats stats(AuthenticatedUser user, @RequestParam(name = "time_zone", required = false) String timeZone) {
        return practice.stats(user.id(), timeZone);
    }
}
