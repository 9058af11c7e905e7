package com.waqup.audio.voice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.waqup.audio.render.Pcm;
import com.waqup.common.http.VendorHttp;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The ElevenLabs adapter against a WireMock speaking ElevenLabs' documented API. */
class ElevenLabsSynthesizerTest extends VendorSynthesizerContract {

    static final String VOICE = "21m00Tcm4TlvDq8Ikwcn";
    static final String TTS_PATH = "/v1/text-to-speech/" + VOICE;

    @Override
    String provider() {
        return "elevenlabs";
    }

    @Override
    VendorSynthesizer synthesizer(VendorHttp http, VendorHttp listHttp) {
        TtsProperties tts = new TtsProperties(null, null, null, null, null, null, null, null, null,
                new TtsProperties.ElevenLabs(vendor.baseUrl(), "test-eleven-key", "eleven_multilingual_v2", null), null, null, null);
        return new ElevenLabsSynthesizer(http, listHttp, tts);
    }

    @Override
    String vendorVoice() {
        return VOICE;
    }

    @Override
    String ttsPath() {
        return TTS_PATH;
    }

    @Override
    String secret() {
        return "test-eleven-key";
    }

    @Override
    ResponseDefinitionBuilder refusedCredentials() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}");
    }

    @Override
    ResponseDefinitionBuilder speech(double seconds) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream")
                .withBody(VendorAudio.pcm22050(seconds));
    }

    @Test
    void shouldPostTheDocumentedRequestAndReturnTheVendorsPcm() throws Exception {
        byte[] audio = VendorAudio.pcm22050(0.4);
        vendor.stubFor(post(urlPathEqualTo(TTS_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(audio)));

        Pcm pcm = synthesizer.synthesize("I am calm.", voice(), Pace.SLOWER, dir);

        assertThat(pcm.sampleRate()).isEqualTo(22050);
        assertThat(pcm.samples()).isEqualTo(audio);
        assertThat(pcm.seconds()).isCloseTo(0.4, Offset.offset(0.01));
        vendor.verify(1, postRequestedFor(urlPathEqualTo(TTS_PATH))
                .withQueryParam("output_format", equalTo("pcm_22050"))
                .withHeader("xi-api-key", equalTo("test-eleven-key"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.text", equalTo("I am calm.")))
                .withRequestBody(matchingJsonPath("$.model_id", equalTo("eleven_multilingual_v2")))
                .withRequestBody(matchingJsonPath("$.voice_settings.stability"))
                .withRequestBody(matchingJsonPath("$.voice_settings.similarity_boost"))
                .withRequestBody(matchingJsonPath("$.voice_settings.speed", equalTo("0.85"))));
    }

    @Test
    void shouldListTheVendorsVoicesWithNamespacedIds() throws Exception {
        vendor.stubFor(get(urlPathEqualTo("/v1/voices")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"voices": [
                          {"voice_id": "21m00Tcm4TlvDq8Ikwcn", "name": "Rachel", "category": "premade",
                           "labels": {"accent": "american", "description": "calm", "age": "young", "gender": "female", "use_case": "narration"},
                           "preview_url": "https://example.invalid/rachel.mp3"},
                          {"voice_id": "onwK4e9ZLuTAKqWW03F9", "name": "Daniel", "category": "premade",
                           "labels": {"accent": "british", "gender": "male", "use_case": "news"}},
                          {"name": "no id"}
                        ]}""")));

        List<Voice> voices = synthesizer.fetchVoices();

        assertThat(voices).extracting(Voice::id).containsExactly("elevenlabs:21m00Tcm4TlvDq8Ikwcn", "elevenlabs:onwK4e9ZLuTAKqWW03F9");
        Voice rachel = voices.getFirst();
        assertThat(rachel.name()).isEqualTo("Rachel");
        assertThat(rachel.language()).isEqualTo("en-US");
        assertThat(rachel.gender()).isEqualTo("female");
        assertThat(rachel.style()).isEqualTo("calm");
        assertThat(rachel.provider()).isEqualTo("elevenlabs");
        assertThat(rachel.engineVoice()).isEqualTo("21m00Tcm4TlvDq8Ikwcn");
        assertThat(voices.get(1).language()).isEqualTo("en-GB");
        assertThat(voices.get(1).style()).isEqualTo("news");
        vendor.verify(1, getRequestedFor(urlPathEqualTo("/v1/voices")).withHeader("xi-api-key", equalTo("test-eleven-key")));
    }
}
