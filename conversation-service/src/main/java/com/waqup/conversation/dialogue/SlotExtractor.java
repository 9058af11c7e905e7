package com.waqup.conversation.dialogue;

/** Reads slots and commands from a person's message. The offline {@link LexiconExtractor} is the default. */
public interface SlotExtractor {

    Extraction extract(String message, ContentType type, DialogueState state);
}
