package com.waqup.conversation.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * A person who chose no pace (neither in the dialogue nor in their profile) is told the pace of the kind of practice
 * (DefaultPace, content-generation's rule) and no pace is sent as their choice; a chosen pace is named and sent as is.
 */
class PaceOfAPracticeTest {

    final SlotExtractor extractor = new LexiconExtractor();

    record Walk(Session session, List<String> replies, Dialogue.Reply last) {
    }

    Walk walk(ContentType type, String profilePace, String... messages) {
        Session session = Session.start(UUID.randomUUID(), type, new Session.Defaults(null, profilePace, "warm"), Instant.now());
        List<String> replies = new ArrayList<>();
        Dialogue.Reply reply = null;
        for (String message : messages) {
            reply = Dialogue.turn(session, extractor.extract(message, session.contentType(), session.state()),
                    () -> new Dialogue.Quote(2, 5));
            replies.add(reply.text());
        }
        assertThat(session.state()).as("walked to the card: %s", replies).isEqualTo(DialogueState.Confirmation);
        return new Walk(session, replies, reply);
    }

    @Test
    void shouldTellTheSlowerMeditationPaceAndSendNoneWhenThePersonChoseNone() {
        Walk w = walk(ContentType.GUIDED_MEDITATION, null, "I want to feel calm", "a bit anxious, at home",
                "10 minutes in the evening", "sounds good");
        assertThat(w.replies()).anySatisfy(text -> assertThat(text).startsWith("I'll use").contains("at a slower pace"));
        assertThat(w.last().summary().get("pace")).isEqualTo("slower");
        assertThat(w.last().text()).contains("at a slower pace");
        assertThat(Dialogue.chosenPace(w.session())).as("sent to content-generation: no choice").isNull();
        assertThat(w.session().slots().toContext().get("pace")).isNull();
    }

    @Test
    void shouldTellEachKindsDefaultPace() {
        assertThat(walk(ContentType.RITUAL, null, "A 10 minute morning ritual at home for confidence, I'm nervous", "sounds good")
                .last().summary().get("pace")).isEqualTo("slow");
        Walk affirmation = walk(ContentType.AFFIRMATION, null, "confidence", "hopeful, 3 minutes", "yes", "yes", "yes");
        assertThat(affirmation.last().summary().get("pace")).isEqualTo("moderate");
        assertThat(Dialogue.chosenPace(affirmation.session())).isNull();
    }

    @Test
    void shouldKeepTheProfilesPaceAsTheChoice() {
        Walk w = walk(ContentType.GUIDED_MEDITATION, "fast", "I want to feel calm", "a bit anxious, at home",
                "10 minutes in the evening", "sounds good");
        assertThat(w.last().summary().get("pace")).isEqualTo("fast");
        assertThat(Dialogue.chosenPace(w.session())).isEqualTo("fast");
    }

    @Test
    void shouldKeepThePaceSaidInTheDialogueOverTheProfiles() {
        Walk w = walk(ContentType.RITUAL, "fast", "A 10 minute morning ritual at home for confidence, I'm nervous",
                "please speak a bit slower", "sounds good");
        assertThat(w.last().summary().get("pace")).isEqualTo("slow");
        assertThat(Dialogue.chosenPace(w.session())).isEqualTo("slow");
    }
}
