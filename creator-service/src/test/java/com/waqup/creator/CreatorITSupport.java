package com.waqup.creator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.waqup.common.test.EventProbe;
import com.waqup.common.test.Http;
import com.waqup.common.test.ServiceITSupport;
import com.waqup.common.test.TestTokens;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * creator-service's ITs: the real service on the real PostgreSQL and RabbitMQ. ritual-library's two internal
 * endpoints are stood in by WireMock serving exactly their documented shapes (docs/marketplace.md): a test "puts"
 * items in a creator's library with {@link #libraryItem}; the copy answers the pack-owned key it was asked for.
 */
public abstract class CreatorITSupport extends ServiceITSupport {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final WireMockServer LIBRARY = startLibrary();

    @Autowired
    protected RabbitTemplate rabbit;
    @Autowired
    protected AmqpAdmin amqp;
    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void library(DynamicPropertyRegistry registry) {
        registry.add("waqup.services.ritual-library.url", LIBRARY::baseUrl);
    }

    private static WireMockServer startLibrary() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .extensions(new PackCopyAnswer()));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-library-stand-in"));
        return server;
    }

    /** Answers a pack copy with the key the request names, as ritual-library does. */
    static final class PackCopyAnswer implements ResponseTransformerV2 {

        @Override
        public Response transform(Response response, ServeEvent event) {
            JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
            String key = "packs/" + request.path("pack_id").asString() + "/" + request.path("item_id").asString() + "/"
                    + request.path("revision").asInt() + ".mp3";
            String body = response.getBodyAsString().replace("{{audio_key}}", key);
            return Response.Builder.like(response).but().body(body).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "pack-copy";
        }
    }

    /** A ready item of {@code creator}'s library, as ritual-library answers for it. */
    protected static UUID libraryItem(UUID creator, String title, int duration) {
        UUID content = UUID.randomUUID();
        LIBRARY.stubFor(get(urlPathEqualTo("/internal/content/" + content)).withQueryParam("user_id", equalTo(creator.toString()))
                .willReturn(okJson("{\"content_id\":\"" + content + "\",\"user_id\":\"" + creator
                        + "\",\"content_type\":\"guided_meditation\",\"title\":\"" + title + "\",\"duration\":" + duration
                        + ",\"tags\":[\"sleep\"],\"source\":\"own\"}")));
        LIBRARY.stubFor(post(urlPathEqualTo("/internal/content/" + content + "/pack-copies"))
                .willReturn(okJson("{\"title\":\"" + title + "\",\"content_type\":\"guided_meditation\","
                        + "\"practice_type\":\"guided_meditation\",\"duration\":" + duration + ",\"tags\":[\"sleep\"],"
                        + "\"content_text\":\"Breathe in. " + title + ".\",\"audio_key\":\"{{audio_key}}\","
                        + "\"audio_format\":\"mp3\",\"audio_size_bytes\":48000}").withTransformers("pack-copy")));
        return content;
    }

    /** An id ritual-library does not know for this person (someone else's item, or none at all). */
    protected static UUID foreignItem() {
        UUID content = UUID.randomUUID();
        LIBRARY.stubFor(get(urlPathEqualTo("/internal/content/" + content)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"CONTENT_NOT_FOUND\",\"message\":\"not found\",\"details\":{}}}")));
        return content;
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    protected static String creatorToken(UUID creator) {
        return bearer(TestTokens.shared().user(creator, "user", "creator"));
    }

    protected Http.Response as(UUID creator, String method, String path, String body) {
        return body == null ? Http.send(method, url(path), null, "Authorization", creatorToken(creator))
                : Http.send(method, url(path), body, "Authorization", creatorToken(creator), "Content-Type", "application/json");
    }

    protected JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json();
    }

    /** A creator with a profile named {@code name}. */
    protected UUID creator(String name) {
        UUID creator = UUID.randomUUID();
        ok(as(creator, "PUT", "/api/v1/creators/me", "{\"display_name\":\"" + name + "\"}"));
        return creator;
    }

    /** A draft with the given items, returning its id. */
    protected String draft(UUID creator, String body, UUID... items) {
        String id = ok(as(creator, "POST", "/api/v1/creators/me/packs", body)).path("id").asString();
        if (items.length > 0) {
            ok(as(creator, "PUT", "/api/v1/creators/me/packs/" + id + "/items", contentIds(items)));
        }
        return id;
    }

    protected static String contentIds(UUID... items) {
        List<String> quoted = new ArrayList<>();
        for (UUID item : items) {
            quoted.add("\"" + item + "\"");
        }
        return "{\"content_ids\":[" + String.join(",", quoted) + "]}";
    }

    /** Listens to the events this service publishes (close it when done). */
    protected EventProbe listen(String... routingKeys) {
        return EventProbe.listen(rabbit, amqp, routingKeys);
    }

    /** Sends an event as another service would; returns its id. */
    protected UUID publish(String type, Object data) {
        return EventProbe.publish(rabbit, type, data);
    }
}
