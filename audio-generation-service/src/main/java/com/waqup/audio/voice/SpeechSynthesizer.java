package com.waqup.audio.voice;

import java.nio.file.Path;
import java.util.List;

import com.waqup.audio.render.Pcm;

/**
 * The TTS port: one adapter per provider ({@code waqup.tts.provider=espeak|elevenlabs|playht}). Every adapter
 * returns 16-bit mono PCM at one sample rate per provider, so segments can be joined with exact silences.
 */
public interface SpeechSynthesizer {

    /** {@code espeak}, {@code elevenlabs} or {@code playht}. */
    String provider();

    /** The voices this provider offers, the platform's default first. */
    List<Voice> voices();

    /** The voice for a request's {@code voice_id}; {@code null}, blank or unknown → the default voice. */
    Voice resolve(String voiceId);

    /** Speaks one segment at {@code pace}; {@code workDir} is the job's private temporary directory. */
    Pcm synthesize(String text, Voice voice, Pace pace, Path workDir) throws TtsException, InterruptedException;
}
