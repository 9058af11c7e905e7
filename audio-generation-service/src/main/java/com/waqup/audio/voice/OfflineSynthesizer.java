package com.waqup.audio.voice;

import java.util.Map;

/**
 * An offline engine beside espeak-ng (Festival, Flite): installed on the machine, probed at start-up, it speaks the
 * platform voices it has a voice for (those it was found to speak); the others stay espeak-ng's.
 */
public interface OfflineSynthesizer extends SpeechSynthesizer {

    /** Platform voice id → the voice as this engine speaks it (only the voices found at start-up). */
    Map<String, Voice> platformVoices();
}
