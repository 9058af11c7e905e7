package com.waqup.common.it;

import com.waqup.common.client.Deadline;
import com.waqup.common.correlation.CorrelationId;
import com.waqup.common.error.DomainException;
import com.waqup.common.error.ErrorKind;
import com.waqup.common.security.InternalScope;
import com.waqup.common.paging.PageQuery;
import com.waqup.common.paging.Pagination;
import com.waqup.common.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
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
    private final StringRedisTemplate redis;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ProbeController(RestClient.Builder restClients, StringRedisTemplate redis, JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager) {
        this.restClients = restClients;
        this.redis = redis;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
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
        List<ProbeItem> items = LongStream.range(page.offset(), Math.min(total, page.offset() + page.limit()))
                .mapToObj(i -> new ProbeItem("item-" + i, Instant.EPOCH)).toList();
        return new ProbeList(items, Pagination.of(page, total));
    }

    @GetMapping("/probe/items/{id}")
    ProbeItem get(@PathVariable UUID id, @RequestParam(required = false) Integer version) {
        throw new DomainException(ErrorKind.NOT_FOUND, "PROBE_NOT_FOUND", "Probe " + id + " not found",
                Map.of("probe_id", id.toString()));
    }

    @GetMapping("/probe/throttled")
    String throttled() {
        throw new DomainException(ErrorKind.RATE_LIMITED, "PROBE_THROTTLED", "Too many probes; wait a moment",
                Map.of("retry_after", 7)).retryAfter(Duration.ofSeconds(7));
    }

    @GetMapping("/probe/stranger")
    String stranger() {
        throw DomainException.unauthenticated("PROBE_UNKNOWN", "Who are you?").challenge("Basic realm=\"probe\"");
    }

    @GetMapping("/probe/required")
    String required(@RequestParam int count) {
        return "ok";
    }

    @GetMapping("/probe/search")
    Map<String, String> search(@RequestParam String q) {
        return Map.of("q", q);
    }

    /** Reads the whole body, whatever its type: what a webhook or a JSON reader does. */
    @PostMapping(path = "/probe/body", consumes = MediaType.ALL_VALUE)
    Map<String, Integer> body(@RequestBody byte[] body) {
        return Map.of("length", body.length);
    }

    @GetMapping("/probe/redis")
    Map<String, String> redis() {
        return Map.of("value", String.valueOf(redis.opsForValue().get("probe:" + UUID.randomUUID())));
    }

    /** A transaction whose connection the database ends under it, as a PostgreSQL restart does; the rollback fails too. */
    @PostMapping("/probe/connection-lost")
    void connectionLost() {
        transactions.executeWithoutResult(status -> {
            jdbc.queryForObject("select 1", Integer.class);
            jdbc.execute("select pg_terminate_backend(pg_backend_pid())");
        });
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
    Map<String, Object> me(AuthenticatedUser user) {
        return Map.of("id", user.id().toString(), "roles", user.roles(), "tier", user.tier());
    }

    @InternalScope("probe:read")
    @GetMapping(path = "/internal/probe", produces = MediaType.TEXT_PLAIN_VALUE)
    String internal(Principal principal) {
        return principal.getName();
    }

    record Caller(String caller, String correlationId) {
    }

    @InternalScope("probe:read")
    @GetMapping("/internal/probe/caller")
    Caller caller(Principal principal,
            @RequestHeader(name = CorrelationId.HEADER, required = false) String correlationId) {
        return new Caller(principal.getName(), correlationId);
    }

    @InternalScope("probe:read")
    @GetMapping("/internal/probe/items/{id}")
    ProbeItem internalItem(@PathVariable UUID id) {
        return get(id, null);
    }

    @GetMapping(path = "/probe/echo-header", produces = MediaType.TEXT_PLAIN_VALUE)
    String echoHeader(@RequestHeader(name = CorrelationId.HEADER, required = false) String header) {
        return String.valueOf(header);
    }

    record SeenDeadline(Long deadline, String header) {
    }

    /** The deadline this request's work runs under (from its caller's header), as the service sees it. */
    @InternalScope("probe:read")
    @GetMapping("/internal/probe/deadline")
    SeenDeadline deadline(@RequestHeader(name = Deadline.HEADER, required = false) String header) {
        Instant deadline = Deadline.current();
        return new SeenDeadline(deadline == null ? null : deadline.toEpochMilli(), header);
    }

    /** An answer that takes {@code ms} milliseconds: a slow service. */
    @InternalScope("probe:read")
    @GetMapping("/internal/probe/slow")
    SeenDeadline slow(@RequestParam long ms) throws InterruptedException {
        Thread.sleep(ms);
        return new SeenDeadline(null, null);
    }
}
