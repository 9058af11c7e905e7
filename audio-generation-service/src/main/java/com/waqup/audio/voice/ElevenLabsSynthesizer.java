package com.waqup.audio.voice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.waqup.audio.render.Pcm;
import com.waqup.common.http.VendorHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ElevenLabs text-to-speech: {@code POST /v1/text-to-speech/{voice_id}?output_format=pcm_22050} with the
 * {@code xi-api-key} header and {@code {text, model_id, voice_settings}}; the answer is raw 16-bit mono PCM at
 * 22.05 kHz, so segments and silences join exactly like espeak-ng's. The pace becomes {@code voice_settings.speed}
 * (0.7-1.2, 1.0 = the voice's natural ~130 wpm). Voices: {@code GET /v1/voices}
 * ({@code {voices: [{voice_id, name, category, labels: {gender, accent, description, ...}}]}}), listed as
 * {@code elevenlabs:<voice_id>}.
 */
public class ElevenLabsSynthesizer extends VendorSynthesizer {

    static final int SAMPLE_RATE = 22050;

    private final TtsProperties.ElevenLabs props;

    ElevenLabsSynthesizer(VendorHttp http, VendorHttp listHttp, TtsProperties tts) {
        super("elevenlabs", SAMPLE_RATE, http, listHttp);
        this.props = tts.elevenlabs();
    }

    @Override
    Map<String, String> aliases() {
        return props.voices();
    }

    static double speed(Pace pace) {
        return Math.max(0.7, Math.min(1.2, pace.wordsPerMinute() / 130.0));
    }

    @Override
    public Pcm synthesize(String text, Voice voice, Pace pace, Path workDir) throws TtsException {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", text);
        body.put("model_id", props.modelId());
        ObjectNode settings = body.putObject("voice_settings");
        settings.put("stability", 0.6);
        settings.put("similarity_boost", 0.75);
        settings.put("speed", Math.round(speed(pace) * 100) / 100.0);
        byte[] audio = post("/v1/text-to-speech/" + voice.engineVoice() + "?output_format=pcm_" + SAMPLE_RATE,
                h -> {
                    h.set("xi-api-key", props.apiKey() == null ? "" : props.apiKey());
                    h.set("Accept", "application/octet-stream");
                }, JSON.writeValueAsString(body));
        if (audio.length % 2 != 0) {
            throw new TtsException("elevenlabs returned a partial sample", true, 200, null);
        }
        return new Pcm(audio, SAMPLE_RATE);
    }

    @Override
    List<Voice> fetchVoices() throws TtsException {
        JsonNode root = JSON.readTree(list("/v1/voices", h -> h.set("xi-api-key", props.apiKey() == null ? "" : props.apiKey())));
        List<Voice> voices = new ArrayList<>();
        for (JsonNode v : root.path("voices")) {
            String id = v.path("voice_id").asString("");
            if (id.isBlank()) {
                continue;
            }
            JsonNode labels = v.path("labels");
            String accent = labels.path("accent").asString("");
            String style = labels.path("description").asString(labels.path("use_case").asString(v.path("category").asString("")));
            voices.add(new Voice(namespaced(id), v.path("name").asString(id), language(accent),
                    blankToNull(labels.path("gender").asString("")), blankToNull(style), provider(), SAMPLE_RATE, id,
                    blankToNull(v.path("preview_url").asString(""))));
        }
        return voices;
    }

    private static String language(String accent) {
        return switch (accent.toLowerCase(Locale.ROOT)) {
            case "american" -> "en-US";
            case "british" -> "en-GB";
            case "australian" -> "en-AU";
            case "irish" -> "en-IE";
            default -> "en";
        };
    }
}
