package com.waqup.common.it;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.waqup.common.correlation.CorrelationId;
import com.waqup.common.error.ApiException;
import com.waqup.common.paging.PageQuery;
import com.waqup.common.paging.Pagination;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** Endpoints that exercise each error path, pagination and correlation-id propagation. */
@RestController
class ProbeController {

    private static final Logger log = LoggerFactory.getLogger(ProbeController.class);
    private final RestClient.Builder restClients;

    ProbeController(RestClient.Builder restClients) {
        this.restClients = restClients;
    }

    enum Kind { AFFIRMATION, GUIDED_MEDITATION, RITUAL }

    record CreateProbe(@NotBlank String displayName, @NotNull @Min(1) Integer creditAmount, @Email String email,
            Kind contentType) {
    }

    record ProbeItem(String itemId, Instant createdAt) {
    }

    record ProbeList(List<ProbeItem> probeItems, Pagination pagination) {
    }

    @PostMapping(path = "/probe/items", consumes = MediaType.APPLICATION_JSON_VALUE)
    ProbeItem create(@Valid @RequestBody CreateProbe body) {
        return new ProbeItem(body.displayName(), Instant.parse("2024-01-15T10:30:00Z"));
    }

    @GetMapping("/probe/items")
    ProbeList list(PageQuery page) {
        long total = 45;
        List<ProbeItem> items = java.util.stream.LongStream.range(page.offset(), Math.min(total, page.offset() + page.limit()))
                .mapToObj(i -> new ProbeItem("item-" + i, Instant.EPOCH)).toList();
        return new ProbeList(items, Pagination.of(page, total));
    }

    @GetMapping("/probe/items/{id}")
    ProbeItem get(@PathVariable java.util.UUID id, @RequestParam(required = false) Integer version) {
        throw new ApiException(HttpStatus.NOT_FOUND, "PROBE_NOT_FOUND", "Probe " + id + " not found",
                Map.of("probe_id", id.toString()));
    }

    @GetMapping("/probe/required")
    String required(@RequestParam int count) {
        return "ok";
    }

    @GetMapping("/probe/crash")
    String crash() {
        throw new IllegalStateException("database password is hunter2 and the stack is deep");
    }

    /** Calls {@code /probe/echo-header} on this same server through a RestClient from Boot's builder. */
    @GetMapping("/probe/outgoing")
    Map<String, String> outgoing(@RequestParam int port) {
        log.info("calling downstream");
        String seen = restClients.build().get().uri("http://127.0.0.1:" + port + "/probe/echo-header")
                .retrieve().body(String.class);
        return Map.of("incoming", CorrelationId.current(), "seen_downstream", seen);
    }

    @GetMapping("/secured/me")
    Map<String, Object> me(com.waqup.common.security.AuthenticatedUser user) {
        return Map.of("id", user.id().toString(), "roles", user.roles(), "tier", user.tier());
    }

    @GetMapping(path = "/internal/probe", produces = MediaType.TEXT_PLAIN_VALUE)
    String internal(java.security.Principal principal) {
        return principal.getName();
    }

    @GetMapping(path = "/probe/echo-header", produces = MediaType.TEXT_PLAIN_VALUE)
    String echoHeader(@RequestHeader(name = CorrelationId.HEADER, required = false) String header) {
        return String.valueOf(header);
    }
}
