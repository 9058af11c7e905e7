package com.waqup.audio.voice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.waqup.audio.render.Pcm;

/**
 * The TTS port: one adapter per provider (espeak-ng always; Festival and Flite when installed; ElevenLabs and PlayHT when their keys are configured).
 * Every adapter returns 16-bit mono PCM at one sample rate per provider, so segments can be joined with exact
 * silences. Which adapter speaks a request is decided by its voice ({@link VoiceRouter}).
 */
public interface SpeechSynthesizer {

    /** {@code espeak}, {@code festival}, {@code flite}, {@code elevenlabs} or {@code playht}; also the namespace of the vendor's voice ids. */
    String provider();

    /** Speaks one segment at {@code pace}; {@code workDir} is the job's private temporary directory. */
    Pcm synthesize(String text, Voice voice, Pace pace, Path workDir) throws TtsException, InterruptedException;

    /**
     * Speaks several segments of one job, each on its own, in order. An engine whose start is costly (Festival loads
     * its voice) speaks them in one process; the default speaks them one by one.
     */
    default List<Pcm> synthesizeAll(List<String> texts, Voice voice, Pace pace, Path workDir) throws TtsException, InterruptedException {
        List<Pcm> speech = new ArrayList<>(texts.size());
        for (String text : texts) {
            speech.add(synthesize(text, voice, pace, workDir));
        }
        return speech;
    }
}
