package com.waqup.conversation.dialogue;

/**
 * The intake dialogue's states, in order, as the seed names them (the names are the wire values), plus the
 * states a session can end in. {@code Support} is entered when a message expresses crisis or self-harm: the
 * dialogue answers with care and crisis resources and never proceeds to generation from there.
 */
public enum DialogueState {
    Greeting, IntentDiscovery, ContextGathering, PracticeDetails, Personalization, Confirmation,
    Completed, Cancelled, Support;

    public boolean closed() {
        return this == Completed || this == Cancelled;
    }
}
