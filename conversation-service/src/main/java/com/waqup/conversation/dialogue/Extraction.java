package com.waqup.conversation.dialogue;

/**
 * What one message says: the slots it fills, a dialogue command, whether it corrects an earlier answer, and
 * whether it expresses crisis or self-harm.
 */
public record Extraction(Slots slots, Command command, boolean correction, boolean crisis) {

    public enum Command { NONE, YES, NO, DEFAULTS, SKIP, BACK, RESTART, CANCEL }

    public static Extraction nothing() {
        return new Extraction(new Slots(), Command.NONE, false, false);
    }
}
