package com.waqup.conversation.clients;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.error.ApiException;
import com.waqup.common.security.ServiceTokenClient;
import com.waqup.conversation.config.ConversationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts generation in content-generation-service ({@code POST /internal/generations}), which creates the job
 * and places the credit hold; idempotent by session there too. Short of credits: its 402 is passed on as is.
 */
@Component
public class GenerationClient {

    private static final Logger log = LoggerFactory.getLogger(GenerationClient.class);
    private final RestClient http;
    private final JsonMapper json;

    GenerationClient(RestClient.Builder builder, ServiceTokenClient tokens, ConversationProperties properties, JsonMapper json) {
        this.http = ServiceClients.internal(builder, tokens, properties.generationServiceUrl(), Duration.ofSeconds(10));
        this.json = json;
    }

    public record Started(UUID ritualId, int estimatedTime) {
    }

    public Started start(String sessionId, UUID userId, String contentType, Map<String, Object> request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", sessionId);
        body.put("user_id", userId);
        body.put("content_type", contentType);
        body.put("request", request);
        try {
            JsonNode started = http.post().uri("/internal/generations").body(body).retrieve().body(JsonNode.class);
            if (started == null || started.path("ritual_id").isMissingNode()) {
                throw unavailable();
            }
            return new Started(UUID.fromString(started.path("ritual_id").asString()), started.path("estimated_time").asInt(60));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().value() == 402) {
                JsonNode error = json.readTree(e.getResponseBodyAsString()).path("error");
                Map<String, Object> details = new LinkedHashMap<>();
                error.path("details").properties().forEach(p -> details.put(p.getKey(), p.getValue().isNumber() ? p.getValue().asInt() : p.getValue().asString()));
                throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "INSUFFICIENT_CREDITS",
                        error.path("message").asString("Not enough credits"), details);
            }
            log.warn("generation refused for session {}: {}", sessionId, e.getStatusCode());
            throw unavailable();
        } catch (RestClientException e) {
            log.warn("generation unavailable for session {}: {}", sessionId, e.toString());
            throw unavailable();
        }
    }

    private static ApiException unavailable() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "GENERATION_UNAVAILABLE",
                "Creation is unavailable right now; your session is kept, try again in a moment");
    }
}
