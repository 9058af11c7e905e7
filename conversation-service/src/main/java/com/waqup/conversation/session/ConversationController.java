package com.waqup.conversation.session;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.waqup.common.security.AuthenticatedUser;
import com.waqup.conversation.dialogue.DialogueState;
import com.waqup.conversation.dialogue.Session;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The seed's Conversation APIs. Sessions are the caller's own: anyone else's is a 404. */
@RestController
@RequestMapping("/api/v1/conversation")
@Validated
class ConversationController {

    static final int MAX_MESSAGE = 2000;
    private final ConversationService conversations;

    ConversationController(ConversationService conversations) {
        this.conversations = conversations;
    }

    record StartRequest(@NotBlank @Size(max = 32) String contentType, @Size(max = MAX_MESSAGE) String intent) {
    }

    record StartResponse(String sessionId, String contentType, DialogueState state, String message) {
    }

    record MessageRequest(@NotBlank @Size(max = 64) String sessionId,
            @NotBlank @Size(max = MAX_MESSAGE, message = "must be at most 2000 characters") String message) {
    }

    record MessageResponse(String sessionId, DialogueState state, String response, Map<String, Object> context,
            Map<String, Object> summary) {
    }

    record StateResponse(String sessionId, String contentType, DialogueState state, Map<String, Object> context,
            List<Session.Message> messages, Map<String, Object> summary, UUID ritualId) {
    }

    record CompleteRequest(@NotBlank @Size(max = 64) String sessionId, @NotNull Boolean confirm) {
    }

    @PostMapping("/start")
    @ResponseStatus(HttpStatus.CREATED)
    StartResponse start(AuthenticatedUser user, @Valid @RequestBody StartRequest body) {
        ConversationService.Turn turn = conversations.start(user.id(), body.contentType(), body.intent());
        return new StartResponse(turn.sessionId(), body.contentType(), turn.state(), turn.response());
    }

    @PostMapping("/message")
    MessageResponse message(AuthenticatedUser user, @Valid @RequestBody MessageRequest body) {
        ConversationService.Turn turn = conversations.message(user.id(), body.sessionId(), body.message().strip());
        return new MessageResponse(turn.sessionId(), turn.state(), turn.response(), turn.context(), turn.summary());
    }

    @GetMapping("/state")
    StateResponse state(AuthenticatedUser user, @RequestParam("session_id") @NotBlank @Size(max = 64) String sessionId) {
        Session s = conversations.state(user.id(), sessionId);
        return new StateResponse(s.sessionId(), s.contentType().code(), s.state(), s.slots().toContext(), s.messages(),
                conversations.summaryOf(s), s.ritualId());
    }

    @PostMapping("/complete")
    Object complete(AuthenticatedUser user, @Valid @RequestBody CompleteRequest body) {
        return switch (conversations.complete(user.id(), body.sessionId(), body.confirm())) {
            case ConversationService.Started started -> started;
            case ConversationService.Reopened(ConversationService.Turn turn) ->
                    new MessageResponse(turn.sessionId(), turn.state(), turn.response(), turn.context(), null);
        };
    }
}
