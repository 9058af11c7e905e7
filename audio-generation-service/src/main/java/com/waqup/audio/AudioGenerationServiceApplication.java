package com.waqup.audio;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Voices catalog, TTS per segment, pauses, pace, music bed, loudness, encoding and upload to S3. */
@SpringBootApplication
public class AudioGenerationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AudioGenerationServiceApplication.class, args);
    }
}
