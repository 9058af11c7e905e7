package com.waqup.conversation.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The credit quote (a call to credit-service) is asked for only by a turn that shows the confirmation card, and
 * then every time (live balance): the turns before Confirmation never call credit-service.
 */
class QuoteOnlyAtConfirmationTest {

    final SlotExtractor extractor = new LexiconExtractor();

    List<Integer> quotesPerTurn(ContentType type, String... messages) {
        Session session = Session.start(UUID.randomUUID(), type, new Session.Defaults(null, "moderate", "warm"), Instant.now());
        AtomicInteger available = new AtomicInteger(7);
        List<Integer> calls = new ArrayList<>();
        for (String message : messages) {
            AtomicInteger quotes = new AtomicInteger();
            Extraction x = extractor.extract(message, session.contentType(), session.state());
            Dialogue.Reply reply = Dialogue.turn(session, x, () -> {
                quotes.incrementAndGet();
                return new Dialogue.Quote(1, available.decrementAndGet());
            });
            calls.add(quotes.get());
            assertThat(quotes.get()).as("quotes asked by the turn to %s", session.state())
                    .isEqualTo(session.state() == DialogueState.Confirmation ? 1 : 0);
            if (reply.summary() != null) {
                assertThat(reply.summary().get("available")).as("the card shows the balance just asked for")
                        .isEqualTo(available.get());
            }
        }
        return calls;
    }

    @Test
    void shouldAskForTheQuoteOnlyOnTurnsThatShowTheCard() {
        // the benchmark's conversation: two turns before the card, the card, a correction at the card
        List<Integer> calls = quotesPerTurn(ContentType.RITUAL, "I want to feel more confident at work",
                "in the morning, ten minutes", "sounds good", "actually make it 5 minutes");
        assertThat(calls).containsExactly(0, 0, 1, 1);
    }

    @Test
    void shouldNotAskForTheQuoteWhileDetailsAreStillMissing() {
        List<Integer> calls = quotesPerTurn(ContentType.GUIDED_MEDITATION, "hi", "I can't sleep", "restless, worried");
        assertThat(calls).containsOnly(0);
        assertThat(quotesPerTurn(ContentType.AFFIRMATION, "confidence", "go back", "gratitude, 3 minutes", "you choose",
                "yes", "actually make it 2 minutes")).contains(1);
    }
}
