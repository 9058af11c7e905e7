package com.waqup.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.waqup.catalog.pack.PackIndex;
import com.waqup.common.events.EventEnvelope;
import com.waqup.common.events.Events;
import com.waqup.common.test.EventContracts;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestDatabase;
import com.waqup.common.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog's ITs: the real service on the real PostgreSQL, Redis, RabbitMQ and Elasticsearch. The tests play
 * creator-service's part (they publish {@code pack.*} built from the golden JSON on the broker) and ritual-library's
 * (a WireMock answering {@code GET /internal/packs/{pack_id}/access} in the contract's shape: no access unless a test
 * grants it).
 */
public abstract class CatalogITSupport extends ServiceITSupport {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    /** ritual-library's pack access, as the contract shapes it. */
    protected static final WireMockServer LIBRARY = startLibrary();
    protected static final String ES = System.getenv().getOrDefault("ELASTICSEARCH_URIS", "http://127.0.0.1:9200");
    protected static final String INDEX = TestDatabase.NAME + "-catalog-packs";
    private static boolean redisFresh;

    static {
        deleteTestIndices();
    }

    @Autowired
    protected RabbitTemplate rabbit;
    @Autowired
    protected AmqpAdmin amqp;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected StringRedisTemplate redis;
    @Autowired
    protected PackIndex index;

    @DynamicPropertySource
    static void library(DynamicPropertyRegistry registry) {
        registry.add("waqup.services.ritual-library-service.url", LIBRARY::baseUrl);
    }

    private static WireMockServer startLibrary() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(WireMock.get(urlPathMatching("/internal/packs/[^/]+/access")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"pack_id\": \"{{request.pathSegments.[2]}}\", \"user_id\": \"{{request.query.user_id}}\","
                                + " \"has_access\": false, \"source\": null}")));
        return server;
    }

    /** The indices an earlier run of these tests left (the database they were built from is migrated afresh). */
    private static void deleteTestIndices() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(ES + "/_cat/indices/" + INDEX
                    + "*?h=index")).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (list.statusCode() != 200) {
                return;
            }
            for (String name : list.body().split("\\s+")) {
                if (!name.isBlank()) {
                    http.send(HttpRequest.newBuilder(URI.create(ES + "/" + name)).DELETE().build(),
                            HttpResponse.BodyHandlers.ofString());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Elasticsearch is not reachable at " + ES + " (./waqup infra)", e);
        }
    }

    @BeforeEach
    void freshSearchCache() {
        if (!redisFresh) { // cached pages of an earlier run in this Redis database must not be hit
            redis.opsForValue().set("search:generation", String.valueOf(System.currentTimeMillis()));
            redisFresh = true;
        }
    }

    // ---- ritual-library's pack access ----------------------------------------------------------------------

    protected static void grantAccess(UUID pack, UUID user) {
        LIBRARY.stubFor(WireMock.get(urlPathEqualTo("/internal/packs/" + pack + "/access")).withQueryParam("user_id", equalTo(user.toString()))
                .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"pack_id\": \"" + pack + "\", \"user_id\": \"" + user
                                + "\", \"has_access\": true, \"source\": \"claim\"}")));
    }

    // ---- creator-service's events ----------------------------------------------------------------------------

    /** A pack.published data, from the golden JSON, for a new pack of {@code creator}. */
    protected static ObjectNode packData(UUID creator, String title) {
        ObjectNode d = (ObjectNode) EventContracts.golden("pack.published").deepCopy();
        UUID pack = UUID.randomUUID();
        d.put("pack_id", pack.toString());
        d.put("creator_id", creator.toString());
        d.put("title", title);
        d.put("published_at", Instant.now().toString());
        ArrayNode items = (ArrayNode) d.path("items");
        for (JsonNode item : items) {
            ((ObjectNode) item).put("item_id", UUID.randomUUID().toString());
        }
        return d;
    }

    protected static UUID id(ObjectNode data) {
        return UUID.fromString(data.path("pack_id").asString());
    }

    protected EventEnvelope<JsonNode> publish(String type, JsonNode data) {
        EventEnvelope<JsonNode> event = EventEnvelope.of(type, data);
        rabbit.convertAndSend(Events.EXCHANGE, type, event);
        return event;
    }

    /** Publishes {@code pack.published} and waits until the pack is searchable. */
    protected UUID published(ObjectNode data) {
        publish("pack.published", data);
        UUID pack = id(data);
        awaitRevision(pack, data.path("revision").asInt());
        return pack;
    }

    protected void awaitRevision(UUID pack, int revision) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from pack where id = ? and revision >= ?", Integer.class, pack, revision) == 1);
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------

    protected static String token(UUID user, String... roles) {
        return bearer(TestTokens.shared().user(user, roles));
    }

    protected Http.Response get(String path, UUID user) {
        return Http.get(url(path), "Authorization", token(user));
    }

    protected Http.Response post(String path, UUID user, String body) {
        return Http.post(url(path), body, "Authorization", token(user), "Content-Type", "application/json");
    }

    protected JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    /** {@code GET /api/v1/catalog/packs} with these query parameters (name, value, name, value…). */
    protected JsonNode search(UUID user, String... params) {
        return ok(get("/api/v1/catalog/packs" + query(params), user));
    }

    protected static String query(String... params) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i + 1 < params.length; i += 2) {
            q.append(q.isEmpty() ? '?' : '&').append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    protected static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.path("packs").forEach(p -> titles.add(p.path("title").asString()));
        return titles;
    }

    protected static List<UUID> ids(JsonNode page) {
        List<UUID> ids = new ArrayList<>();
        page.path("packs").forEach(p -> ids.add(UUID.fromString(p.path("id").asString())));
        return ids;
    }

    /** Waits (bounded) until a search answers what {@code expected} wants: the index refreshes every second. */
    protected JsonNode awaitSearch(UUID user, Predicate<JsonNode> expected, String... params) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> search(user, params), expected::test);
    }

    // ---- the broker, as other services see it -----------------------------------------------------------------

    protected Queue listen(String routingKey) {
        Queue queue = new AnonymousQueue();
        amqp.declareQueue(queue);
        amqp.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(Events.EXCHANGE)).with(routingKey));
        return queue;
    }

    protected JsonNode awaitEvent(Queue queue, Predicate<JsonNode> match) {
        List<JsonNode> seen = new ArrayList<>();
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            Message m;
            while ((m = rabbit.receive(queue.getName())) != null) {
                seen.add(JSON.readTree(new String(m.getBody(), StandardCharsets.UTF_8)));
            }
            return seen.stream().filter(match).findFirst().orElse(null);
        }, e -> e != null);
    }
}
