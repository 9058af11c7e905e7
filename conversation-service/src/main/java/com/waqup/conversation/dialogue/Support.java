package com.waqup.conversation.dialogue;

/**
 * What the dialogue says when a message expresses crisis or self-harm (the phrases are {@link Lexicon#CRISIS}).
 * The session stays in {@link DialogueState#Support}: no generation starts from it.
 */
final class Support {

    static final String RESPONSE = "I'm really sorry you're feeling this way, and I'm glad you told me. You deserve "
            + "support from a person right now. If you're in immediate danger, please call your local emergency number "
            + "(112 in Europe, 911 in the US). You can talk to someone any time: in the US call or text 988 (Suicide & Crisis "
            + "Lifeline), in the UK and Ireland call Samaritans on 116 123, or find a free local helpline at findahelpline.com. "
            + "I'll pause creating a practice for now; would you like to tell me a little about what's going on?";

    static final String FOLLOW_UP = "Thank you for sharing that with me. I'm not able to help the way a person can, so "
            + "please reach out: 988 in the US, Samaritans on 116 123 in the UK and Ireland, or findahelpline.com elsewhere. "
            + "If you'd like to start something calming later, just say \"start over\".";

    private Support() {
    }
}
