package com.waqup.library;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Content items, playback with pre-signed URLs, practice events, history, streaks, organization, export, sharing. */
@SpringBootApplication
public class RitualLibraryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RitualLibraryServiceApplication.class, args);
    }
}
