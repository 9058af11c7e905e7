package com.waqup.audio.voice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.waqup.audio.render.Pcm;
import com.waqup.common.http.VendorHttp;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PlayHT's v2 streaming TTS: {@code POST /api/v2/tts/stream} with the {@code AUTHORIZATION} (secret key) and
 * {@code X-USER-ID} headers and {@code {text, voice, output_format, voice_engine, speed, sample_rate}}; asked for
 * {@code wav} at 22.05 kHz, the WAV's samples are used. The pace becomes {@code speed} (1.0 ≈ 130 wpm). Voices:
 * {@code GET /api/v2/voices} (a JSON array of {@code {id, name, language, language_code, gender, style, accent, ...}}), listed
 * as {@code playht:<id>} (the id is PlayHT's voice manifest URL, e.g. {@code playht:s3://voice-cloning-zero-shot/.../manifest.json}).
 */
public class PlayHtSynthesizer extends VendorSynthesizer {

    static final int SAMPLE_RATE = 22050;

    private final TtsProperties.PlayHt props;

    PlayHtSynthesizer(VendorHttp http, VendorHttp listHttp, TtsProperties tts) {
        super("playht", SAMPLE_RATE, http, listHttp);
        this.props = tts.playht();
    }

    @Override
    Map<String, String> aliases() {
        return props.voices();
    }

    static double speed(Pace pace) {
        return pace.wordsPerMinute() / 130.0;
    }

    @Override
    public Pcm synthesize(String text, Voice voice, Pace pace, Path workDir) throws TtsException {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", text);
        body.put("voice", voice.engineVoice());
        body.put("output_format", "wav");
        body.put("voice_engine", props.voiceEngine());
        body.put("speed", Math.round(speed(pace) * 100) / 100.0);
        body.put("sample_rate", SAMPLE_RATE);
        byte[] wav = post("/api/v2/tts/stream", this::auth, JSON.writeValueAsString(body));
        try {
            Pcm pcm = Pcm.fromWav(wav);
            if (pcm.sampleRate() != SAMPLE_RATE) {
                throw new TtsException("playht answered at " + pcm.sampleRate() + " Hz instead of " + SAMPLE_RATE, false, 200, null);
            }
            return pcm;
        } catch (IllegalArgumentException e) {
            throw new TtsException("playht answered with audio that is not 16-bit mono WAV", false, 200, null);
        }
    }

    private void auth(HttpHeaders h) {
        h.set("AUTHORIZATION", props.apiKey() == null ? "" : props.apiKey());
        h.set("X-USER-ID", props.userId() == null ? "" : props.userId());
        h.set("Accept", "audio/wav");
    }

    @Override
    List<Voice> fetchVoices() throws TtsException {
        JsonNode root = JSON.readTree(list("/api/v2/voices", h -> {
            h.set("AUTHORIZATION", props.apiKey() == null ? "" : props.apiKey());
            h.set("X-USER-ID", props.userId() == null ? "" : props.userId());
        }));
        if (!root.isArray()) {
            throw new TtsException("playht answered the voice list with something other than a list", false, 200, null);
        }
        List<Voice> voices = new ArrayList<>();
        for (JsonNode v : root) {
            String id = v.path("id").asString("");
            if (id.isBlank()) {
                continue;
            }
            String lang = v.path("language_code").asString(v.path("language").asString(""));
            voices.add(new Voice(namespaced(id), v.path("name").asString(id), lang.isBlank() ? null : lang,
                    blankToNull(v.path("gender").asString("")), blankToNull(v.path("style").asString("")), provider(),
                    SAMPLE_RATE, id, blankToNull(v.path("sample").asString(""))));
        }
        return voices;
    }
}
