package com.waqup.user.account;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A person's practice preferences, with the platform's defaults for a new account (no pace: see {@link #pace}). */
@Embeddable
public class Preferences {

    @Column(name = "pref_voice_id")
    private String voiceId;
    /** {@code null} until the person chooses one: each practice then gets its kind's default (docs/identity.md). */
    @Column(name = "pref_pace")
    private String pace;
    @Column(name = "pref_tone", nullable = false)
    private String tone = "warm";
    @Column(name = "pref_language", nullable = false)
    private String language = "en-US";
    @Column(name = "pref_background_sound", nullable = false)
    private String backgroundSound = "none";
    @Column(name = "pref_time_zone", nullable = false)
    private String timeZone = "UTC";

    protected Preferences() {
    }

    static Preferences defaults() {
        return new Preferences();
    }

    public String voiceId() {
        return voiceId;
    }

    public String pace() {
        return pace;
    }

    public String tone() {
        return tone;
    }

    public String language() {
        return language;
    }

    public String backgroundSound() {
        return backgroundSound;
    }

    public String timeZone() {
        return timeZone;
    }

    /** Merges a partial update: a {@code null} value leaves the current one as it is. */
    void merge(String voiceId, String pace, String tone, String language, String backgroundSound, String timeZone) {
        if (voiceId != null) {
            this.voiceId = voiceId;
        }
        if (pace != null) {
            this.pace = pace;
        }
        if (tone != null) {
            this.tone = tone;
        }
        if (language != null) {
            this.language = language;
        }
        if (backgroundSound != null) {
            this.backgroundSound = backgroundSound;
        }
        if (timeZone != null) {
            this.timeZone = timeZone;
        }
    }
}
