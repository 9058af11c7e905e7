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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.waqup.audio.render.Pcm;
import com.waqup.common.http.VendorHttp;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The PlayHT adapter against a WireMock speaking PlayHT's documented v2 API. */
class PlayHtSynthesizerTest extends VendorSynthesizerContract {

    static final String VOICE = "s3://voice-cloning-zero-shot/d9ff78ba-d016-47f6-b0ef-dd630f59414e/female-cs/manifest.json";
    static final String TTS_PATH = "/api/v2/tts/stream";

    @Override
    String provider() {
        return "playht";
    }

    @Override
    VendorSynthesizer synthesizer(VendorHttp http, VendorHttp listHttp) {
        TtsProperties tts = new TtsProperties(null, null, null, null, null, null, null, null, null, null,
                new TtsProperties.PlayHt(vendor.baseUrl(), "test-playht-key", "test-playht-user", null, null), null, null);
        return new PlayHtSynthesizer(http, listHttp, tts);
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
        return "test-playht-key";
    }

    @Override
    ResponseDefinitionBuilder refusedCredentials() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error_message\":\"Invalid credentials\",\"error_id\":\"UNAUTHORIZED\"}");
    }

    @Override
    ResponseDefinitionBuilder speech(double seconds) {
        return aResponse().withStatus(200).withHeader("Content-Type", "audio/wav").withBody(VendorAudio.wav22050(seconds));
    }

    @Test
    void shouldPostTheDocumentedRequestAndReadTheVendorsWav() throws Exception {
        byte[] wav = VendorAudio.wav22050(0.5);
        vendor.stubFor(post(urlPathEqualTo(TTS_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "audio/wav").withBody(wav)));

        Pcm pcm = synthesizer.synthesize("I am someone who rests.", voice(), Pace.FASTER, dir);

        assertThat(pcm.sampleRate()).isEqualTo(22050);
        assertThat(pcm.seconds()).isCloseTo(0.5, Offset.offset(0.01));
        assertThat(voice().id()).isEqualTo("playht:" + VOICE);
        vendor.verify(1, postRequestedFor(urlPathEqualTo(TTS_PATH))
                .withHeader("AUTHORIZATION", equalTo("test-playht-key"))
                .withHeader("X-USER-ID", equalTo("test-playht-user"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.text", equalTo("I am someone who rests.")))
                .withRequestBody(matchingJsonPath("$.voice", equalTo(VOICE)))
                .withRequestBody(matchingJsonPath("$.output_format", equalTo("wav")))
                .withRequestBody(matchingJsonPath("$.voice_engine", equalTo("PlayHT2.0")))
                .withRequestBody(matchingJsonPath("$.sample_rate", equalTo("22050")))
                .withRequestBody(matchingJsonPath("$.speed", equalTo("1.08"))));
    }

    @Test
    void shouldRefuseAnAnswerThatIsNotWav() {
        vendor.stubFor(post(urlPathEqualTo(TTS_PATH)).willReturn(aResponse().withStatus(200).withBody("ID3 an mp3, not asked for")));

        assertThatThrownBy(() -> synthesizer.synthesize("Hello.", voice(), Pace.MODERATE, dir))
                .isInstanceOfSatisfying(TtsException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void shouldListTheVendorsVoicesWithNamespacedIds() throws Exception {
        vendor.stubFor(get(urlPathEqualTo("/api/v2/voices")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        [{"id": "s3://voice-cloning-zero-shot/d9ff78ba-d016-47f6-b0ef-dd630f59414e/female-cs/manifest.json",
                          "name": "Jennifer", "sample": "https://example.invalid/jennifer.wav", "accent": "american", "age": "adult",
                          "gender": "female", "language": "English (US)", "language_code": "en-US", "loudness": "neutral",
                          "style": "narrative", "tempo": "neutral", "texture": "smooth", "is_cloned": false, "voice_engine": "PlayHT2.0"},
                         {"id": "s3://peregrine-voices/oliver_narrative2_parrot_saad/manifest.json", "name": "Oliver",
                          "gender": "male", "language": "English (GB)", "language_code": "en-GB", "voice_engine": "PlayHT2.0"}]""")));

        List<Voice> voices = synthesizer.fetchVoices();

        assertThat(voices).extracting(Voice::id).containsExactly("playht:" + VOICE,
                "playht:s3://peregrine-voices/oliver_narrative2_parrot_saad/manifest.json");
        assertThat(voices.getFirst().name()).isEqualTo("Jennifer");
        assertThat(voices.getFirst().language()).isEqualTo("en-US");
        assertThat(voices.getFirst().gender()).isEqualTo("female");
        assertThat(voices.getFirst().style()).isEqualTo("narrative");
        assertThat(voices.getFirst().engineVoice()).isEqualTo(VOICE);
        vendor.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/voices"))
                .withHeader("AUTHORIZATION", equalTo("test-playht-key")).withHeader("X-USER-ID", equalTo("test-playht-user")));
    }
}
