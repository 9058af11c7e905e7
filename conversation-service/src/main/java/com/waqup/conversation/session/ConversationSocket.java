package com.waqup.conversation.session;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.waqup.common.correlation.CorrelationId;
import com.waqup.common.error.DomainException;
import com.waqup.common.json.StorableText;
import com.waqup.common.web.DependencyFailureHandler;
import com.waqup.conversation.session.ConversationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conversation over WebSocket, frame for frame the REST API:
 * in {@code {"type":"start","content_type","intent"}}, {@code {"type":"message","session_id","content"}},
 * {@code {"type":"complete","session_id","confirm"}}; out {@code started}, {@code response} (the seed's frame),
 * {@code generating}, and {@code error} with the envelope's code and message. The server also pushes
 * {@code progress}, {@code ready} and {@code error} frames about generations the person started
 * ({@link GenerationEvents}).
 */
@Component
public class ConversationSocket extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ConversationSocket.class);
    private static final int MAX_MESSAGE = 2000;

    private final ConversationService conversations;
    private final JsonMapper json;
    private final Map<UUID, Set<WebSocketSession>> byUser = new ConcurrentHashMap<>();

    ConversationSocket(ConversationService conversations, JsonMapper json) {
        this.conversations = conversations;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, 5000, 512 * 1024);
        session.getAttributes().put("safe", safe);
        byUser.computeIfAbsent(user(session), k -> ConcurrentHashMap.newKeySet()).add(safe);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Set<WebSocketSession> open = byUser.get(user(session));
        if (open != null) {
            open.remove(session.getAttributes().get("safe"));
            if (open.isEmpty()) {
                byUser.remove(user(session));
            }
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        WebSocketSession out = (WebSocketSession) session.getAttributes().getOrDefault("safe", session);
        String correlation = CorrelationId.generate();
        try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationId.MDC_KEY, correlation)) {
            JsonNode frame = json.readTree(message.getPayload());
            send(out, handle(user(session), frame));
        } catch (DomainException e) {
            send(out, error(e.code(), e.getMessage(), e.details()));
        } catch (JacksonException e) {
            send(out, error("MALFORMED_JSON", "The frame is not valid JSON", Map.of()));
        } catch (RuntimeException e) {
            if (DependencyFailureHandler.isDependencyUnavailable(e)) {
                log.warn("websocket frame: a dependency is unavailable: {}", e.toString());
                send(out, error("SERVICE_UNAVAILABLE", "The service is temporarily unavailable; try again in a few seconds",
                        Map.of("retry_after", 5)));
                return;
            }
            log.error("websocket frame failed", e);
            send(out, error("INTERNAL_ERROR", "An unexpected error occurred", Map.of()));
        }
    }

    private Map<String, Object> handle(UUID user, JsonNode frame) {
        String type = frame.path("type").asString("");
        String sessionId = frame.path("session_id").asString(null);
        Map<String, Object> out = new LinkedHashMap<>();
        switch (type) {
            case "start" -> {
                ConversationService.Turn turn = conversations.start(user, frame.path("content_type").asString(null),
                        text("intent", frame.path("intent").asString(null), true));
                out.put("type", "started");
                out.put("session_id", turn.sessionId());
                out.put("state", turn.state());
                out.put("content", turn.response());
            }
            case "message" -> {
                ConversationService.Turn turn = conversations.message(user, required(sessionId), text("content", frame.path("content").asString(null), false));
                out.put("type", "response");
                out.put("content", turn.response());
                out.put("state", turn.state());
                out.put("session_id", turn.sessionId());
                out.put("context", turn.context());
                if (turn.summary() != null) {
                    out.put("summary", turn.summary());
                }
            }
            case "complete" -> {
                switch (conversations.complete(user, required(sessionId), frame.path("confirm").asBoolean(false))) {
                    case ConversationService.Started started -> {
                        out.put("type", "generating");
                        out.put("session_id", sessionId);
                        out.put("ritual_id", started.ritualId());
                        out.put("status", started.status());
                        out.put("estimated_time", started.estimatedTime());
                    }
                    case ConversationService.Reopened(ConversationService.Turn turn) -> {
                        out.put("type", "response");
                        out.put("content", turn.response());
                        out.put("state", turn.state());
                        out.put("session_id", turn.sessionId());
                    }
                }
            }
            default -> throw DomainException.invalid("UNKNOWN_FRAME", "Unknown frame type",
                    Map.of("fields", Map.of("type", "must be one of start, message, complete")));
        }
        return out;
    }

    private static String required(String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 64 || !StorableText.isStorable(sessionId)) {
            throw DomainException.invalidField("session_id", "is required");
        }
        return sessionId;
    }

    private static String text(String field, String text, boolean optional) {
        if (text == null || text.isBlank()) {
            if (optional) {
                return null;
            }
            throw DomainException.invalidField(field, "must not be blank");
        }
        if (text.length() > MAX_MESSAGE) {
            throw DomainException.invalidField(field, "must be at most 2000 characters");
        }
        // frames are read as a tree, not through the records' storable-text check: the same rule, here
        if (!StorableText.isStorable(text)) {
            throw DomainException.invalidField(field, StorableText.MESSAGE);
        }
        return text.strip();
    }

    /** Pushes a frame to every open connection of the person; returns how many received it. */
    public int push(UUID user, Map<String, Object> frame) {
        int sent = 0;
        for (WebSocketSession session : byUser.getOrDefault(user, Set.of())) {
            if (session.isOpen()) {
                send(session, frame);
                sent++;
            }
        }
        return sent;
    }

    private static Map<String, Object> error(String code, String message, Map<String, Object> details) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "error");
        out.put("code", code);
        out.put("message", message);
        out.put("details", details);
        return out;
    }

    private void send(WebSocketSession session, Map<String, Object> frame) {
        try {
            session.sendMessage(new TextMessage(json.writeValueAsString(frame)));
        } catch (IOException | IllegalStateException e) {
            log.debug("websocket send failed: {}", e.toString());
        }
    }

    private static UUID user(WebSocketSession session) {
        return (UUID) session.getAttributes().get(ConversationSocketConfiguration.USER);
    }
}
